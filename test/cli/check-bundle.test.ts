import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../harness/exec.js';
import { repoRoot, tempDir, write } from '../helpers.js';

/**
 * bin/leasecheck.js starts dist/bundle/check.cjs, the check command's own
 * bundle, when the arguments start with `check`, and leasecheck.cjs
 * otherwise. The two must be the same program for a check: same output on
 * both streams and same exit code, whatever the check is asked (a clean
 * file, a cut one, JSON, --config, help, usage errors, a missing file).
 */
const loader = join(repoRoot, 'bin/cli-loader.js');
const samples = join(repoRoot, 'samples');

function runBundle(name: string, argv: string[]) {
  const bundle = join(repoRoot, 'dist/bundle', name);
  const program = `
    const { loadCli } = require(${JSON.stringify(loader)});
    const { cli } = loadCli(${JSON.stringify(bundle)}, ${JSON.stringify(`${bundle}.cache`)});
    cli.runCli(${JSON.stringify(argv)}).then((code) => { process.exitCode = code; });`;
  return run([process.execPath, '-e', program], { env: { ...process.env, NO_COLOR: '1' } });
}

describe('the check bundle', () => {
  const dir = tempDir('check-bundle');
  const conf = write(
    dir,
    'dhcpd.conf',
    'subnet 10.0.0.0 netmask 255.255.255.0 {\n  range 10.0.0.10 10.0.0.200;\n}\n',
  );
  // The report names the time it was made at: the same for both.
  const now = ['--now', '2026-12-01T00:00:00Z'];
  const cases: string[][] = [
    ['check', ...now, join(samples, 'clean-v4.leases')],
    ['check', ...now, join(samples, 'truncated-tail.leases')],
    ['check', ...now, '--format', 'json', join(samples, 'corrupt-middle.leases')],
    ['check', ...now, '--format', 'nagios', join(samples, 'truncated-tail.leases')],
    ['check', ...now, '--config', conf, join(samples, 'clean-v4.leases')],
    ['check', ...now, join(samples, 'v6.leases')],
    ['check', '--help'],
    ['check'],
    ['check', '--no-such-option', join(samples, 'clean-v4.leases')],
    ['check', join(dir, 'missing.leases')],
  ];

  it.each(cases.map((argv) => ({ argv, shown: argv.join(' ') })))(
    'answers `leasecheck $shown` as the bundle of every command does',
    async ({ argv }) => {
      const [own, full] = await Promise.all([
        runBundle('check.cjs', argv),
        runBundle('leasecheck.cjs', argv),
      ]);
      expect(own.stderr).toBe(full.stderr);
      expect(own.stdout).toBe(full.stdout);
      expect(own.code).toBe(full.code);
      // Each case says something: the comparison is not of two empty runs.
      expect(own.stdout.length + own.stderr.length).toBeGreaterThan(0);
    },
  );

  it('missing from a build, the check runs from the bundle of every command: same answer', async () => {
    const pkg = tempDir('check-bundle-missing');
    for (const dir of ['bin', 'dist/bundle']) mkdirSync(join(pkg, dir), { recursive: true });
    for (const file of [
      'bin/leasecheck.js',
      'bin/cli-loader.js',
      'bin/package.json',
      'dist/bundle/leasecheck.cjs',
      'dist/bundle/leasecheck.cjs.cache',
    ])
      copyFileSync(join(repoRoot, file), join(pkg, file));
    const argv = ['check', ...now, join(samples, 'truncated-tail.leases')];
    const env = { ...process.env, NO_COLOR: '1' };
    const [fallback, installed] = await Promise.all([
      run([process.execPath, join(pkg, 'bin/leasecheck.js'), ...argv], { env }),
      run([process.execPath, join(repoRoot, 'bin/leasecheck.js'), ...argv], { env }),
    ]);
    expect(fallback.stderr).toBe(installed.stderr);
    expect(fallback.stdout).toBe(installed.stdout);
    expect(fallback.code).toBe(4);
    expect(installed.code).toBe(4);
  });

  it('leaves out the other commands: bin/leasecheck.js starts it only for a check', async () => {
    const listed = await runBundle('check.cjs', ['--help']);
    expect(listed.stdout).toContain('check');
    expect(listed.stdout).not.toContain('restart-pair');
    const bin = join(repoRoot, 'bin/leasecheck.js');
    const other = await run([process.execPath, bin, '--help']);
    expect(other.stdout).toContain('restart-pair');
  });
});
