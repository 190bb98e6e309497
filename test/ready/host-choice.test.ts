// Which host and which dhcpd process the ready verdict judges when the log
// holds several (a central syslog), in the library, where a mutation run can
// see it: a wrong choice judges another server's restart and says "ready"
// for a server that is not.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, linesOf, realDir } from './helpers.js';

/** A real secondary's restart, ready at its last line (plain stderr lines, no host). */
const restart = linesOf(join(realDir, 'fo-secondary-2.log'));
/** The same restart logged through syslog by `host`, database file `leases`. */
const fromHost = (host: string, leases = `/var/lib/dhcp/${host}.leases`, upTo = restart.length) =>
  restart
    .slice(0, upTo)
    .map((l) => l.replace(/^Database file: .*/, `Database file: ${leases}`))
    .map((l) => `Nov 28 12:53:00 ${host} dhcpd[4400]: ${l}`);

// dhcp-b is ready; dhcp-a stopped before "Both servers normal" (not ready).
const twoHosts = [...fromHost('dhcp-a', undefined, 15), ...fromHost('dhcp-b')];

describe('the host the ready verdict judges', () => {
  it('two hosts and nothing to choose by: not ready, asks for --host', () => {
    const report = judge(twoHosts);
    expect(report.ready).toBe(false);
    expect(report.host).toBeNull();
    expect(report.reasons).toEqual([
      'the log has dhcpd lines from several hosts (dhcp-a, dhcp-b): choose one with --host',
    ]);
  });

  it('several hosts and --since: the reason does not repeat the time', () => {
    const report = judge(twoHosts, { since: new Date('2026-11-28T12:00:00Z') });
    expect(report.reasons).toEqual([
      'the log has dhcpd lines from several hosts (dhcp-a, dhcp-b): choose one with --host',
    ]);
  });

  it('--host naming no host, in a log of one unnamed and one named host: not judged', () => {
    const report = judge([...restart, ...fromHost('dhcp-a', undefined, 15)], { host: 'dhcp-b' });
    expect(report.ready).toBe(false);
    expect(report.reasons[0]).toMatch(/^the log has no dhcpd lines from host dhcp-b \(hosts: /);
  });

  it('--host picks that host, ready or not', () => {
    expect(judge(twoHosts, { host: 'dhcp-b' })).toMatchObject({ ready: true, host: 'dhcp-b' });
    expect(judge(twoHosts, { host: 'dhcp-a' })).toMatchObject({ ready: false, host: 'dhcp-a' });
  });

  it('--host naming no host in the log: not ready, with the hosts it has', () => {
    const report = judge(twoHosts, { host: 'dhcp-c', since: new Date('2026-11-28T12:00:00Z') });
    expect(report.ready).toBe(false);
    expect(report.reasons).toEqual([
      'the log has no dhcpd lines from host dhcp-c (hosts: dhcp-a, dhcp-b) since 2026-11-28T12:00:00.000Z',
    ]);
  });

  it('--host against a log without host names: judged, with a warning', () => {
    const report = judge(restart, { host: 'dhcp-b' });
    expect(report.ready).toBe(true);
    expect(report.warnings).toEqual(['the log has no host names; --host dhcp-b cannot be checked']);
  });

  it('--host against one named host that is not it: not judged', () => {
    const report = judge(fromHost('dhcp-a'), { host: 'dhcp-b' });
    expect(report.ready).toBe(false);
    expect(report.reasons).toEqual(['the log has no dhcpd lines from host dhcp-b (hosts: dhcp-a)']);
  });

  it('--leases picks the one host whose dhcpd logged that database file name', () => {
    const lines = [
      ...fromHost('dhcp-a', '/var/lib/dhcp/a.leases', 15),
      ...fromHost('dhcp-b', '/srv/b.leases'),
    ];
    expect(judge(lines, { leasesPath: '/tmp/copy/b.leases' })).toMatchObject({
      ready: true,
      host: 'dhcp-b',
    });
    expect(judge(lines, { leasesPath: '/tmp/copy/a.leases' })).toMatchObject({
      ready: false,
      host: 'dhcp-a',
    });
    // A name neither logged: still ambiguous.
    expect(judge(lines, { leasesPath: '/tmp/c.leases' }).reasons[0]).toMatch(/several hosts/);
  });

  it('--leases picks a host whose earlier run logged another database file, when its latest logged this one', () => {
    // dhcp-b's lease file was moved between two restarts.
    const lines = [
      ...fromHost('dhcp-a', '/var/lib/dhcp/a.leases', 15),
      ...fromHost('dhcp-b', '/srv/old/b-before-the-move.leases'),
      ...fromHost('dhcp-b', '/srv/b.leases'),
    ];
    expect(judge(lines, { leasesPath: '/tmp/copy/b.leases' })).toMatchObject({
      ready: true,
      host: 'dhcp-b',
    });
  });

  it('a log without dhcpd lines: not ready', () => {
    expect(judge(['Nov 28 12:53:00 dhcp-b sshd[1]: Accepted key'])).toMatchObject({
      ready: false,
      reasons: ['the log has no dhcpd lines'],
    });
  });
});

describe('the process the ready verdict judges', () => {
  it('a running dhcpd whose start-up is not in the log: judged from its failover lines, with a warning', () => {
    const failoverOnly = fromHost('dhcp-b').filter((l) => /failover|balanc/.test(l));
    const report = judge(failoverOnly);
    expect(report.process).toMatchObject({ kind: 'running', pid: 4400 });
    expect(report.warnings).toEqual([
      'the start-up of dhcpd (pid 4400) is not in the log; judging the running process from its failover lines',
    ]);
    expect(report.ready).toBe(true);
  });

  it('only a `dhcpd -T` run in the log: no server process, not ready', () => {
    const leaseFileTest = [
      ...restart.slice(0, 8),
      'Lease file test successful, removing temp lease file: /var/lib/dhcp/fo-secondary.leases.1795870800',
    ].map((l) => `Nov 28 12:53:00 dhcp-b dhcpd[5120]: ${l}`);
    expect(judge(leaseFileTest)).toMatchObject({
      ready: false,
      process: null,
      reasons: ['no start-up of dhcpd in the log'],
    });
  });

  it('a started process is reported as a start-up', () => {
    expect(judge(fromHost('dhcp-b')).process).toMatchObject({ kind: 'startup', pid: 4400 });
  });

  it('a peer required by --peer and never seen since the start-up: not ready', () => {
    const report = judge(restart, { peers: ['bar'] });
    expect(report.ready).toBe(false);
    expect(report.peers).toEqual([
      expect.objectContaining({ name: 'bar', seen: false, balancing: 'none', imbalanced: [] }),
    ]);
    expect(report.reasons).toEqual(['bar: not mentioned in the log since the start-up']);
  });

  it('an empty --peer list judges every peer seen, ready or not', () => {
    expect(judge(restart, { peers: [] })).toMatchObject({ ready: true });
    const notYet = judge(restart.slice(0, 17), { peers: [] });
    expect(notYet.ready).toBe(false);
    expect(notYet.peers.map((p) => p.name)).toEqual(['foo']);
  });

  it('a required peer never seen by a running process: the reason names no start-up', () => {
    const failoverOnly = fromHost('dhcp-b').filter((l) => /failover|balanc/.test(l));
    expect(judge(failoverOnly, { peers: ['bar'] }).reasons).toEqual([
      'bar: not mentioned in the log',
    ]);
  });
});
