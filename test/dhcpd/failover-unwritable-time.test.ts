// A failover state time dhcpd reads as before 1970, against the real
// dhcpd -T: write_failover_state's print_time refuses a negative time, so
// every rewrite of the lease file fails there ("write_failover_state:
// unable to write state foo") and dhcpd -T never says "Lease file test
// successful". dhcpd keeps the last state of a peer dhcpd.conf declares:
// check must call exactly that an error (`unwritable-time`), and pass a
// state a later one replaces, the epoch itself, and (with --config) a peer
// dhcpd.conf does not declare. dhcpd's answers are kept between runs
// (cached-dhcpd-test.ts).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { planFromText } from '../../src/conf/index.js';
import { requireRealDhcpd } from '../harness/index.js';
import { tempDir } from '../helpers.js';
import { cachedDhcpdTests } from './cached-dhcpd-test.js';

const gate = requireRealDhcpd();

const withPeer = `authoritative;
default-lease-time 600;
max-lease-time 7200;
failover peer "foo" {
  primary;
  address 10.0.0.1;
  port 647;
  peer address 10.0.0.3;
  peer port 647;
  max-response-delay 60;
  max-unacked-updates 10;
  load balance max seconds 3;
  mclt 600;
  split 128;
}
subnet 10.0.0.0 netmask 255.255.0.0 {
  pool {
    failover peer "foo";
    range 10.0.0.10 10.0.0.20;
  }
}
`;
const withoutPeer = `authoritative;
subnet 10.0.0.0 netmask 255.255.0.0 {
  range 10.0.0.10 10.0.0.20;
}
`;
const past = '4 1969/12/10 20:00:00';
const later = '4 2026/12/10 20:00:00';
const epoch = '4 1970/01/01 00:00:00';

const state = (my: string, partner: string): string =>
  `failover peer "foo" state {\n  my state normal at ${my};\n  partner state normal at ${partner};\n}\n`;
const lease =
  'lease 10.0.0.11 {\n  starts 4 2026/12/10 20:00:00;\n  ends 4 2026/12/10 21:00:00;\n' +
  '  binding state active;\n  hardware ethernet 00:11:22:33:44:55;\n}\n';

/** The file, its dhcpd.conf, and the line check names (null: dhcpd writes the state). */
const cases: [string, string, number | null][] = [
  [state(past, later) + lease, withPeer, 1],
  [state(later, past) + lease, withPeer, 1],
  [lease + state(past, past), withPeer, 7],
  [state(later, later) + lease, withPeer, null],
  // The last state of a peer is the one dhcpd keeps and writes.
  [state(past, later) + state(later, later) + lease, withPeer, null],
  [state(later, later) + state(past, later) + lease, withPeer, 5],
  // The epoch itself is no negative time.
  [state(epoch, epoch) + lease, withPeer, null],
  // A peer dhcpd.conf does not declare: dhcpd keeps no state for it.
  [state(past, past) + lease, withoutPeer, null],
];

const dir = tempDir('failover-time');

describe.skipIf(gate.skip)('a failover state time before 1970 (real dhcpd -T)', () => {
  it('is an error exactly where write_failover_state fails, with or without --config', async () => {
    const results = await cachedDhcpdTests(
      'failover-unwritable-time',
      cases.map(([leases, conf]) => ({ conf: { content: conf }, leases: { content: leases } })),
    );
    for (const [i, [text, conf, line]] of cases.entries()) {
      const failed = results[i]!.other.includes('write_failover_state: unable to write state foo');
      expect(failed, text).toBe(line !== null);
      const path = join(dir, `case${i}.leases`);
      await writeFile(path, text, 'latin1');
      const now = new Date('2026-12-10T12:00:00Z');
      const config = { file: 'dhcpd.conf', plan: planFromText(conf, 'dhcpd.conf') };
      const withConfig = await checkLeaseFile(path, { now, config });
      // Without dhcpd.conf, the peer is taken as declared, as on the server that wrote the state.
      const alone = await checkLeaseFile(path, { now });
      const expectAlone = conf === withoutPeer ? 1 : line;
      for (const [report, want] of [
        [withConfig, line],
        [alone, expectAlone],
      ] as const) {
        if (want === null) {
          expect(report.verdict, text).toBe('clean');
          expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
          continue;
        }
        expect(report.verdict, text).toBe('corrupt');
        expect(report.problems).toContainEqual(
          expect.objectContaining({ code: 'unwritable-time', severity: 'error', line: want }),
        );
      }
    }
  }, 60_000);
});
