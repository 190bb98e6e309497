import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkVerdict, runFuzz } from '../../src/fuzz/index.js';
import { dhcpdUnavailable } from '../arbitraries/dhcpd.js';
import { inCi } from '../arbitraries/prerequisites.js';

const unavailable = dhcpdUnavailable();
if (unavailable) console.warn(`SKIPPED fuzz against real dhcpd: ${unavailable}`);

/** dhcpd -T always exits 0: its verdict is whether it printed a parse warning. */
const dhcpd = {
  against: 'dhcpd -T {-6} -cf {conf} -lf {}',
  expectWarnings: /line [0-9]+:|Corrupt lease file/m,
  timeoutMs: 60_000,
};

describe('fuzz against the real dhcpd -T', () => {
  it.runIf(inCi && unavailable !== null)('has its prerequisites under CI', () => {
    expect.fail(`cannot fuzz against real dhcpd: ${unavailable}`);
  });

  it.skipIf(unavailable !== null)(
    'agrees with dhcpd on whole files and on files cut inside their last declaration (v4 and v6)',
    async () => {
      const report = await runFuzz(
        {
          ...dhcpd,
          runs: 40,
          seed: 2026,
          kinds: ['clean', 'truncated'],
          family: 'any',
        },
        checkVerdict,
      );
      expect(report.disagreement, JSON.stringify(report.disagreement, null, 2)).toBeNull();
      expect(report.tried).toBe(40);
    },
    300_000,
  );

  it.skipIf(unavailable !== null)(
    'runs on damaged files and, when they disagree, hands back a shrunk file dhcpd and leasecheck judge differently',
    async () => {
      const report = await runFuzz(
        {
          ...dhcpd,
          runs: 30,
          seed: 11,
          kinds: ['corrupt'],
          family: 'v4',
          // Each shrinking step runs dhcpd -T: bound the whole run.
          timeLimitMs: 60_000,
        },
        checkVerdict,
      );
      const d = report.disagreement;
      if (d) {
        expect(d.reader.accepts).not.toBe(d.leasecheck.accepts);
        expect(d.reader.output).toContain('Lease file test successful');
        rmSync(d.file.replace(/\/dhcpd\.leases$/, ''), { recursive: true, force: true });
      } else expect(report.tried).toBeGreaterThan(report.interrupted ? 0 : 29);
    },
    300_000,
  );
});
