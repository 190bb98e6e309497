// A cut last declaration longer than the 64 KiB the scan keeps of it: the
// truncated tail is reported on the line and column dhcpd names (the end of
// the last token it read), as for a short one, not where the file ends after
// blank lines and comments, nor where the grammar stopped in the cut token.
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { requireRealDhcpd } from '../harness/index.js';
import { cachedDhcpdTests } from '../dhcpd/cached-dhcpd-test.js';
import { plainConf } from '../dhcpd/leases-for-cuts.js';
import { tempDir, write } from '../helpers.js';

const gate = requireRealDhcpd();
const dir = tempDir('check-long-cut');
const now = new Date('2026-11-28T13:00:00Z');

const first = 'lease 10.0.0.1 {\n  binding state free;\n}\n';
// 4,000 statements dhcpd accepts (about 75 KB): longer than the 64 KiB kept.
const long = `lease 10.0.0.2 {\n${Array.from({ length: 4000 }, (_, i) => `  set v${i} = "x";\n`).join('')}`;
const cases = [
  // Cut inside a word: the end of the file, on the line of the cut token.
  { tail: '  binding sta', line: 4005, column: 14 },
  // Only the `}` missing, then a blank line and a comment: the end of the `;`.
  { tail: '  binding state free;\n\n# comment\n', line: 4005, column: 22 },
];

describe.skipIf(gate.skip)('the line of a long cut declaration (dhcpd -T)', () => {
  it('is the line dhcpd names, and the column of the end of the last token', async () => {
    const texts = cases.map((c) => first + long + c.tail);
    const real = await cachedDhcpdTests(
      'long-cut-tail-line',
      texts.map((t) => ({ conf: { content: plainConf }, leases: { content: t } })),
    );
    for (const [i, c] of cases.entries()) {
      const report = await checkLeaseFile(write(dir, `f${i}.leases`, texts[i]!), { now });
      expect(report.verdict).toBe('truncated-tail');
      const p = report.problems.find((x) => x.code === 'truncated-tail');
      expect(p).toMatchObject({ line: c.line, column: c.column, severity: 'error' });
      expect(p!.declaration!.length).toBeGreaterThan(64 * 1024);
      // dhcpd names the same line for its last warning ("unexpected end of file").
      expect(real[i]!.warnings.at(-1)).toMatchObject({
        line: c.line,
        message: expect.stringContaining('unexpected end of file'),
      });
    }
  }, 60_000);
});
