// A word that begins like a declaration keyword but is longer (`leaseX`,
// `lease9`, `lease_1`, `host2`) is one name to dhcpd's lexer (read_num_or_name
// reads letters, digits, `-` and `_`), not the keyword: lease_file_subparse
// logs "Corrupt lease file - possible data loss!" and skips it, as any junk. At
// the tail it is junk that repair removes, not a damaged lease; `lease.` is the
// keyword followed by a dot, a lease declaration dhcpd fails to read. Each case
// is compared with `dhcpd -T` (answers kept, see cached-dhcpd-test.ts).
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { requireRealDhcpd } from '../harness/index.js';
import { cachedDhcpdTests } from '../dhcpd/cached-dhcpd-test.js';
import { plainConf } from '../dhcpd/leases-for-cuts.js';
import { tempDir, write } from '../helpers.js';

const gate = requireRealDhcpd();
const dir = tempDir('check-keyword-like');
const now = new Date('2026-11-28T13:00:00Z');
const whole =
  'lease 10.0.0.20 {\n  starts 4 2030/01/03 00:00:00;\n  ends 5 2031/01/03 00:00:00;\n  binding state active;\n}\n';
const corrupt = 'Corrupt lease file - possible data loss!';

/** Tails after one whole lease that dhcpd does not take for a declaration. */
const junkTails = [
  'leaseX foo;\n',
  'lease9 foo;\n',
  'lease_1 10.0.0.5 {\n  binding state active;\n}\n',
  'host2 x;\n',
  // A word that names a property of every JavaScript object.
  'constructor foo;\n',
];

describe.skipIf(gate.skip)('a word that begins like a declaration keyword (dhcpd -T)', () => {
  it('at the tail: junk that repair removes, as dhcpd skips it as corrupt and loads the lease before it', async () => {
    const real = await cachedDhcpdTests(
      'keyword-like-junk',
      junkTails.map((tail) => ({
        conf: { content: plainConf },
        leases: { content: whole + tail },
      })),
    );
    for (const [i, tail] of junkTails.entries()) {
      expect(real[i]!.warnings.map((w) => w.message)).toEqual([corrupt]);
      expect(real[i]!.wrote.leases).toBe(1);
      const report = await checkLeaseFile(write(dir, `junk${i}.leases`, whole + tail), { now });
      expect(report.verdict, tail).toBe('truncated-tail');
      expect(
        report.problems.map((p) => [p.code, p.line]),
        tail,
      ).toEqual([['junk-at-tail', 6]]);
      expect(report.problems[0]!.message).toMatch(
        /^junk after the last complete declaration \(.*\): dhcpd logs "Corrupt lease file - possible data loss!" and loads nothing of it; repair removes it$/,
      );
      expect(report.truncated).toMatchObject({ offset: whole.length, kind: null, key: null });
      expect(report.leases).toEqual({ distinct: 1, byState: { active: 1 } });
    }
  }, 60_000);

  it('in the middle: "not a lease-file declaration", and the lease after it still counts', async () => {
    const text = `${whole}lease9 x;\n${whole.replace('10.0.0.20', '10.0.0.21')}`;
    const [real] = await cachedDhcpdTests('keyword-like-middle', [
      { conf: { content: plainConf }, leases: { content: text } },
    ]);
    expect(real!.warnings.map((w) => w.message)).toEqual([corrupt]);
    expect(real!.wrote.leases).toBe(2);
    const report = await checkLeaseFile(write(dir, 'middle.leases', text), { now });
    expect(report.verdict).toBe('corrupt');
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({
      code: 'unknown-declaration',
      line: 6,
      declaration: { offset: whole.length, line: 6, kind: null },
    });
    expect(report.problems[0]!.message).toMatch(
      /^not a lease-file declaration: .* \(dhcpd logs "Corrupt lease file - possible data loss!" and skips to the next ";"\)$/,
    );
    expect(report.leases).toEqual({ distinct: 2, byState: { active: 2 } });
  }, 60_000);

  it('`lease.` is the keyword and a dot: a damaged lease (dhcpd: "expecting numeric value"), not junk', async () => {
    const text = `${whole}lease. foo;\n`;
    const [real] = await cachedDhcpdTests('keyword-then-dot', [
      { conf: { content: plainConf }, leases: { content: text } },
    ]);
    expect(real!.warnings[0]).toMatchObject({ line: 6, message: 'expecting numeric value.' });
    expect(real!.warnings.map((w) => w.message)).not.toContain(corrupt);
    expect(real!.wrote.leases).toBe(1);
    const report = await checkLeaseFile(write(dir, 'dot.leases', text), { now });
    expect(report.verdict).toBe('corrupt');
    expect(report.truncated).toBeNull();
    expect(report.problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ['syntax-error', 6, 6],
    ]);
    expect(report.problems[0]!.message).toBe(
      'expected an IPv4 address, found "." in lease declaration starting at line 6',
    );
  }, 60_000);
});
