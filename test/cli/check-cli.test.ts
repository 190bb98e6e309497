import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, readFixture, repoRoot, tempDir } from '../helpers.js';

const bin = join(repoRoot, 'bin/leasecheck.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], {
    encoding: 'latin1',
    env: { ...process.env, NO_COLOR: '1' },
  });

describe('leasecheck check (the real CLI in a child process)', () => {
  it('exits 0 and says clean for a whole file', () => {
    const result = run('check', fixturePath('srv.leases'));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/: clean/);
    expect(result.stderr).toBe('');
  });

  it('exits 4 and explains a truncated tail, with line and what dhcpd does', () => {
    const result = run(
      'check',
      fixturePath('enospc-truncated.leases'),
      '--now',
      '2026-11-28T13:00:00Z',
    );
    expect(result.status).toBe(4);
    expect(result.stdout).toMatch(/truncated-tail/);
    expect(result.stdout).toMatch(/line 452, column 8/);
    expect(result.stdout).toMatch(/What dhcpd does with it now \(at 2026-11-28T13:00:00Z\)/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('prints the documented JSON shape with --json', () => {
    const result = run(
      'check',
      fixturePath('enospc-truncated.leases'),
      '--json',
      '--now',
      '2026-11-28T13:00:00Z',
    );
    expect(result.status).toBe(4);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        'verdict',
        'problems',
        'declarations',
        'leases',
        'failover',
        'truncated',
        'now',
      ]),
    );
    expect(report.problems[0]).toEqual(
      expect.objectContaining({
        code: 'truncated-tail',
        severity: 'error',
        line: 452,
        column: 8,
        offset: 12288,
      }),
    );
    expect(report.leases).toEqual({ distinct: 44, byState: { active: 44 } });
  });

  it('exits 8 with one clear line for a missing file, a directory, or a non-regular file', () => {
    for (const target of ['/nonexistent/dhcpd.leases', tmpdir(), '/dev/null']) {
      const result = run('check', target);
      expect(result.status).toBe(8);
      expect(result.stderr).toMatch(/^leasecheck: /);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('exits 16 for usage errors: unknown option, missing argument, bad --now', () => {
    expect(run('check', '--bogus', fixturePath('srv.leases')).status).toBe(16);
    expect(run('check').status).toBe(16);
    expect(run('check', fixturePath('srv.leases'), '--now', 'yesterday-ish').status).toBe(16);
    expect(run('no-such-command').status).toBe(16);
  });

  it('answers --help and --version with exit 0', () => {
    const help = run('check', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--max-problems/);
    const version = run('--version');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('reports a file full of damage as corrupt (exit 4) without a stack trace', () => {
    const dir = tempDir('cli');
    const path = join(dir, 'bad.leases');
    writeFileSync(
      path,
      Buffer.from(readFixture('srv.leases').replace('starts 6', 'starts X'), 'latin1'),
    );
    const result = run('check', path);
    expect(result.status).toBe(4);
    expect(result.stdout).toMatch(/expected a date, found "X"/);
  });

  it('--config: exit 0 when the file fits the configuration, 4 when dhcpd would drop or warn, 8 when it is unreadable', () => {
    const fits = run(
      'check',
      fixturePath('fo-primary.leases'),
      '--config',
      fixturePath('fo-primary.conf'),
    );
    expect(fits.status).toBe(0);
    // srv.leases holds 10.0.0.10, in no range of the failover pair's configuration.
    const dropped = run(
      'check',
      fixturePath('srv.leases'),
      '--config',
      fixturePath('fo-primary.conf'),
    );
    expect(dropped.status).toBe(4);
    expect(dropped.stdout).toMatch(/lease 10\.0\.0\.10: no subnet/);
    const missing = run('check', fixturePath('srv.leases'), '--config', '/nonexistent/dhcpd.conf');
    expect(missing.status).toBe(8);
    expect(missing.stderr).toMatch(/^leasecheck: .*dhcpd\.conf/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const dir = tempDir('fifo');
    const fifo = join(dir, 'dhcpd.leases');
    spawnSync('mkfifo', [fifo]);
    const result = spawnSync(process.execPath, [bin, 'check', fifo], {
      encoding: 'latin1',
      timeout: 20_000,
    });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(8);
    expect(result.stderr).toMatch(/not a regular file/);
  });

  it('stops quietly when the reader of its output goes away, keeping the verdict as exit code', () => {
    // 3,000 damaged leases listed in full: far more than a pipe holds, so the
    // writes after \`head\` has gone fail with EPIPE.
    const dir = tempDir('pipe');
    const file = join(dir, 'dhcpd.leases');
    const damaged = (n: number) => `lease 10.0.${n >> 8}.${n & 255} {\n  binding state bogus;\n}\n`;
    writeFileSync(file, Array.from({ length: 3000 }, (_, n) => damaged(n)).join(''));
    const result = spawnSync(
      'bash',
      [
        '-c',
        `"$0" "$1" check "$2" --max-problems 3000 | head -c 1 >/dev/null; echo \${PIPESTATUS[0]}`,
        process.execPath,
        bin,
        file,
      ],
      { encoding: 'latin1' },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('4');
  });

  it('says so and exits 8 when its output cannot be written (a full disk)', () => {
    const result = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${bin}" check "${fixturePath('srv.leases')}" > /dev/full`],
      {
        encoding: 'latin1',
      },
    );
    expect(result.status).toBe(8);
    expect(result.stderr).toMatch(/leasecheck: cannot write the output: ENOSPC/);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
