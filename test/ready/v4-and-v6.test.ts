import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { checkReady, waitReady, type ReadyOptions } from '../../src/ready/index.js';
import { convertedDir, linesOf, now, realDir } from './helpers.js';
import { tempDir } from '../helpers.js';

/**
 * dhcpd (v4) and dhcpd -6 on one host both log as `dhcpd`: the v4 failover
 * secondary's restart (pid 4307) with a dhcpd -6 start-up (pid 4400, no
 * failover) logged in the middle of it, as the tester built it.
 */
const single = linesOf(join(convertedDir, 'fo-secondary-2.rfc3164.log')).filter(
  (l) => !l.includes('dhcp-other'),
);
const v6 = linesOf(join(realDir, 'v6.log'))
  .slice(0, 12)
  .map((l) => `Nov 28 12:53:00 dhcp-b dhcpd[4400]: ${l}`);
const both = [...single.slice(0, 14), ...v6, ...single.slice(14)];
// Cut after line 29: the v6 server is ready, the v4 peer foo is not normal yet.
const bothNotReady = both.slice(0, 29);

const dir = tempDir('v4v6');
function logFile(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.map((l) => l + '\n').join(''));
  return file;
}
const bothLog = logFile('v4v6.log', both);
const notReadyLog = logFile('v4v6-notready.log', bothNotReady);

const leasesChecker: ReadyOptions['checkLeaseFile'] = async (file) => ({
  file,
  bytes: 0,
  verdict: 'clean',
  problems: [],
  problemsTruncated: false,
  declarations: {} as never,
  leases: { distinct: 0, byState: {} },
  ia: { distinct: 0, addresses: 0, byState: {} },
  failover: [],
  writer: { version: '4.4.3-P1' },
  timeFormat: 'utc',
  truncated: null,
  now: now.toISOString(),
});

function check(log: string, extra: Partial<ReadyOptions> = {}) {
  return checkReady({ liveness: 'log-only', logs: [log], now, host: 'dhcp-b', ...extra });
}

function config(peers: string[], file = '/etc/dhcp/fo-secondary.conf'): ReadyOptions['config'] {
  return {
    file,
    plan: { failoverPeers: peers.map((name) => ({ name, role: 'secondary' })) },
  } as unknown as ReadyOptions['config'];
}

describe('ready on a host running dhcpd and dhcpd -6', () => {
  it('--leases judges the process whose Database file: it is, not the one that started last', async () => {
    const report = await check(notReadyLog, {
      leases: '/srv/copy/fo-secondary.leases',
      checkLeaseFile: leasesChecker,
    });
    expect(report.process!.pid).toBe(4307);
    expect(report.ready).toBe(false);
    expect(report.reasons.join('\n')).toMatch(/^foo: startup since/m);
    const v6only = await check(notReadyLog, {
      leases: '/srv/copy/v6.leases',
      checkLeaseFile: leasesChecker,
    });
    expect(v6only.process!.pid).toBe(4400);
  });

  it('--config judges the process started with that configuration', async () => {
    const report = await check(bothLog, { config: config(['foo']) });
    expect(report.process!.pid).toBe(4307);
    expect(report.ready).toBe(true);
    expect(report.warnings.join('\n')).toMatch(/2 dhcpd processes .*judging pid 4307/);
  });

  it('--peer (a failover peer) judges the v4 process: dhcpd -6 has no failover', async () => {
    const ready = await check(bothLog, { peers: ['foo'] });
    expect(ready.process!.pid).toBe(4307);
    expect(ready.ready).toBe(true);
    const notReady = await check(notReadyLog, { peers: ['foo'] });
    expect(notReady.process!.pid).toBe(4307);
    expect(notReady.ready).toBe(false);
    // A peer the log has not shown yet: still the v4 process, by family.
    const unseen = await check(logFile('v4-no-peer-yet.log', [...single.slice(0, 13), ...v6]), {
      peers: ['foo'],
    });
    expect(unseen.process!.pid).toBe(4307);
  });

  it('with nothing to tell them apart, not ready: lists both processes and asks for --leases', async () => {
    const report = await check(bothLog);
    expect(report.ready).toBe(false);
    expect(report.process).toBeNull();
    expect(report.processes!.map((p) => p.pid)).toEqual([4307, 4400]);
    expect(report.reasons).toEqual([
      expect.stringMatching(
        /^host dhcp-b has several dhcpd processes \(pid 4307, Database file fo-secondary\.leases.*; pid 4400, Database file v6\.leases.*\): choose one with --leases/,
      ),
    ]);
  });

  it('a restart of one server (same Database file) is still judged by its latest start-up, with no warning', async () => {
    const restarts = linesOf(join(convertedDir, 'fo-secondary-restarts.rfc3164.log'));
    const report = await checkReady({
      liveness: 'log-only',
      logs: [logFile('restarts.log', restarts)],
      now,
    });
    expect(report.processes).toBeUndefined();
    expect(report.warnings.filter((w) => /dhcpd processes/.test(w))).toEqual([]);
  });

  it('a new start-up whose Database file: line is still to come is judged, not the process it may replace', async () => {
    const restartV4 = single
      .slice(0, 5)
      .filter((l) => l.includes('dhcpd['))
      .map((l) => l.replace('[4307]', '[4500]').replace('12:52:58', '12:54:00'));
    const log = logFile('v4-restarting.log', [...both, ...restartV4]);
    const report = await check(log, { peers: ['foo'] });
    expect(report.process!.pid).toBe(4500);
    expect(report.ready).toBe(false);
  });

  it('ready --wait reports the changes of the process it judges, not those of the dhcpd -6 beside it', async () => {
    const stdin = new PassThrough();
    const changes: Array<[number | null, string]> = [];
    stdin.write(both.slice(0, 14).join('\n') + '\n');
    const waiting = waitReady({
      liveness: 'log-only',
      logs: ['-'],
      stdin,
      now,
      host: 'dhcp-b',
      leases: '/var/lib/dhcp/fo-secondary.leases',
      checkLeaseFile: leasesChecker,
      waitSeconds: 20,
      onChange: (entry) => changes.push([entry.line.pid, entry.event.type]),
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    stdin.write(both.slice(14).join('\n') + '\n');
    const report = await waiting;
    stdin.end();
    expect(report.ready).toBe(true);
    expect(report.process?.pid).toBe(4307);
    expect(changes.length).toBeGreaterThan(0);
    // The dhcpd -6 banner may be a restart of the judged server until its
    // Database file: line says otherwise: it is shown; nothing after it is.
    expect(changes.filter(([pid]) => pid !== 4307)).toEqual([[4400, 'banner']]);
  });
});
