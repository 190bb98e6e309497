import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { tempDir, write } from '../helpers.js';

/**
 * A lease cut at the end of a large file: check names the earlier
 * declaration of the same address, which dhcpd keeps, with its line. The
 * scan of a file of 8 MiB or more counts lines as it reads and marks where
 * it got to; that line is counted from the nearest mark, and must be the
 * line a count from the file's start gives.
 */
describe('the earlier declaration of a lease cut at the end of a 9 MB file', () => {
  const lease = (i: number, state = 'active'): string =>
    `lease 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} {\n  starts 4 2026/01/01 00:00:00;\n` +
    `  ends 4 2026/01/01 01:00:00;\n  binding state ${state};\n` +
    `  client-hostname "${'h'.repeat(i % 40)}";\n}\n`;
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < 9 * 1024 * 1024; i++) {
    parts.push(lease(i, i === 20_000 ? 'free' : 'active'));
    length += parts[i]!.length;
  }
  const earlier = parts.slice(0, 20_000).join('').length;
  const address = '10.0.78.32'; // lease 20,000
  const text = `${parts.join('')}lease ${address} {\n  starts 4 2026/01/01 02:00:00;\n  binding sta`;
  const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;

  it('is found at its offset and line', async () => {
    const path = write(tempDir('previous-line'), 'cut.leases', text);
    const report = await checkLeaseFile(path, { now: new Date('2026-01-01T00:30:00Z') });
    expect(report.verdict).toBe('truncated-tail');
    expect(report.truncated).toMatchObject({ kind: 'lease', key: address });
    expect(earlier).toBeGreaterThan(2 * 1024 * 1024);
    expect(report.truncated?.previous).toMatchObject({
      offset: earlier,
      line: lineOf(earlier),
      bindingState: 'free',
    });
  });
});
