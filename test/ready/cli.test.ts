import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { convertedDir, linesOf, realDir } from './helpers.js';
import { tempDir } from '../helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/leasecheck.js');
const writer = fileURLToPath(new URL('./log-writer.mjs', import.meta.url));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/leasecheck.js ARGS` with optional stdin. */
function leasecheck(
  args: string[],
  stdin = '',
  started?: (child: ChildProcess) => void,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' },
    });
    started?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const tmp = tempDir('ready-cli');
const restart = join(realDir, 'fo-secondary-2.log');
const restartLines = linesOf(restart);

describe('leasecheck ready (the CLI)', () => {
  it('a log alone is not "ready": the process must be found running (exit 4 with the way out), unless --log-only', async () => {
    // fo-secondary-2.log names /var/lib/dhcp/fo-secondary.pid, which names no running dhcpd here.
    const r = await leasecheck(['ready', '--log', restart]);
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.stdout).toMatch(
      /^not ready \(dhcpd 4\.4\.3-P1\)\n {2}dhcpd is not running: the pid file/,
    );
    const remote = await leasecheck([
      'ready',
      '--log',
      join(convertedDir, 'fo-secondary-2.rfc5424.log'),
      '--host',
      'dhcp-b',
    ]);
    expect(remote.code).toBe(4);
    expect(remote.stdout).toMatch(/the log is from host dhcp-b, and this is .*--log-only/);
    const logOnly = await leasecheck(['ready', '--log-only', '--log', restart]);
    expect(logOnly.code).toBe(0);
    expect(logOnly.stdout).toMatch(/\n {2}judged from the log alone, as of its last line/);
    const both = await leasecheck([
      'ready',
      '--log-only',
      '--omapi',
      '127.0.0.1:1',
      '--peer',
      'foo',
    ]);
    expect(both.code).toBe(16);
  });

  it('exit 0 and "ready" with the peer states when the restarted secondary is back', async () => {
    const r = await leasecheck(['ready', '--log-only', '--log', restart]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ready \(dhcpd 4\.4\.3-P1\)\n/);
    expect(r.stdout).toMatch(
      /foo: normal since fo-secondary-2\.log line 15, partner normal since fo-secondary-2\.log line 18, pools balanced/,
    );
  });

  it('exit 4 and one line per peer with its state and since when, from stdin', async () => {
    const r = await leasecheck(
      ['ready', '--log-only', '--log', '-'],
      restartLines.slice(0, 14).join('\n') + '\n',
    );
    expect(r.code).toBe(4);
    expect(r.stdout).toBe(
      'not ready (dhcpd 4.4.3-P1)\n  foo: startup since (stdin) line 12 (partner communications-interrupted since (stdin) line 14)\n  judged from the log alone, as of its last line ((stdin) line 14); whether dhcpd still runs was not checked\n',
    );
  });

  it('timestamps in the reasons when the log has them; --host picks a server of a central syslog', async () => {
    const log = join(convertedDir, 'fo-primary.iso.log');
    const cut = linesOf(log).slice(0, 30).join('\n') + '\n';
    const ambiguous = await leasecheck(['ready', '--log-only', '--log', '-'], cut);
    expect(ambiguous.code).toBe(4);
    expect(ambiguous.stdout).toMatch(
      /several hosts \(dhcp-a, dhcp-other\): choose one with --host/,
    );
    const r = await leasecheck(['ready', '--log-only', '--log', '-', '--host', 'dhcp-a'], cut);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(
      /^not ready \(host dhcp-a, pid 4101, dhcpd 4\.4\.3-P1\)\n {2}foo: recover since 2026-11-28T12:52:\d\d\.\d+Z \(partner recover since 2026-11-28T12:52:\d\d\.\d+Z\)\n {2}judged from the log alone, as of its last line \(2026-11-28T12:52:\d\d\.\d+Z\); whether dhcpd still runs was not checked\n$/,
    );
  });

  it('--json: the documented shape', async () => {
    const r = await leasecheck([
      'ready',
      '--log-only',
      '--log',
      join(convertedDir, 'fo-secondary-2.rfc5424.log'),
      '--host',
      'dhcp-b',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual([
      'ready',
      'host',
      'hosts',
      'process',
      'peers',
      'reasons',
      'warnings',
      'leases',
      'lastLine',
      'liveness',
    ]);
    expect(report).toMatchObject({
      ready: true,
      host: 'dhcp-b',
      hosts: ['dhcp-b', 'dhcp-other'],
      process: {
        pid: 4307,
        kind: 'startup',
        version: '4.4.3-P1',
        databaseFile: '/var/lib/dhcp/fo-secondary.leases',
      },
      peers: [
        {
          name: 'foo',
          ready: true,
          myState: 'normal',
          partnerState: 'normal',
          balancing: 'done',
          connected: true,
        },
      ],
      reasons: [],
      leases: null,
      liveness: { method: 'log-only', running: null, pid: 4307 },
    });
    expect(report.peers[0].partnerSince.time).toMatch(/^2026-11-28T12:53:02\.\d+Z$/);
  });

  it('reads a rotated .gz log', async () => {
    const gz = join(tmp, 'syslog.2.gz');
    writeFileSync(
      gz,
      gzipSync(linesOf(join(convertedDir, 'fo-secondary-2.journal-short.log')).join('\n') + '\n'),
    );
    const r = await leasecheck(['ready', '--log-only', '--log', gz]);
    expect(r.code).toBe(0);
  });

  it('usage errors exit 16; an unreadable log exits 8 with a message, never a stack trace', async () => {
    for (const args of [
      ['ready'],
      ['ready', '--log-only', '--log', restart, '--wait', 'soon'],
      ['ready', '--log-only', '--log', restart, '--since', 'yesterday'],
      ['ready', '--log-only', '--log', restart, '--bogus'],
    ]) {
      const r = await leasecheck(args);
      expect(r.code, args.join(' ')).toBe(16);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const missing = await leasecheck(['ready', '--log-only', '--log', join(tmp, 'nope.log')]);
    expect(missing.code).toBe(8);
    expect(missing.stderr).toBe(`leasecheck: ${join(tmp, 'nope.log')}: no such file\n`);
  });

  it('--wait: follows a log another process appends to, prints each transition, exits 0 when ready', async () => {
    const file = join(tmp, 'dhcpd-wait.log');
    writeFileSync(file, restartLines.slice(0, 14).join('\n') + '\n');
    const steps = restartLines.slice(14).flatMap((line) => [{ sleep: 100 }, { append: [line] }]);
    // Start writing only once leasecheck says it is following (its start-up can take a while).
    const r = await leasecheck(
      ['ready', '--log-only', '--log', file, '--wait', '20'],
      '',
      (child) =>
        child.stderr!.once('data', () =>
          spawn(process.execPath, [writer, file, JSON.stringify(steps)]),
        ),
    );
    expect(r.stderr).toMatch(
      /^leasecheck: following .*dhcpd-wait\.log for up to 20 s: not ready \(foo: startup since/,
    );
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    expect(out[0]).toMatch(
      /^dhcpd-wait\.log:15 failover peer foo: I move from startup to normal {2}\[not ready\]$/,
    );
    expect(r.stdout).toMatch(
      /dhcpd-wait\.log:18 failover peer foo: peer moves from communications-interrupted to normal {2}\[ready\]\n/,
    );
    expect(r.stdout).toMatch(/\nready \(dhcpd 4\.4\.3-P1\)\n/);
  });

  it('--wait: exit 4 on timeout, saying why and that it gave up', async () => {
    const file = join(tmp, 'dhcpd-stuck.log');
    writeFileSync(file, restartLines.slice(0, 14).join('\n') + '\n');
    const started = Date.now();
    const r = await leasecheck(['ready', '--log-only', '--log', file, '--wait', '0.5']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(
      /^not ready \(dhcpd 4\.4\.3-P1\)\n {2}foo: startup since dhcpd-stuck\.log line 12/,
    );
    expect(r.stdout).toMatch(/gave up after 0\.\d s \(--wait\)\n$/);
  });

  it('--wait --json: the report says how long it waited and that it timed out', async () => {
    const file = join(tmp, 'dhcpd-stuck-json.log');
    writeFileSync(file, restartLines.slice(0, 14).join('\n') + '\n');
    const r = await leasecheck(['ready', '--log-only', '--log', file, '--wait', '0.3', '--json']);
    expect(r.code).toBe(4);
    const report = JSON.parse(r.stdout);
    expect(report.ready).toBe(false);
    expect(report.waited.timedOut).toBe(true);
    expect(report.waited.seconds).toBeGreaterThanOrEqual(0.3);
    expect(report.peers[0]).toMatchObject({
      name: 'foo',
      myState: 'startup',
      partnerState: 'communications-interrupted',
    });
  });

  it('--leases: the lease file must check clean; its failover blocks give the role', async () => {
    const r = await leasecheck([
      'ready',
      '--log-only',
      '--log',
      restart,
      '--leases',
      join(realDir, 'fo-secondary.leases'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /lease file .*fo-secondary\.leases: clean; this server is the secondary\n/,
    );
    expect(r.stdout).toMatch(
      /failover peer foo \(line \d+\): my state normal at .*, partner normal at .*, mclt 600\n/,
    );
    expect(r.stdout).toMatch(/ISC: restart the secondary first when pool ranges changed/);
    const primary = await leasecheck([
      'ready',
      '--log-only',
      '--log',
      join(realDir, 'fo-primary.log'),
      '--leases',
      join(realDir, 'fo-primary.leases'),
      '--json',
    ]);
    expect(primary.code).toBe(0);
    expect(JSON.parse(primary.stdout).leases).toMatchObject({
      clean: true,
      role: 'primary',
      failover: [{ peer: 'foo', mclt: null }],
    });
    const truncated = await leasecheck([
      'ready',
      '--log-only',
      '--log',
      restart,
      '--leases',
      join(realDir, 'enospc-truncated.leases'),
    ]);
    expect(truncated.code).toBe(4);
    expect(truncated.stdout).toMatch(
      /^not ready \(dhcpd 4\.4\.3-P1\)\n {2}lease file .*enospc-truncated\.leases: truncated-tail/,
    );
  });
});
