// A host, group, class or subclass cut right after `delete`, the start of
// `deleted;`: dhcpd's lexer reads the keyword `delete`, which no statement
// starts with, and warns "expecting a parameter or declaration" on the line
// of the token before it, then "unexpected end of file" on the cut line.
// leasecheck names both lines; cut one byte earlier (`delet`, a plain word),
// dhcpd names only the cut line, and so does leasecheck.
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { dhcpdTestMany, requireRealDhcpd } from '../harness/index.js';
import { tempDir, write } from '../helpers.js';

const gate = requireRealDhcpd();
const dir = tempDir('cut-after-delete');
const now = new Date('2026-12-10T12:00:00Z');
const conf = `authoritative;
class "super-a" { spawn with option agent.circuit-id; }
subnet 10.0.0.0 netmask 255.255.0.0 { range 10.0.0.10 10.0.0.250; }
`;
const header = 'authoring-byte-order little-endian;\n\n';
const heads = {
  host: 'host old-3 {\n  dynamic;\n',
  group: 'group g {\n  dynamic;\n        supersede domain-name = "a";\n',
  class: 'class "dyn-class-1" {\n',
  subclass: 'subclass "super-a" c1:23:6f:c9 {\n',
};

describe.skipIf(gate.skip)('a declaration cut after `delete` (dhcpd -T)', () => {
  it('carries a problem on each line dhcpd names: the warning before the cut, and the cut', async () => {
    const cases = Object.entries(heads).flatMap(([kind, head]) =>
      ['  delete', '  delet'].map((tail) => ({ kind, text: header + head + tail })),
    );
    const real = await dhcpdTestMany(
      cases.map((c) => ({
        conf: { content: conf },
        leases: { content: c.text },
        family: 4 as const,
      })),
    );
    for (const [i, c] of cases.entries()) {
      const report = await checkLeaseFile(write(dir, `c${i}.leases`, c.text), { now });
      const label = `${c.kind} ending ${JSON.stringify(c.text.slice(-8))}`;
      expect(report.verdict, label).toBe('truncated-tail');
      const dhcpdLines = real[i]!.warnings.map((w) => w.line);
      const warned = report.problems.filter((p) => p.code === 'dhcpd-warns').map((p) => p.line);
      const cut = report.problems.find((p) => p.code === 'truncated-tail')!.line;
      if (c.text.endsWith('delete')) {
        expect(real[i]!.warnings[0]?.message, label).toBe('expecting a parameter or declaration');
        expect(warned, label).toEqual([cut - 1]);
        expect(dhcpdLines, label).toEqual([cut - 1, cut]);
      } else {
        expect(warned, label).toEqual([]);
        expect(new Set(dhcpdLines), label).toEqual(new Set([cut]));
      }
    }
  }, 60_000);
});
