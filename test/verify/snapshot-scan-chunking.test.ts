import { describe, expect, it } from 'vitest';
import { scanSnapshot } from '../../src/verify/index.js';
import { real } from './helpers.js';

/** The streaming snapshot scan gives the same answer whatever the read size (declarations cross chunk boundaries). */

describe('scanSnapshot is chunk-size invariant', () => {
  const cases = [
    { file: 'fo-secondary.leases', family: 'v4' as const, caps: { leases: 10 } },
    { file: 'fo-primary.leases', family: 'v4' as const, caps: { leases: 0 } },
    { file: 'v6.leases', family: 'v6' as const, caps: { 'ia-na': 1, 'ia-ta': 0, 'ia-pd': 1 } },
  ];
  for (const { file, family, caps } of cases) {
    it(file, () => {
      const whole = scanSnapshot(real(file), family, caps);
      for (const chunk of [1, 7, 64, 333, 4096]) {
        const small = scanSnapshot(real(file), family, caps, chunk);
        expect({ t: small.tallies, e: small.end, a: small.appended }, `chunk ${chunk}`).toEqual({
          t: whole.tallies,
          e: whole.end,
          a: whole.appended,
        });
      }
    });
  }

  it('v6.leases with caps 1 NA, 1 PD: both IAs are the snapshot, nothing appended', () => {
    const scan = scanSnapshot(real('v6.leases'), 'v6', { 'ia-na': 1, 'ia-ta': 0, 'ia-pd': 1 });
    expect(scan.tallies['ia-na'].found).toBe(1);
    expect(scan.tallies['ia-pd'].found).toBe(1);
    expect(scan.end).toBeNull();
    expect(scan.appended).toBe(0);
  });
});
