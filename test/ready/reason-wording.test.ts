// The words of the ready verdict's reasons and warnings where they name a host, a
// process or a time that the log may lack: a host without a name, a process logged
// with or without its pid, a log_fatal whose message did not reach the log, a
// --since on a process whose start-up is not in the log. Each is what an admin
// reads to find the server meant; a wrong pid or a "null" sends them elsewhere.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRef } from '../../src/ready/index.js';
import { judge, linesOf, logFatalNotice, realDir } from './helpers.js';

/** A real secondary's restart, ready at its last line (plain stderr lines: no host, no pid). */
const restart = linesOf(join(realDir, 'fo-secondary-2.log'));
const startupLines = restart.findIndex((l) => l.startsWith('Server starting service.')) + 1;
/** The same lines as syslog writes them for `host`, pid 4400. */
const syslog = (lines: string[], host = 'dhcp-a'): string[] =>
  lines.map((l) => `Nov 28 12:53:00 ${host} dhcpd[4400]: ${l}`);

const notice = logFatalNotice;
const banner = restart.slice(0, 7); // banner … PID file:

describe('a host without a name among named ones', () => {
  it('is listed as "(no host name)" when the log has several hosts', () => {
    const report = judge([...restart, ...syslog(restart.slice(0, 15))]);
    expect(report.reasons).toEqual([
      'the log has dhcpd lines from several hosts ((no host name), dhcp-a): choose one with --host',
    ]);
  });

  it('is listed as "(no host name)" when --host names none of them', () => {
    const report = judge([...restart, ...syslog(restart.slice(0, 15))], { host: 'dhcp-b' });
    expect(report.reasons).toEqual([
      'the log has no dhcpd lines from host dhcp-b (hosts: (no host name), dhcp-a)',
    ]);
  });
});

describe('a refused start, as the log tells it', () => {
  it('logged with a pid: the reason names the pid', () => {
    const report = judge(syslog([...banner, "There's already a DHCP server running.", ...notice]));
    expect(report.ready).toBe(false);
    expect(report.reasons).toEqual([
      'dhcpd (pid 4400) logged that it exited at 2026-11-28T12:53:00.000Z: "There\'s already a DHCP server running."',
    ]);
  });

  it('its message lost (the log begins inside log_fatal\'s notice): exited, with no message, no "null"', () => {
    const report = judge(syslog(notice.slice(3)));
    expect(report.process?.exited).toMatchObject({ message: null, firstError: null });
    expect(report.reasons).toEqual([
      'dhcpd (pid 4400) logged that it exited at 2026-11-28T12:53:00.000Z',
    ]);
  });

  it('its message the configuration error itself: named once, not again as the first error', () => {
    const error = '/etc/dhcp/dhcpd.conf line 3: semicolon expected.';
    const report = judge([...banner.slice(0, 5), error, ...notice]);
    expect(report.process?.exited).toMatchObject({ message: error, firstError: error });
    expect(report.reasons).toEqual([`dhcpd logged that it exited at log line 14: "${error}"`]);
  });
});

describe('the first error named with an exit', () => {
  it('is the first `FILE line N:` warning, even after another complaint (a lease in no subnet)', () => {
    // What dhcpd 4.4.3 logs reading such a lease file (its -T run gives these lines), then
    // the refused start that follows when no interface has a subnet (dhcpd.c, after
    // db_startup): log_fatal's message and notice.
    const leases = '/var/lib/dhcp/dhcpd.leases';
    const error = `${leases} line 7: Time zone offset or semicolon expected.`;
    const report = judge([
      ...banner.slice(0, 5),
      `Database file: ${leases}`,
      'PID file: /var/run/dhcpd.pid',
      'lease 192.168.9.9: no subnet.',
      error,
      '  starts 4 2026/12/10 10:00:00 junk;',
      '                                ^',
      'Wrote 1 leases to leases file.',
      'Not configured to listen on any interfaces!',
      ...notice,
    ]);
    expect(report.process?.exited).toMatchObject({ firstError: error });
    expect(report.reasons).toEqual([
      `dhcpd logged that it exited at log line 21: "Not configured to listen on any interfaces!" (first error: ${error})`,
    ]);
  });
});

describe('a running process whose start-up is not in the log', () => {
  const running = restart.slice(startupLines);

  it('logged without a pid: the warning names no pid', () => {
    const report = judge(running);
    expect(report.warnings).toEqual([
      'the start-up of dhcpd is not in the log; judging the running process from its failover lines',
    ]);
  });

  it('logged with a pid: the warning names it', () => {
    const report = judge(syslog(running));
    expect(report.warnings).toEqual([
      'the start-up of dhcpd (pid 4400) is not in the log; judging the running process from its failover lines',
    ]);
  });

  it('--since and a --peer the log does not mention: "not mentioned in the log since …", one space', () => {
    const since = new Date('2026-11-28T12:00:00Z');
    const report = judge(syslog(running), { since, peers: ['bar'] });
    expect(report.reasons).toEqual([
      'bar: not mentioned in the log since 2026-11-28T12:00:00.000Z',
    ]);
  });
});

describe('describeRef', () => {
  it('a missing line reference is "an unknown time" (renderers pass the optional ones)', () => {
    expect(describeRef(null)).toBe('an unknown time');
  });
});
