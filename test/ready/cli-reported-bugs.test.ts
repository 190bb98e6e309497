import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertedDir, linesOf, realDir } from './helpers.js';
import type { RunResult } from '../harness/exec.js';
import { leasecheck as runLeasecheck } from '../harness/leasecheck.js';
import { tempDir, write } from '../helpers.js';

/** The tester's reproductions, run through the CLI (bin/leasecheck.js and the bundle in dist/). */

/** Runs `node bin/leasecheck.js ARGS`; kills it after `limitMs` (a hang shows as code null). */
function leasecheck(args: string[], limitMs = 15_000): Promise<RunResult> {
  return runLeasecheck(args, { timeoutMs: limitMs, env: { TZ: 'UTC' } });
}

const tmp = tempDir('ready-bugs');
function writeLog(name: string, lines: string[]): string {
  return write(tmp, name, lines.map((l) => l + '\n').join(''));
}

const single = linesOf(join(convertedDir, 'fo-secondary-2.rfc3164.log')).filter(
  (l) => !l.includes('dhcp-other'),
);
const singleLog = writeLog('single.log', single);
const v6 = linesOf(join(realDir, 'v6.log'))
  .slice(0, 12)
  .map((l) => `Nov 28 12:53:00 dhcp-b dhcpd[4400]: ${l}`);
const both = [...single.slice(0, 14), ...v6, ...single.slice(14)];
const leases = join(realDir, 'fo-secondary.leases');

describe('ready: the reported bugs, through the CLI', () => {
  it('dhcpd and dhcpd -6 on one host: --leases and --config judge the v4 peer, not the last start-up', async () => {
    const notReady = await leasecheck([
      'ready',
      '--log-only',
      '--log',
      writeLog('v4v6-notready.log', both.slice(0, 29)),
      '--host',
      'dhcp-b',
      '--leases',
      leases,
    ]);
    expect(notReady.stdout).toMatch(/^not ready \(host dhcp-b, pid 4307, dhcpd 4\.4\.3-P1\)\n/);
    expect(notReady.code).toBe(4);
    const byConfig = await leasecheck([
      'ready',
      '--log-only',
      '--log',
      writeLog('v4v6.log', both),
      '--host',
      'dhcp-b',
      '--config',
      join(realDir, 'fo-secondary.conf'),
    ]);
    expect(byConfig.stdout).toMatch(/^ready \(host dhcp-b, pid 4307, dhcpd 4\.4\.3-P1\)\n/);
    expect(byConfig.code).toBe(0);
    const unknown = await leasecheck(['ready', '--log-only', '--log', join(tmp, 'v4v6.log')]);
    expect(unknown.stdout).toMatch(/several dhcpd processes \(pid 4307.*; pid 4400.*--leases/);
    expect(unknown.code).toBe(4);
  });

  it('--wait 0 answers from the existing content (ready, exit 0); a huge --wait prints no Node warning', async () => {
    const zero = await leasecheck(['ready', '--log-only', '--log', singleLog, '--wait', '0']);
    expect(zero.stdout).toMatch(/^ready /);
    expect(zero.code).toBe(0);
    const huge = await leasecheck(['ready', '--log-only', '--log', singleLog, '--wait', '2147484']);
    expect(huge.code).toBe(0);
    expect(huge.stderr).not.toMatch(/TimeoutOverflowWarning|Warning/);
  });

  it('a "last message repeated" line does not make a second, nameless host', async () => {
    const repeated = writeLog('repeated.log', [
      ...single.slice(0, 5),
      'Nov 28 12:52:58 dhcp-b last message repeated 2 times',
      ...single.slice(5),
    ]);
    const r = await leasecheck(['ready', '--log-only', '--log', repeated]);
    expect(r.stdout).toMatch(/^ready \(host dhcp-b, pid 4307/);
    expect(r.code).toBe(0);
  });

  it('--wait on a directory or a named pipe: one line and exit 8, no stack trace, no hang', async () => {
    const dir = join(tmp, 'adir');
    mkdirSync(dir);
    const onDir = await leasecheck(['ready', '--log-only', '--log', dir, '--wait', '1']);
    expect(onDir.stderr).toBe(`leasecheck: ${dir}: is a directory, not a log\n`);
    expect(onDir.code).toBe(8);
    const fifo = join(tmp, 'ff');
    execFileSync('mkfifo', [fifo]);
    const onFifo = await leasecheck(['ready', '--log-only', '--log', fifo, '--wait', '2'], 10_000);
    expect(onFifo.code).toBe(8);
    expect(onFifo.stderr).toMatch(
      /^leasecheck: .*ff: is a named pipe, not a regular file: .*--log -.*\n$/,
    );
    expect(onFifo.stderr.split('\n')).toHaveLength(2);
  });
});
