import { describe, expect, it } from 'vitest';
import {
  buildHistory,
  LogHistory,
  toLogEntry,
  type LogEntry,
  type PeerHistory,
} from '../../src/log/index.js';
import { outlived } from '../../src/log/history.js';
import { MAX_KEPT_LINES } from '../../src/log/peers.js';
import { now } from '../ready/helpers.js';

/**
 * Corners of the process history `ready` and `verify` judge by: which run a
 * line belongs to after `dhcpd -T`, which start-up was outlived, when a start-up
 * is complete, which `Wrote` group is a start-up's, log_fatal's reason, and
 * which peer pool balancing belongs to.
 */

function entries(lines: string[]): LogEntry[] {
  return lines.flatMap((text, i) => toLogEntry(text, 'log', i + 1, now) ?? []);
}

const syslog = (pid: number, message: string): string =>
  `Nov 28 12:00:00 h dhcpd[${pid}]: ${message}`;

/** A pid-less `dhcpd -T` run as dhcpd -d prints it to stderr (server/db.c new_lease_file). */
const testRun = [
  'Internet Systems Consortium DHCP Server 4.4.3-P1',
  'Database file: /var/lib/dhcp/dhcpd.leases',
  'Wrote 3 leases to leases file.',
  'Lease file test successful, removing temp lease file: /var/lib/dhcp/dhcpd.leases.1795873218',
];

describe('a pid-less log: after `dhcpd -T`, lines are the server’s again', () => {
  it('two -T runs in a row: the server’s later Wrote group is the server’s, not a -T run’s', () => {
    const lines = [
      'Internet Systems Consortium DHCP Server 4.4.3-P1',
      'Database file: /var/lib/dhcp/dhcpd.leases',
      'Wrote 1 leases to leases file.',
      'Server starting service.',
      ...testRun,
      ...testRun,
      'Wrote 0 deleted host decls to leases file.',
      'Wrote 2 leases to leases file.',
    ];
    const history = buildHistory(entries(lines));
    const runs = history.runs();
    expect(runs.map((r) => r.kind)).toEqual(['startup', 'test', 'test']);
    expect(runs[0]!.snapshots.map((g) => [g.kind, g.counts.leases])).toEqual([
      ['startup', 1],
      ['rewrite', 2],
    ]);
    expect(runs[1]!.snapshots).toHaveLength(1);
    expect(runs[2]!.snapshots).toHaveLength(1);
  });
});

describe('outlived start-ups', () => {
  const startup = (pid: number): string[] =>
    [
      'Internet Systems Consortium DHCP Server 4.4.3-P1',
      'Config file: /etc/dhcp/dhcpd.conf',
      'Database file: /var/lib/dhcp/dhcpd.leases',
      'PID file: /run/dhcpd.pid',
    ].map((m) => syslog(pid, m));

  it('only an older process can outlive a start-up: a later one logging after it does not', () => {
    // A start-up under way (pid 200), then a `dhcpd -t` (pid 300) that begins after it.
    const host = buildHistory(entries([...startup(200), ...startup(300)])).hosts.get('h')!;
    expect(host.runs.map((r) => r.pid)).toEqual([200, 300]);
    expect(outlived(host.runs[0]!, host.runs)).toBe(false);
    expect(outlived(host.runs[1]!, host.runs)).toBe(false);
  });

  it('a pid-less start-up is never outlived, even by a process with a pid logging after it', () => {
    const lines = [
      syslog(100, 'DHCPDISCOVER from 00:11:22:33:44:55 via eth0'),
      'Nov 28 12:00:00 h dhcpd: Internet Systems Consortium DHCP Server 4.4.3-P1',
      syslog(100, 'DHCPOFFER on 10.0.0.5 to 00:11:22:33:44:55 via eth0'),
    ];
    const host = buildHistory(entries(lines)).hosts.get('h')!;
    expect(host.runs.map((r) => [r.pid, r.kind])).toEqual([
      [100, 'running'],
      [null, 'startup'],
    ]);
    expect(outlived(host.runs[1]!, host.runs)).toBe(false);
  });

  it('of two processes that began before the log, the one that appeared last is the server', () => {
    const lines = [
      syslog(100, 'DHCPDISCOVER from 00:11:22:33:44:55 via eth0'),
      syslog(200, 'DHCPDISCOVER from 00:11:22:33:44:66 via eth0'),
      syslog(100, 'DHCPOFFER on 10.0.0.5 to 00:11:22:33:44:55 via eth0'),
    ];
    const host = buildHistory(entries(lines)).hosts.get('h')!;
    expect(host.latestServerRun()!.pid).toBe(200);
  });
});

