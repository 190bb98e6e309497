// A cut last declaration longer than the 16 MiB check reads whole: its text
// is not read again, so the truncated tail is placed where the scan left it
// (the end of the file). When the file ends inside the last token, that is
// the line and column dhcpd names too. The long part is one comment line, so
// that the file costs the scan little (this test runs for many mutants).
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { requireRealDhcpd } from '../harness/index.js';
import { cachedDhcpdTests } from '../dhcpd/cached-dhcpd-test.js';
import { plainConf } from '../dhcpd/leases-for-cuts.js';
import { tempDir, write } from '../helpers.js';

const gate = requireRealDhcpd();
const dir = tempDir('check-cut-over-16-mib');
const now = new Date('2026-11-28T13:00:00Z');
const MiB16 = 16 * 1024 * 1024;

const first = 'lease 10.0.0.1 {\n  binding state free;\n}\n';
// Lines 4 and 5: the cut lease's head and a comment of just over 16 MiB; line 6 is cut in a word.
const text = `${first}lease 10.0.0.2 {\n#${'x'.repeat(MiB16 + 1000)}\n  binding sta`;

describe.skipIf(gate.skip)('a cut declaration longer than 16 MiB (dhcpd -T)', () => {
  it('is a truncated tail on the line and column of its cut last word, where dhcpd names it', async () => {
    const report = await checkLeaseFile(write(dir, 'cut.leases', text), { now });
    expect(report.verdict).toBe('truncated-tail');
    expect(report.problems).toHaveLength(1);
    const p = report.problems[0]!;
    expect(p).toMatchObject({
      code: 'truncated-tail',
      severity: 'error',
      line: 6,
      column: 14,
      offset: text.length,
      declaration: { offset: first.length, line: 4, kind: 'lease' },
    });
    expect(p.declaration!.length).toBeGreaterThan(MiB16);
    expect(report.truncated).toMatchObject({ kind: 'lease', key: '10.0.0.2' });

    const [real] = await cachedDhcpdTests('cut-tail-over-16-mib', [
      { conf: { content: plainConf }, leases: { content: text } },
    ]);
    expect(real!.warnings.at(-1)).toMatchObject({
      line: 6,
      message: expect.stringContaining('unexpected end of file'),
    });
    expect(real!.wrote.leases).toBe(0);
  }, 60_000);
});
