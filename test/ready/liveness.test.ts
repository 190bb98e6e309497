// `ready` says ready only when the judged dhcpd runs now: dhcpd logs nothing
// when it is stopped or killed, so a log that ends in ordinary lines proves
// nothing. These tests play the machine (a fake /proc) around real logs.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkReady,
  omapiLiveness,
  parseSince,
  waitReady,
  type ProcessFacts,
  type ProcessProbe,
} from '../../src/ready/index.js';
import { convertedDir, linesOf, logFatalNotice, now, realDir } from './helpers.js';

/** The secondary's restart (pid 4307, banner 2026-11-28T12:52:58Z on host dhcp-b), ready at its last line. */
const syslog = join(convertedDir, 'fo-secondary-2.rfc5424.log');
const banner = new Date('2026-11-28T12:52:58Z');
/** The same restart as dhcpd -d wrote it: no timestamps, no pid; `PID file: /var/lib/dhcp/fo-secondary.pid`. */
const plain = join(realDir, 'fo-secondary-2.log');

const dir = mkdtempSync(join(tmpdir(), 'leasecheck-liveness-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Machine {
  host?: string;
  processes?: Record<number, ProcessFacts>;
  pidFiles?: Record<string, number>;
  modified?: Date;
}

function probe(machine: Machine): ProcessProbe {
  return {
    hostname: () => machine.host ?? 'dhcp-b',
    process: async (pid) => machine.processes?.[pid] ?? null,
    pidFile: async (path) => machine.pidFiles?.[path] ?? null,
    modified: async () => machine.modified ?? null,
  };
}

function dhcpd(startedAt: Date): ProcessFacts {
  return { comm: 'dhcpd', argv0: '/usr/sbin/dhcpd', startedAt };
}

const before = new Date(banner.getTime() - 500);

describe('ready checks that the judged dhcpd runs now', () => {
  const judge = (machine: Machine) =>
    checkReady({ logs: [syslog], host: 'dhcp-b', now, probe: probe(machine) });

  it('ready when the log pid is a dhcpd started no later than the start-up judged', async () => {
    const report = await judge({ processes: { 4307: dhcpd(before) } });
    expect(report.ready).toBe(true);
    expect(report.liveness).toMatchObject({ method: 'process', running: true, pid: 4307 });
  });

  it('not ready when the process is gone (stopped or killed: dhcpd logs nothing)', async () => {
    const report = await judge({ processes: {} });
    expect(report.ready).toBe(false);
    expect(report.reasons).toEqual([
      expect.stringMatching(/^dhcpd \(pid 4307\) is not running now/),
    ]);
  });

  it('not ready when the pid is now another program', async () => {
    const report = await judge({
      processes: { 4307: { comm: 'sshd', argv0: '/usr/sbin/sshd', startedAt: before } },
    });
    expect(report.ready).toBe(false);
    expect(report.reasons[0]).toMatch(/pid 4307 is now "sshd", not dhcpd/);
  });

  it('not ready when the pid is a dhcpd started after the start-up judged (pid reuse, a restart the log misses)', async () => {
    const report = await judge({
      processes: { 4307: dhcpd(new Date(banner.getTime() + 60_000)) },
    });
    expect(report.ready).toBe(false);
    expect(report.reasons[0]).toMatch(/after the start-up judged/);
  });

  it('not ready, with the way out, for a log from another host', async () => {
    const report = await judge({ host: 'elsewhere', processes: { 4307: dhcpd(before) } });
    expect(report.ready).toBe(false);
    expect(report.liveness).toMatchObject({ method: 'impossible', running: null });
    expect(report.reasons[0]).toMatch(/from host dhcp-b, and this is elsewhere/);
    expect(report.reasons[0]).toMatch(/--omapi HOST:PORT .* or --log-only/);
  });

  it('--log-only (liveness "log-only") judges the log alone and says so', async () => {
    const report = await checkReady({
      logs: [syslog],
      host: 'dhcp-b',
      now,
      liveness: 'log-only',
      probe: probe({ processes: {} }),
    });
    expect(report.ready).toBe(true);
    expect(report.liveness).toMatchObject({ method: 'log-only', running: null });
    expect(report.liveness!.detail).toMatch(/^judged from the log alone, as of its last line/);
  });
});

describe('a log without timestamps (dhcpd -d): the pid file ties the process to the log', () => {
  const pidFile = '/var/lib/dhcp/fo-secondary.pid';
  const written = new Date('2026-11-28T12:53:10Z');
  const judge = (machine: Machine) =>
    checkReady({ logs: [plain], now, probe: probe({ modified: written, ...machine }) });

  it('ready when the pid file names a dhcpd that started before the log was last written', async () => {
    const report = await judge({ pidFiles: { [pidFile]: 77 }, processes: { 77: dhcpd(before) } });
    expect(report.ready).toBe(true);
    expect(report.liveness).toMatchObject({ running: true, pid: 77 });
  });

  it('not ready when the pid file is missing, or names no process', async () => {
    expect((await judge({})).reasons).toEqual([
      expect.stringMatching(/pid file it named, \/var\/lib\/dhcp\/fo-secondary\.pid, is missing/),
    ]);
    const stale = await judge({ pidFiles: { [pidFile]: 77 } });
    expect(stale.ready).toBe(false);
    expect(stale.reasons[0]).toMatch(/pid 77\) is not running now/);
  });

  it("not ready when the dhcpd it names started after the log was last written (not this log's process)", async () => {
    const report = await judge({
      pidFiles: { [pidFile]: 77 },
      processes: { 77: dhcpd(new Date(written.getTime() + 30_000)) },
    });
    expect(report.ready).toBe(false);
    expect(report.reasons[0]).toMatch(/after the log was last written/);
  });
});