describe('start-up complete and the start-up Wrote group', () => {
  it('before 4.3, a Listening line before the start-up wrote its leases does not complete it', () => {
    const lines = [
      'Internet Systems Consortium DHCP Server 4.2.8',
      'Listening on LPF/eth0/00:11:22:33:44:55/10.0.0.0/24',
      'Wrote 0 leases to leases file.',
      'Listening on LPF/eth0/00:11:22:33:44:55/10.0.0.0/24',
    ];
    const run = buildHistory(entries(lines)).runs()[0]!;
    expect(run.startupComplete!.line).toBe(4);
    expect(run.snapshots[0]!.kind).toBe('startup');
  });

  it('a Wrote group after `Server starting service.` is a rewrite, even when it is the first in the log', () => {
    const lines = [
      'Internet Systems Consortium DHCP Server 4.4.3-P1',
      'Server starting service.',
      'Wrote 5 leases to leases file.',
    ];
    const run = buildHistory(entries(lines)).runs()[0]!;
    expect(run.snapshots.map((g) => g.kind)).toEqual(['rewrite']);
  });
});

describe('log_fatal in syslog', () => {
  it('the reason is the last message with text before the notice: the empty message between is not it', () => {
    const lines = [
      syslog(7, 'Internet Systems Consortium DHCP Server 4.4.3-P1'),
      syslog(7, "Can't open lease database /var/lib/dhcp/dhcpd.leases: Permission denied --"),
      syslog(7, ''),
      syslog(7, 'If you think you have received this message due to a bug rather'),
      syslog(7, 'exiting.'),
    ];
    const run = buildHistory(entries(lines)).runs()[0]!;
    expect(run.fatal).toMatchObject({
      ref: { line: 2 },
      message: "Can't open lease database /var/lib/dhcp/dhcpd.leases: Permission denied --",
    });
  });
});

describe('failover peers', () => {
  function peerAfter(lines: string[]): PeerHistory {
    const history = new LogHistory();
    for (const e of entries(lines)) history.push(e);
    return history.runs()[0]!.peers.get('foo')!;
  }

  it('balancing lines after this server left normal are not the peer’s balancing', () => {
    const peer = peerAfter([
      'failover peer foo: I move from recover-done to normal',
      'failover peer foo: I move from normal to communications-interrupted',
      'balancing pool 1 10.0.0.0/16  total 21  free 11  backup 10  lts 0  max-own (+/-)2',
    ]);
    expect(peer.balance).toBe('none');
    expect(peer.openPools.size).toBe(0);
  });

  it('a later balancing burst of a peer already balanced makes it pending again until its pool is balanced', () => {
    const balancing =
      'balancing pool 1 10.0.0.0/16  total 21  free 11  backup 10  lts 0  max-own (+/-)2';
    const balanced =
      'balanced pool 1 10.0.0.0/16  total 21  free 11  backup 10  lts 0  max-misbal 3';
    const burst = [
      'failover peer foo: I move from recover-done to normal',
      balancing,
      balanced,
      'DHCPACK on 10.0.0.5 to 00:11:22:33:44:55 via eth0',
      balancing,
    ];
    expect(peerAfter(burst).balance).toBe('pending');
    expect(peerAfter([...burst, balanced]).balance).toBe('done');
  });

  it('"Both servers normal" without the line of this server entering normal: its balancing is this peer’s', () => {
    const peer = peerAfter([
      'failover peer foo: Both servers normal',
      'balancing pool 1 10.0.0.0/16  total 21  free 11  backup 10  lts 0  max-own (+/-)2',
      'balanced pool 1 10.0.0.0/16  total 21  free 11  backup 10  lts 0  max-misbal 3',
    ]);
    expect(peer.me.state).toBe('normal');
    expect(peer.balance).toBe('done');
    expect(peer.lastBalanced!.line).toBe(3);
  });

  it(`keeps the latest ${MAX_KEPT_LINES} transitions exactly, counting those let go`, () => {
    const flap = (n: number): string[] =>
      Array.from({ length: n }, (_, i) =>
        i % 2 === 0
          ? 'failover peer foo: I move from normal to communications-interrupted'
          : 'failover peer foo: I move from communications-interrupted to normal',
      );
    const full = peerAfter(flap(MAX_KEPT_LINES));
    expect([full.transitions.length, full.transitionsDropped]).toEqual([MAX_KEPT_LINES, 0]);
    const over = peerAfter(flap(MAX_KEPT_LINES + 1));
    expect([over.transitions.length, over.transitionsDropped]).toEqual([MAX_KEPT_LINES, 1]);
    expect(over.transitions[0]!.ref.line).toBe(2);
    expect(over.transitions.at(-1)!.ref.line).toBe(MAX_KEPT_LINES + 1);
  });
});

