import { spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { header, linesOf, read, real, startupLog, tempDir, write } from './helpers.js';

/** `leasecheck verify` and `leasecheck check --log` as a user runs them: exit codes, text, JSON. */

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/leasecheck.js');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function leasecheck(args: string[], stdin = '', nodeArgs: string[] = []): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, bin, ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

// bin/ runs the bundle in dist/, which test/global-setup.ts builds once before any test file.

const dir = tempDir();
const secondaryLogs = ['--log', real('fo-secondary.log'), '--log', real('fo-secondary-2.log')];
const lines = linesOf(read(real('fo-secondary.leases')));
const lossy = write(dir, 'fo-secondary.leases', `${lines.slice(0, 48).join('\n')}\n`);

describe('leasecheck verify', () => {
  it('exit 0 and each count logged vs found with line numbers', async () => {
    const r = await leasecheck(['verify', real('fo-secondary.leases'), ...secondaryLogs]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fo-secondary\.leases: consistent\n/);
    expect(r.stdout).toMatch(
      /leases: 10 \/ 10 {2}ok {2}\(log .*fo-secondary-2\.log:8; file lines 13-67\)/,
    );
  });

  it('exit 4 and a data-loss error when snapshot leases are gone', async () => {
    const r = await leasecheck(['verify', lossy, ...secondaryLogs]);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/inconsistent/);
    expect(r.stdout).toMatch(/error: dhcpd wrote 10 leases .* holds 6: 4 lost/);
  });

  it('--json gives the documented shape', async () => {
    const r = await leasecheck(['verify', lossy, ...secondaryLogs, '--json']);
    expect(r.code).toBe(4);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual([
      'file',
      'status',
      'consistent',
      'check',
      'family',
      'server',
      'reference',
      'history',
      'candidates',
      'counts',
      'snapshot',
      'writer',
      'complaints',
      'findings',
    ]);
    expect(report.counts[0]).toMatchObject({
      what: 'leases',
      logged: 10,
      found: 6,
      status: 'missing',
    });
    expect(report.findings[0]).toMatchObject({ code: 'data-loss', severity: 'error' });
  });

  it('reads the log from stdin and from .gz', async () => {
    const gz = join(dir, 'fo-secondary-2.log.gz');
    writeFileSync(gz, gzipSync(read(real('fo-secondary-2.log'))));
    const fromGz = await leasecheck(['verify', real('fo-secondary.leases'), '--log', gz]);
    expect(fromGz.code).toBe(0);
    const fromStdin = await leasecheck(
      ['verify', real('fo-secondary.leases'), '--log', '-'],
      read(real('fo-secondary-2.log')),
    );
    expect(fromStdin.code).toBe(0);
  });

  it('exit 4 when the log is ambiguous, 0 with --host', async () => {
    const central = join(root, 'test/fixtures/logs/fo-pair-central.iso.log');
    const file = write(dir, 'dhcpd.leases', header());
    const ambiguous = await leasecheck(['verify', file, '--log', central]);
    expect(ambiguous.code).toBe(4);
    expect(ambiguous.stdout).toMatch(/ambiguous/);
    const chosen = await leasecheck(['verify', file, '--log', central, '--host', 'dhcp-a']);
    expect(chosen.code).toBe(0);
  });

  it('exit 8 for a missing lease file or log, 16 without --log', async () => {
    const noFile = await leasecheck(['verify', join(dir, 'nope.leases'), '--log', real('srv.log')]);
    expect(noFile.code).toBe(8);
    expect(noFile.stderr).toMatch(/no such file/);
    const noLog = await leasecheck(['verify', real('srv.leases'), '--log', join(dir, 'nope.log')]);
    expect(noLog.code).toBe(8);
    const usage = await leasecheck(['verify', real('srv.leases')]);
    expect(usage.code).toBe(16);
  });

  it('a log claiming billions of leases is checked against the file, not trusted to size memory', async () => {
    const claimed = read(real('fo-secondary-2.log')).replace(
      /Wrote \d+ leases/,
      'Wrote 4294967296 leases',
    );
    const log = write(dir, 'billions.log', claimed);
    const r = await leasecheck([
      'verify',
      real('fo-secondary.leases'),
      '--log',
      real('fo-secondary.log'),
      '--log',
      log,
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(4);
    const report = JSON.parse(r.stdout);
    expect(report.status).toBe('inconsistent');
  });

  it('memory stays bounded: 100,000 snapshot leases with a 32 MB heap', async () => {
    const big = join(dir, 'big.leases');
    const fd = openSync(big, 'w');
    writeSync(fd, header());
    let chunk = '';
    for (let i = 0; i < 100_000; i++) {
      chunk += `lease 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} {\n  starts 6 2026/11/28 12:52:06;\n  ends 6 2026/11/28 13:02:06;\n  binding state active;\n  hardware ethernet 00:11:22:33:44:55;\n}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
    closeSync(fd);
    const log = write(
      dir,
      'big.log',
      startupLog(['Wrote 100000 leases to leases file.'], '/x/big.leases'),
    );
    const r = await leasecheck(['verify', big, '--log', log], '', ['--max-old-space-size=32']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/leases: 100000 \/ 100000/);
  }, 120_000);
});

describe('leasecheck check --log', () => {
  it('adds the verification: exit 0 when clean and consistent, JSON under "verify"', async () => {
    const r = await leasecheck(['check', real('srv.leases'), '--log', real('srv.log'), '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.verdict).toBe('clean');
    expect(report.verify).toMatchObject({ status: 'consistent', consistent: true });
  });

  it('exit 4 when the file checks clean but is inconsistent with the log', async () => {
    const r = await leasecheck(['check', lossy, ...secondaryLogs]);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/: clean\n/);
    expect(r.stdout).toMatch(/: inconsistent\n/);
  });

  it('without --log, check is unchanged (no verify key)', async () => {
    const r = await leasecheck(['check', real('srv.leases'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).verify).toBeUndefined();
  });
});
