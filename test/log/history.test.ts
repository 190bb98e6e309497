import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHistory, toLogEntry, type LogEntry } from '../../src/log/index.js';
import { outlived, versionAtLeast } from '../../src/log/history.js';
import { snapshotFamily } from '../../src/log/snapshots.js';
import { convertedDir, linesOf, now, realDir } from '../ready/helpers.js';

function entries(lines: string[], source = 'log'): LogEntry[] {
  return lines.flatMap((text, i) => toLogEntry(text, source, i + 1, now) ?? []);
}

describe('buildHistory groups dhcpd lines into processes, snapshots and failover state', () => {
  it('a real start-up: banner, paths, one Wrote group of kind startup, start-up complete', () => {
    const history = buildHistory(entries(linesOf(join(realDir, 'fo-secondary-2.log'))));
    const [run] = history.runs();
    expect(history.runs()).toHaveLength(1);
    expect(run).toMatchObject({
      kind: 'startup',
      version: '4.4.3-P1',
      configFile: '/var/lib/dhcp/fo-secondary.conf',
      databaseFile: '/var/lib/dhcp/fo-secondary.leases',
      pidFile: '/var/lib/dhcp/fo-secondary.pid',
    });
    expect(run!.banner!.line).toBe(1);
    expect(run!.startupComplete!.line).toBe(13);
    expect(run!.snapshots).toHaveLength(1);
    expect(run!.snapshots[0]).toMatchObject({ kind: 'startup', counts: { leases: 10 } });
    expect(run!.snapshots[0]!.first.line).toBe(8);
  });

  it('failover transitions and balancing per peer', () => {
    const history = buildHistory(entries(linesOf(join(realDir, 'fo-primary.log'))));
    const peer = history.runs()[0]!.peers.get('foo')!;
    expect(peer.me).toMatchObject({ state: 'normal', since: { line: 38 } });
    expect(peer.partner).toMatchObject({ state: 'normal', since: { line: 37 } });
    expect(peer.connected).toBe(true);
    expect(peer.disconnectedAt!.line).toBe(35);
    expect(peer.balance).toBe('done');
    expect(peer.lastBalanced!.line).toBe(41);
    expect(peer.transitions.map((t) => `${t.side}:${t.from}>${t.to}`)).toEqual([
      'me:recover>startup',
      'partner:unknown-state>recover',
      'me:startup>recover',
      'partner:recover>recover',
      'me:recover>recover-done',
      'partner:recover>recover-done',
      'me:recover-done>normal',
      'partner:recover-done>normal',
      'me:normal>communications-interrupted',
      'partner:normal>normal',
      'me:communications-interrupted>normal',
    ]);
  });

  it('v6: the NA/TA/PD Wrote line is a snapshot', () => {
    const history = buildHistory(entries(linesOf(join(realDir, 'v6.log'))));
    expect(history.runs()[0]!.snapshots[0]).toMatchObject({
      kind: 'startup',
      v6: { na: 0, ta: 0, pd: 0 },
    });
  });

  it('dhcpd -T (real output): a test run with parse warnings, its snapshot is not a start-up', () => {
    const history = buildHistory(entries(linesOf(join(convertedDir, 'dhcpd-T-enospc.log'))));
    const [run] = history.runs();
    expect(run!.kind).toBe('test');
    expect(run!.snapshots[0]).toMatchObject({ kind: 'test', counts: { leases: 44 } });
    expect(run!.complaints.map((c) => c.event.type)).toEqual([
      'parse-warning',
      'parse-warning',
      'parse-warning',
    ]);
    expect(run!.complaints[2]!.event).toMatchObject({
      fileLine: 452,
      text: 'unexpected end of file',
    });
    expect(history.hosts.get(null)!.latestServerRun()).toBeNull();
  });

  it('an hourly rewrite (Wrote lines of a running process) is a rewrite, not a start-up', () => {
    const lines = [
      ...linesOf(join(realDir, 'srv.log')),
      'Wrote 0 deleted host decls to leases file.',
      'Wrote 0 new dynamic host decls to leases file.',
      'Wrote 1 leases to leases file.',
      'DHCPREQUEST for 10.0.0.10 from 5e:fe:12:81:b6:ca via v1',
      'Wrote 1 leases to leases file.',
    ];
    const run = buildHistory(entries(lines)).runs()[0]!;
    expect(run.snapshots.map((s) => [s.kind, s.counts])).toEqual([
      ['startup', { leases: 0 }],
      ['rewrite', { 'deleted-host-decls': 0, 'dynamic-host-decls': 0, leases: 1 }],
      ['rewrite', { leases: 1 }],
    ]);
  });

  it('dhcpd -T between lines of a running server in a pid-less log: the server keeps its run', () => {
    const server = linesOf(join(realDir, 'fo-secondary-2.log'));
    const test = linesOf(join(convertedDir, 'dhcpd-T-enospc.log'));
    const history = buildHistory(
      entries([...server, ...test, 'DHCPDISCOVER from 5e:fe:12:81:b6:ca via v1']),
    );
    const host = history.hosts.get(null)!;
    expect(host.runs.map((r) => r.kind)).toEqual(['startup', 'test']);
    expect(host.latestServerRun()).toBe(host.runs[0]);
    expect(host.runs[0]!.last.line).toBe(server.length + test.length + 1);
  });

  it('syslog: a dhcpd -T with its own pid does not replace the running server', () => {
    const server = linesOf(join(convertedDir, 'fo-secondary-2.rfc3164.log'));
    const test = linesOf(join(convertedDir, 'dhcpd-T-enospc.log')).map(
      (m) => `Nov 28 13:01:00 dhcp-b dhcpd[5555]: ${m}`,
    );
    const history = buildHistory(entries([...server, ...test]));
    const host = history.hosts.get('dhcp-b')!;
    expect(host.runs.map((r) => [r.pid, r.kind])).toEqual([
      [4307, 'startup'],
      [5555, 'test'],
    ]);
    expect(host.latestServerRun()!.pid).toBe(4307);
  });

  it("dhcpd's complaints are collected per process", () => {
    const lines = [
      ...linesOf(join(realDir, 'srv.log')),
      'commit_leases: unable to commit, fsync(): No space left on device',
      'write_lease: unable to write lease 10.0.0.10',
      'Corrupt lease file - possible data loss!',
      'lease 10.9.9.9: no subnet.',
    ];
    const run = buildHistory(entries(lines)).runs()[0]!;
    expect(run.complaints.map((c) => [c.event.type, c.ref.line])).toEqual([
      ['commit-failed', 17],
      ['write-failed', 18],
      ['corrupt-lease-file', 19],
      ['no-subnet', 20],
    ]);
  });

  it('before 4.3 start-up completes at the first Listening/Sending line after the Wrote group', () => {
    const lines = [
      'Internet Systems Consortium DHCP Server 4.2.5',
      'Config file: /etc/dhcp/dhcpd.conf',
      'Database file: /var/lib/dhcpd/dhcpd.leases',
      'Wrote 3 leases to leases file.',
      'Listening on LPF/eth0/52:54:00:12:34:56/10.0.0.0/24',
      'Sending on   LPF/eth0/52:54:00:12:34:56/10.0.0.0/24',
    ];
    const run = buildHistory(entries(lines)).runs()[0]!;
    expect(run.startupComplete!.line).toBe(5);
    const newer = buildHistory(
      entries(['Internet Systems Consortium DHCP Server 4.4.3-P1', ...lines.slice(1)]),
    );
    expect(newer.runs()[0]!.startupComplete).toBeNull();
  });

  const syslog = (pid: number, message: string, host = 'h'): string =>
    `Nov 28 13:00:00 ${host} dhcpd[${pid}]: ${message}`;
  const startup = (pid: number): string[] =>
    [
      'Internet Systems Consortium DHCP Server 4.4.3-P1',
      'Config file: /etc/dhcp/dhcpd.conf',
      'Database file: /var/lib/dhcp/dhcpd.leases',
      'PID file: /run/dhcpd.pid',
    ].map((m) => syslog(pid, m));

  it('a start-up that never completed while the older server went on logging did not replace it (dhcpd -t)', () => {
    const older = [syslog(100, 'DHCPDISCOVER from 00:11:22:33:44:55 via eth0')];
    const later = [syslog(100, 'DHCPOFFER on 10.0.0.5 to 00:11:22:33:44:55 via eth0')];
    const history = buildHistory(entries([...older, ...startup(200), ...later]));
    const host = history.hosts.get('h')!;
    expect(host.runs.map((r) => [r.pid, r.kind])).toEqual([
      [100, 'running'],
      [200, 'startup'],
    ]);
    expect(outlived(host.runs[1]!, host.runs)).toBe(true);
    expect(host.latestServerRun()!.pid).toBe(100);
    // Without a later line of the older process, the start-up may be under way: it counts.
    const underWay = buildHistory(entries([...older, ...startup(200)])).hosts.get('h')!;
    expect(outlived(underWay.runs[1]!, underWay.runs)).toBe(false);
    expect(underWay.latestServerRun()!.pid).toBe(200);
    // A completed start-up replaced the older process, whatever it logged after.
    const completed = buildHistory(
      entries([
        ...older,
        ...startup(200),
        syslog(200, 'Wrote 0 leases to leases file.'),
        syslog(200, 'Server starting service.'),
        ...later,
      ]),
    ).hosts.get('h')!;
    expect(outlived(completed.runs[1]!, completed.runs)).toBe(false);
    expect(completed.latestServerRun()!.pid).toBe(200);
  });

  it('a start-up of a pid-less log is never outlived: nothing tells two processes apart', () => {
    const lines = [
      'DHCPDISCOVER from 00:11:22:33:44:55 via eth0',
      'Internet Systems Consortium DHCP Server 4.4.3-P1',
      'DHCPOFFER on 10.0.0.5 to 00:11:22:33:44:55 via eth0',
    ];
    const host = buildHistory(entries(lines)).hosts.get(null)!;
    expect(host.runs.map((r) => r.kind)).toEqual(['running', 'startup']);
    expect(outlived(host.runs[1]!, host.runs)).toBe(false);
    expect(host.latestServerRun()).toBe(host.runs[1]);
  });

  it("log_fatal: the reason is the message before dhcpd's notice about bugs, and `exiting.` is kept", () => {
    const lines = [
      'Internet Systems Consortium DHCP Server 4.4.3-P1',
      "There's already a DHCP server running.",
      '',
      'If you think you have received this message due to a bug rather',
      'than a configuration issue please read the section on submitting',
      'exiting.',
    ];
    const run = buildHistory(entries(lines)).runs()[0]!;
    expect(run.fatal).toMatchObject({
      ref: { line: 2 },
      message: "There's already a DHCP server running.",
    });
    expect(run.exited!.line).toBe(6);
    const clean = buildHistory(entries(lines.slice(0, 2))).runs()[0]!;
    expect([clean.fatal, clean.exited]).toEqual([null, null]);
  });

  it('a Wrote group ends at the first other line of the process; complaints inside it do not end it', () => {
    const lines = [
      'Internet Systems Consortium DHCP Server 4.4.3-P1',
      'Wrote 0 class decls to leases file.',
      'write_lease: unable to write lease 10.0.0.10',
      'Wrote 2 leases to leases file.',
      'Server starting service.',
      'Wrote 2 leases to leases file.',
    ];
    const run = buildHistory(entries(lines)).runs()[0]!;
    expect(run.snapshots.map((s) => [s.kind, s.first.line, s.last.line, s.counts])).toEqual([
      ['startup', 2, 4, { 'class-decls': 0, leases: 2 }],
      ['rewrite', 6, 6, { leases: 2 }],
    ]);
    expect(run.snapshots[0]!.lines.map((l) => l.ref.line)).toEqual([2, 4]);
    expect(run.complaints.map((c) => c.ref.line)).toEqual([3]);
  });

  it('runs are numbered in order of first appearance across hosts; each host keeps its own', () => {
    const history = buildHistory(
      entries([
        syslog(1, 'Internet Systems Consortium DHCP Server 4.4.3-P1', 'a'),
        syslog(2, 'Internet Systems Consortium DHCP Server 4.4.3-P1', 'b'),
        syslog(3, 'Internet Systems Consortium DHCP Server 4.4.3-P1', 'a'),
        syslog(2, 'Server starting service.', 'b'),
      ]),
    );
    expect(history.runs().map((r) => [r.index, r.host, r.pid, r.first.line, r.last.line])).toEqual([
      [0, 'a', 1, 1, 1],
      [1, 'b', 2, 2, 4],
      [2, 'a', 3, 3, 3],
    ]);
    expect(history.hosts.get('a')!.runs.map((r) => r.pid)).toEqual([1, 3]);
  });

  it('versionAtLeast: dotted versions compare by major then minor; an unreadable one (not beginning with major.minor) counts as new', () => {
    expect(versionAtLeast('4.3.0', 4, 3)).toBe(true);
    expect(versionAtLeast('4.2.8', 4, 3)).toBe(false);
    expect(versionAtLeast('5.0', 4, 3)).toBe(true);
    expect(versionAtLeast('3.9', 4, 3)).toBe(false);
    expect(versionAtLeast('4.10', 4, 3)).toBe(true);
    expect(versionAtLeast('unknown', 4, 3)).toBe(true);
    expect(versionAtLeast('v4.2.8', 4, 3)).toBe(true);
  });

  it("a Wrote group's family is told by its last line; a group cut before it has none (nothing installed)", () => {
    const run = buildHistory(
      entries([
        'Internet Systems Consortium DHCP Server 4.4.3-P1',
        'Wrote 0 class decls to leases file.',
        'Wrote 0 group decls to leases file.',
        'Server starting service.',
        'Wrote 3 leases to leases file.',
        'DHCPDISCOVER from 00:11:22:33:44:55 via eth0',
        'Wrote 0 NA, 1 TA, 2 PD leases to lease file.',
      ]),
    ).runs()[0]!;
    expect(run.snapshots.map((g) => [snapshotFamily(g), g.kind, g.v6])).toEqual([
      [null, 'startup', null],
      ['v4', 'rewrite', null],
      ['v6', 'rewrite', { na: 0, ta: 1, pd: 2 }],
    ]);
  });
});