describe('a quiet server whose hourly rewrites follow each other with no line between', () => {
  // write_leases logs its lease count last (server/mdb.c write_leases4, mdb6.c write_leases6).
  const startup = (lines: string[]): string[] => [
    'Internet Systems Consortium DHCP Server 4.4.3-P1',
    'Database file: /var/lib/dhcp/dhcpd.leases',
    ...lines,
    'Server starting service.',
  ];

  it.each([
    [
      'v4',
      (n: number) => [
        `Wrote 0 deleted host decls to leases file.`,
        `Wrote ${n} leases to leases file.`,
      ],
    ],
    [
      'v6',
      (n: number) => [
        `Wrote 0 deleted host decls to leases file.`,
        `Wrote ${n} NA, 0 TA, 0 PD leases to lease file.`,
      ],
    ],
  ] as const)('%s: each rewrite is a group of its own, with its own counts', (_family, rewrite) => {
    const history = buildHistory(
      entries([...startup(rewrite(1)), ...rewrite(2), ...rewrite(3)].map((m) => syslog(40, m))),
    );
    const run = [...history.hosts.values()][0]!.runs.at(-1)!;
    expect(run.snapshots.map((g) => [g.kind, g.first.line, g.last.line])).toEqual([
      ['startup', 3, 4],
      ['rewrite', 6, 7],
      ['rewrite', 8, 9],
    ]);
    const counted = run.snapshots.map((g) => g.v6?.na ?? g.counts.leases);
    expect(counted).toEqual([1, 2, 3]);
  });
});

describe('after `dhcpd -T` ended, its key’s next lines are another process’s', () => {
  // dhcpd -T exits right after `Lease file test successful` (server/dhcpd.c, db_startup under
  // -T; the real output in dhcpd-T-enospc.log ends so): nothing after it is the test's.
  const hourly = ['Wrote 0 deleted host decls to leases file.', 'Wrote 2 leases to leases file.'];

  it('a pid-less log that begins with a -T: the server’s later lines are a process of their own, its rewrite a rewrite', () => {
    const history = buildHistory(
      entries([...testRun, 'DHCPACK on 10.0.0.5 to 00:11:22:33:44:55 via eth0', ...hourly]),
    );
    const host = history.hosts.get(null)!;
    expect(host.runs.map((r) => [r.kind, r.first.line, r.last.line])).toEqual([
      ['test', 1, 4],
      ['running', 5, 7],
    ]);
    expect(host.runs[0]!.snapshots.map((g) => g.kind)).toEqual(['test']);
    expect(host.runs[1]!.snapshots.map((g) => [g.kind, g.counts.leases])).toEqual([['rewrite', 2]]);
    // ready and verify judge the server, not the test.
    expect(host.latestServerRun()).toBe(host.runs[1]);
  });

  it('a line with the pid of a -T that ended is not the -T’s either', () => {
    const history = buildHistory(
      entries(
        [...testRun, 'DHCPACK on 10.0.0.5 to 00:11:22:33:44:55 via eth0'].map((m) => syslog(9, m)),
      ),
    );
    const host = history.hosts.get('h')!;
    expect(host.runs.map((r) => [r.pid, r.kind, r.first.line, r.last.line])).toEqual([
      [9, 'test', 1, 4],
      [9, 'running', 5, 5],
    ]);
  });

  it('a -T that took the pid of an ended server (pids reused, as in containers): the pid’s next line is neither’s', () => {
    const lines = [
      'Internet Systems Consortium DHCP Server 4.4.3-P1',
      'Server starting service.',
      ...testRun,
      'DHCPACK on 10.0.0.5 to 00:11:22:33:44:55 via eth0',
    ].map((m) => syslog(7, m));
    const host = buildHistory(entries(lines)).hosts.get('h')!;
    expect(host.runs.map((r) => [r.kind, r.first.line, r.last.line])).toEqual([
      ['startup', 1, 2],
      ['test', 3, 6],
      ['running', 7, 7],
    ]);
  });

  it('push() reports a new process at a banner, a new pid and the first line after a -T, not at the lines of one it knows', () => {
    const history = new LogHistory();
    const lines = [
      syslog(1, 'Internet Systems Consortium DHCP Server 4.4.3-P1'),
      syslog(1, 'Server starting service.'),
      syslog(2, 'DHCPACK on 10.0.0.5 to 00:11:22:33:44:55 via eth0'),
      syslog(1, 'DHCPACK on 10.0.0.6 to 00:11:22:33:44:66 via eth0'),
      ...testRun.map((m) => syslog(3, m)),
      syslog(3, 'DHCPACK on 10.0.0.7 to 00:11:22:33:44:77 via eth0'),
    ];
    expect(entries(lines).map((e) => history.push(e).newRun)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      false,
      false,
      true,
    ]);
  });
});

