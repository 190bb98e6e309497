// dhcpd's lexer compares keywords without regard to case (conflex.c intern):
// `LEASE` and `Starts` are `lease` and `starts` to it, and `dhcpd -T` reads
// such a lease silently. leasecheck's grammar reads keywords as dhcpd writes
// them, in lower case, so it cannot check such a declaration (a known
// difference, docs/commands.md); its message must then say what dhcpd does,
// not "Corrupt lease file", which dhcpd does not log.
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { tempDir, write } from '../helpers.js';
import { requireRealDhcpd } from '../harness/index.js';
import { cachedDhcpdTests } from './cached-dhcpd-test.js';
import { plainConf } from './leases-for-cuts.js';

const gate = requireRealDhcpd();
const dir = tempDir('keyword-case');
const now = new Date('2026-11-28T13:00:00Z');

const cases: Array<{ text: string; found: string; keyword: string }> = [
  {
    text: 'LEASE 10.0.0.20 {\n  starts 1 2001/01/01 00:10:00;\n  ends 4 2037/12/31 00:00:00;\n  binding state active;\n}\n',
    found: 'LEASE',
    keyword: 'lease',
  },
  {
    text: 'lease 10.0.0.21 {\n  Starts 1 2001/01/01 00:10:00;\n  ends 4 2037/12/31 00:00:00;\n  binding state active;\n}\n',
    found: 'Starts',
    keyword: 'starts',
  },
];

describe.skipIf(gate.skip)('keywords in another case than dhcpd writes them', () => {
  it('dhcpd -T reads the lease silently; check says so, and that it did not check it', async () => {
    const real = await cachedDhcpdTests(
      'keyword-case',
      cases.map(({ text }) => ({ conf: { content: plainConf }, leases: { content: text } })),
    );
    for (const [i, { text, found, keyword }] of cases.entries()) {
      expect(real[i]!.warnings).toEqual([]);
      expect(real[i]!.wrote.leases).toBe(1);
      const report = await checkLeaseFile(write(dir, `case${i}.leases`, text), { now });
      expect(report.problems).toHaveLength(1);
      const message = report.problems[0]!.message;
      expect(message).toContain(
        `dhcpd reads keywords in any case: "${found}" is "${keyword}" to it; leasecheck reads them as dhcpd writes them, in lower case, and has not checked this declaration`,
      );
      expect(message).not.toContain('Corrupt lease file');
    }
  }, 60_000);

  it('a word that is no keyword in any case keeps the message of what dhcpd does with it', async () => {
    const report = await checkLeaseFile(
      write(
        dir,
        'junk.leases',
        'LEASES 10.0.0.20 {\n  binding state active;\n}\nlease 10.0.0.21 {\n  binding state active;\n}\n',
      ),
      { now },
    );
    expect(report.problems[0]!.message).toContain(
      'dhcpd logs "Corrupt lease file - possible data loss!" and skips to the next ";"',
    );
  });
});
