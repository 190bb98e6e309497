// An IA time dhcpd -6 reads as before 1970, against the real dhcpd -6 -T:
// write_ia's print_time refuses a negative time, so every rewrite of the
// lease file fails there ("write_ia: unable to write ia") and dhcpd -T never
// says "Lease file test successful". write_ia prints the IA's `cltt` and the
// `ends` of each address the IA keeps (active or abandoned): check must call
// exactly those an error (`unwritable-time`, on the statement's line), and
// pass the times dhcpd never prints. dhcpd's answers are kept between runs
// (cached-dhcpd-test.ts): the mutation run repeats this test for every mutant.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { requireRealDhcpd } from '../harness/index.js';
import { tempDir } from '../helpers.js';
import { cachedDhcpdTests } from './cached-dhcpd-test.js';

const gate = requireRealDhcpd();

const conf = `authoritative;
subnet6 fd00::/64 {
  range6 fd00::100 fd00::1ff;
}
`;
const past = '4 1969/12/10 20:00:00';
const later = '4 2026/12/10 20:00:00';
const epoch = '4 1970/01/01 00:00:00';
const duid = '\\000\\000\\000\\000\\001\\000\\0012\\235\\213hz%\\335R';

/** An IA_NA with its cltt and address blocks (address, state, ends). */
function ia(id: string, cltt: string, ...blocks: [string, string, string][]): string {
  return (
    `ia-na "${id}${duid}" {\n  cltt ${cltt};\n` +
    blocks
      .map(
        ([address, state, ends]) =>
          `  iaaddr ${address} {\n    binding state ${state};\n    preferred-life 375;\n    max-life 600;\n    ends ${ends};\n  }\n`,
      )
      .join('') +
    '}\n'
  );
}

/** The file, and the line and field check names (null: dhcpd writes it). */
const cases: [string, { line: number; field: 'cltt' | 'ends' } | null][] = [
  // The ends of an active address, and the IA's cltt.
  [ia('\\001', later, ['fd00::105', 'active', past]), { line: 7, field: 'ends' }],
  [ia('\\001', past, ['fd00::105', 'active', later]), { line: 2, field: 'cltt' }],
  // An abandoned address is kept too: the second address's ends.
  [
    ia('\\001', later, ['fd00::105', 'active', later], ['fd00::106', 'abandoned', past]),
    { line: 13, field: 'ends' },
  ],
  // The cltt is printed first: it is named when both are before 1970.
  [ia('\\001', past, ['fd00::105', 'active', past]), { line: 2, field: 'cltt' }],
  // A second IA, after a clean one.
  [
    ia('\\001', later, ['fd00::105', 'active', later]) +
      ia('\\002', later, ['fd00::106', 'active', past]),
    { line: 16, field: 'ends' },
  ],
  // Times write_ia never prints: an expired address's ends (not kept in the IA), the cltt of
  // an IA with no address left (not written), a cltt a later one replaces.
  [ia('\\001', later, ['fd00::105', 'active', later], ['fd00::106', 'expired', past]), null],
  [ia('\\001', past, ['fd00::105', 'released', later]), null],
  [
    ia('\\001', later, ['fd00::105', 'active', later]).replace(
      `  cltt ${later};\n`,
      `  cltt ${past};\n  cltt ${later};\n`,
    ),
    null,
  ],
  // The epoch itself is no negative time: print_time writes it.
  [ia('\\001', epoch, ['fd00::105', 'active', epoch]), null],
];

const dir = tempDir('ia-time');

describe.skipIf(gate.skip)('an IA time before 1970 (real dhcpd -6 -T)', () => {
  it('is an error exactly where write_ia fails, on the statement dhcpd cannot print', async () => {
    const results = await cachedDhcpdTests(
      'ia-unwritable-time',
      cases.map(([leases]) => ({
        conf: { content: conf },
        leases: { content: leases },
        family: 6 as const,
      })),
    );
    for (const [i, [text, want]] of cases.entries()) {
      const failed = results[i]!.other.includes('write_ia: unable to write ia');
      expect(failed, text).toBe(want !== null);
      const path = join(dir, `case${i}.leases`);
      await writeFile(path, text, 'latin1');
      const report = await checkLeaseFile(path, { now: new Date('2026-12-10T12:00:00Z') });
      if (want === null) {
        expect(report.verdict, text).toBe('clean');
        expect(report.problems).toEqual([]);
        continue;
      }
      expect(report.verdict, text).toBe('corrupt');
      expect(report.problems).toEqual([
        expect.objectContaining({ code: 'unwritable-time', severity: 'error', line: want.line }),
      ]);
      expect(report.problems[0]?.message).toContain(
        `this ia-na's ${want.field} as a time before 1970`,
      );
    }
  });
});