describe('which Wrote group is the start-up’s', () => {
  const hourly = ['Wrote 0 deleted host decls to leases file.', 'Wrote 2 leases to leases file.'];

  it('a log that begins after the start-up: the running process has no banner, its first Wrote group is an hourly rewrite', () => {
    const lines = ['DHCPACK on 10.0.0.5 to 00:11:22:33:44:55 via eth0', ...hourly].map((m) =>
      syslog(40, m),
    );
    const run = buildHistory(entries(lines)).runs()[0]!;
    expect(run.kind).toBe('running');
    // ready's report and verify's "read at" cite the banner: none was logged.
    expect(run.banner).toBeNull();
    expect(run.snapshots.map((g) => g.kind)).toEqual(['rewrite']);
  });

  it('only the first Wrote group of a start-up is its own, even when `Server starting service.` was never logged', () => {
    // dhcpd writes the file once at start-up (db_startup), before it serves; a lost line
    // (a rate-limited journal) must not make each hourly rewrite a start-up snapshot.
    const lines = [
      'Internet Systems Consortium DHCP Server 4.4.3-P1',
      'Database file: /var/lib/dhcp/dhcpd.leases',
      ...hourly,
      'DHCPACK on 10.0.0.5 to 00:11:22:33:44:55 via eth0',
      ...hourly,
    ].map((m) => syslog(40, m));
    const run = buildHistory(entries(lines)).runs()[0]!;
    expect(run.startupComplete).toBeNull();
    expect(run.snapshots.map((g) => g.kind)).toEqual(['startup', 'rewrite']);
  });
});

describe('the process ready judges', () => {
  it('the start-up in the log, over a process of another pid whose lines begin after it without a banner', () => {
    const lines = [
      syslog(100, 'Internet Systems Consortium DHCP Server 4.4.3-P1'),
      syslog(100, 'Server starting service.'),
      syslog(200, '/etc/dhcp/dhcpd.conf line 3: semicolon expected.'),
      syslog(100, 'DHCPACK on 10.0.0.5 to 00:11:22:33:44:55 via eth0'),
    ];
    const host = buildHistory(entries(lines)).hosts.get('h')!;
    expect(host.runs.map((r) => [r.pid, r.kind])).toEqual([
      [100, 'startup'],
      [200, 'running'],
    ]);
    expect(host.latestServerRun()!.pid).toBe(100);
  });
});

describe('log_fatal: a message of white space only is not the reason', () => {
  it('the reason is the last message with text before the notice', () => {
    const lines = [
      syslog(7, 'Internet Systems Consortium DHCP Server 4.4.3-P1'),
      syslog(7, 'No subnet declaration for eth0 (10.9.0.1).'),
      syslog(7, '   '),
      syslog(7, 'If you think you have received this message due to a bug rather'),
    ];
    const run = buildHistory(entries(lines)).runs()[0]!;
    expect(run.fatal).toMatchObject({
      ref: { line: 2 },
      message: 'No subnet declaration for eth0 (10.9.0.1).',
    });
  });
});

describe('failover peers: what is kept of each', () => {
  function peerAfter(lines: string[]): PeerHistory {
    return buildHistory(entries(lines)).runs()[0]!.peers.get('foo')!;
  }

  it('a peer first heard of from its partner’s state: this server is not balancing it', () => {
    const peer = peerAfter(['failover peer foo: peer moves from recover to recover-done']);
    expect([peer.me.state, peer.partner.state, peer.balance]).toEqual([
      'unknown-state',
      'recover-done',
      'none',
    ]);
  });

  it(`keeps the latest ${MAX_KEPT_LINES} IMBALANCED lines exactly, counting those let go`, () => {
    const imbalanced = (n: number): string[] =>
      Array.from(
        { length: n },
        (_, i) =>
          `IMBALANCED pool p${i} 10.0.${i}.0/24  total 80  free 70  backup 2  lts 34  max-misbal 12`,
      );
    const normal = 'failover peer foo: I move from recover-done to normal';
    const full = peerAfter([normal, ...imbalanced(MAX_KEPT_LINES)]);
    expect([full.imbalanced.length, full.imbalancedDropped]).toEqual([MAX_KEPT_LINES, 0]);
    const over = peerAfter([normal, ...imbalanced(MAX_KEPT_LINES + 1)]);
    expect([over.imbalanced.length, over.imbalancedDropped]).toEqual([MAX_KEPT_LINES, 1]);
    expect(over.imbalanced[0]!.pool).toBe('p1');
  });
});