describe('--since on lines without a timestamp is never "ready"', () => {
  it('not ready, with the reason, when any line read has no timestamp', async () => {
    const report = await checkReady({
      logs: [plain],
      now,
      liveness: 'log-only',
      since: parseSince('2026-11-28T12:00:00Z', now),
    });
    expect(report.ready).toBe(false);
    expect(report.reasons).toEqual([
      expect.stringMatching(/^--since cannot apply to \d+ log line\(s\) without a timestamp/),
    ]);
  });

  it('--wait gives up rather than say ready', async () => {
    const report = await waitReady({
      logs: [plain],
      now,
      liveness: 'log-only',
      since: parseSince('2026-11-28T12:00:00Z', now),
      waitSeconds: 0.3,
      pollMs: 20,
    });
    expect(report.ready).toBe(false);
    expect(report.waited?.timedOut).toBe(true);
  });
});

describe('a refused start: dhcpd logged that it exited, and why', () => {
  const notice = logFatalNotice;
  const start = linesOf(plain).slice(0, 7); // banner … PID file:

  function log(name: string, lines: string[]): string {
    const file = join(dir, name);
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  }

  it('"There\'s already a DHCP server running."', async () => {
    const file = log('running.log', [
      ...start,
      "There's already a DHCP server running.",
      ...notice,
    ]);
    const report = await checkReady({ logs: [file], now, liveness: 'log-only' });
    expect(report.ready).toBe(false);
    expect(report.reasons).toEqual([
      `dhcpd logged that it exited at running.log line ${start.length + 9}: "There's already a DHCP server running."`,
    ]);
  });

  it('a configuration error: the first error dhcpd named', async () => {
    const file = log('conf.log', [
      ...start.slice(0, 5),
      '/etc/dhcp/dhcpd.conf line 3: semicolon expected.',
      'max-lease-time 7200',
      ' ^',
      'Configuration file errors encountered -- exiting',
      ...notice,
    ]);
    const report = await checkReady({ logs: [file], now, probe: probe({}) });
    expect(report.ready).toBe(false);
    expect(report.reasons).toEqual([
      expect.stringMatching(
        /^dhcpd logged that it exited at conf\.log line \d+: "Configuration file errors encountered -- exiting" \(first error: \/etc\/dhcp\/dhcpd\.conf line 3: semicolon expected\.\)$/,
      ),
    ]);
  });
});

describe('ready --wait keeps checking that the process runs', () => {
  it('reports a process that disappears, and does not say ready', async () => {
    const file = join(dir, 'wait.log');
    // Cut before balancing: the log alone is not ready yet, and never becomes so.
    writeFileSync(file, linesOf(syslog).slice(0, 20).join('\n') + '\n');
    const utimes = new Date();
    utimesSync(file, utimes, utimes);
    const machine: Machine = { processes: { 4307: dhcpd(before) } };
    const gone: string[] = [];
    const waiting = waitReady({
      logs: [file],
      host: 'dhcp-b',
      now,
      probe: probe(machine),
      waitSeconds: 1.5,
      pollMs: 20,
      livenessMs: 50,
      onGone: (report) => gone.push(report.liveness!.detail),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    machine.processes = {};
    const report = await waiting;
    expect(gone).toEqual([expect.stringMatching(/pid 4307\) is not running now/)]);
    expect(report.ready).toBe(false);
    expect(report.reasons).toContainEqual(expect.stringMatching(/pid 4307\) is not running now/));
  });
});

describe('--omapi with --log: the server must answer with the states the log shows', () => {
  const peers = [{ name: 'foo', myState: 'normal', partnerState: 'normal' }];

  it("the same states: the log is this running server's", () => {
    const answer = [{ peer: 'foo', found: true, localState: 'normal', partnerState: 'normal' }];
    expect(omapiLiveness({ peers }, answer, '127.0.0.1:7911')).toMatchObject({
      method: 'omapi',
      running: true,
    });
  });

  it("other states, or no such peer: not the log's server, or it changed since", () => {
    const other = [{ peer: 'foo', found: true, localState: 'recover', partnerState: 'normal' }];
    const changed = omapiLiveness({ peers }, other, '127.0.0.1:7911');
    expect(changed.running).toBe(false);
    expect(changed.detail).toMatch(/foo: the server says recover\/normal, the log normal\/normal/);
    const none = [{ peer: 'foo', found: false, localState: null, partnerState: null }];
    expect(omapiLiveness({ peers }, none, 'x').running).toBe(false);
  });
});
