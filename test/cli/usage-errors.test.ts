import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, repoRoot } from '../helpers.js';

const bin = join(repoRoot, 'bin/leasecheck.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], {
    encoding: 'latin1',
    env: { ...process.env, NO_COLOR: '1' },
  });
const leases = fixturePath('fo-secondary.leases');
const log = join(repoRoot, 'test/fixtures/logs/fo-secondary-2.rfc3164.log');

/** One line on stderr, exit 16, no stack trace. */
function expectUsageError(result: ReturnType<typeof run>, pattern: RegExp): void {
  expect(result.status).toBe(16);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe('options the command could not honour are usage errors (exit 16), never a silent OK', () => {
  it('--timeout beyond what one Node timer can wait (it would fire after 1 ms, claiming it waited)', () => {
    expectUsageError(
      run('ready', '--omapi', '127.0.0.1:1', '--peer', 'p', '--timeout', '3000000'),
      /--timeout "3000000": at most 2147483 seconds/,
    );
    expectUsageError(
      run('compare', leases, '--omapi', '127.0.0.1:1', '--timeout', '3000000'),
      /at most 2147483 seconds/,
    );
    expectUsageError(
      run('fuzz', '--against', 'true {}', '--timeout', '3000000000'),
      /--timeout must be at most 2147483647/,
    );
  });

  it('check --format prometheus with --log or --config', () => {
    expectUsageError(
      run('check', leases, '--format', 'prometheus', '--log', log),
      /--log: not used with --format/,
    );
    expectUsageError(
      run('check', leases, '--format', 'prometheus', '--config', 'dhcpd.conf'),
      /--config: not used with --format/,
    );
  });

  it('under --format nagios a usage error is the plugin convention: UNKNOWN on stdout, exit 3', () => {
    for (const args of [
      ['--log', log],
      ['--config', 'dhcpd.conf'],
      ['--warning-age', 'abc'],
      ['--no-such-option'],
    ]) {
      const result = run('check', leases, '--format', 'nagios', ...args);
      expect(result.status, args.join(' ')).toBe(3);
      expect(result.stdout).toMatch(/^LEASECHECK UNKNOWN - .+\n$/);
      expect(result.stderr).toMatch(/^leasecheck: [^\n]+\n$/);
    }
  });

  it("every commander error is one line starting 'leasecheck:' that names the help to read", () => {
    for (const [args, pattern] of [
      [
        ['chek'],
        /^leasecheck: unknown command 'chek' \(did you mean check\?\); see 'leasecheck --help'\n$/,
      ],
      [
        ['check', '--bogus', leases],
        /^leasecheck: unknown option '--bogus'; see 'leasecheck check --help'\n$/,
      ],
      [
        ['check'],
        /^leasecheck: missing required argument 'file'; see 'leasecheck check --help'\n$/,
      ],
      [
        ['--color', 'sometimes', 'check', leases],
        /^leasecheck: option '--color <when>' argument 'sometimes' is invalid/,
      ],
    ] as const) {
      const result = run(...args);
      expect(result.status, args.join(' ')).toBe(16);
      expect(result.stderr).toMatch(pattern);
    }
  });

  it('no arguments at all: the help on stderr, exit 16 (a script that lost its arguments must not pass)', () => {
    const result = run();
    expect(result.status).toBe(16);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Usage: leasecheck /);
    expect(result.stderr).toMatch(/Exit codes: /);
  });

  it('check --output or --warning-age without a monitoring format, and --host without --log', () => {
    expectUsageError(run('check', leases, '--output', '/tmp/x.prom'), /--output: not used/);
    expectUsageError(run('check', leases, '--json', '--warning-age', '60'), /--warning-age/);
    expectUsageError(run('check', leases, '--host', 'dhcp-b'), /--host \(without --log\)/);
  });

  it('times beyond the range of dates in --now and --since', () => {
    for (const command of [
      ['check', leases],
      ['verify', leases, '--log', log],
      ['repair', leases],
    ]) {
      expectUsageError(run(...command, '--now', '99999999999999'), /--now/);
    }
    expectUsageError(
      run('ready', '--log', log, '--since', '@99999999999999999'),
      /--since @99999999999999999: out of the range of dates/,
    );
    expectUsageError(run('ready', '--log', log, '--since', '-99999999999999d'), /--since/);
  });
  it('an empty --backup-dir (it would quietly mean next to the file)', () => {
    expectUsageError(run('repair', leases, '--backup-dir', ''), /--backup-dir needs a path/);
  });
});
