// `leasecheck pair` as users run it: the real CLI in a child process (needs
// the build in dist/: `npx tsc -p tsconfig.build.json`).
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realFixtureDir, tempDir } from '../helpers.js';

const built = existsSync('dist/cli/commands/pair.js');
const ci = ['true', '1', 'yes'].includes((process.env.CI ?? '').toLowerCase());
const dir = 'test/fixtures/conf/pair';

function pair(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/leasecheck.js', 'pair', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('leasecheck pair (CLI)', () => {
  if (!built) {
    if (ci)
      it('has the build in dist/', () =>
        expect.fail('dist/cli/commands/pair.js is missing: run npm run build'));
    else
      it.skip('CLI tests skipped: dist/cli/commands/pair.js is missing (run npx tsc -p tsconfig.build.json)', () => {});
    return;
  }

  it('exits 0 and says so for the real mirrored pair', () => {
    const result = pair(`${realFixtureDir}/fo-primary.conf`, `${realFixtureDir}/fo-secondary.conf`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('mirrored failover peers and identical address plans');
    expect(result.stderr).toBe('');
  });

  it('exits 4 and shows both ranges with file:line and the restart advice', () => {
    const result = pair(`${dir}/site-primary.conf`, `${dir}/site-secondary-range-changed.conf`);
    expect(result.code).toBe(4);
    expect(result.stdout).toContain('pool in subnet 10.1.0.0/24: the ranges differ');
    expect(result.stdout).toContain(`${dir}/site-primary.conf:39  10.1.0.100 - 10.1.0.199`);
    expect(result.stdout).toContain(
      `${dir}/site-secondary-range-changed.conf:37  10.1.0.100 - 10.1.0.219`,
    );
    expect(result.stdout).toContain('restart the secondary first');
  });

  it('labels the sides by role, not by the order the files are given in', () => {
    const result = pair(`${dir}/site-secondary-wrong-port.conf`, `${dir}/site-primary.conf`);
    expect(result.code).toBe(4);
    expect(result.stdout).toContain("(the secondary's file was given first: shown by role)");
    expect(result.stdout).toMatch(
      new RegExp(`primary {4}${dir}/site-primary\\.conf:12 {2}port 519`),
    );
    expect(result.stdout).toMatch(
      new RegExp(`secondary {2}${dir}/site-secondary-wrong-port\\.conf:14 {2}peer port 5190`),
    );
    const json = JSON.parse(
      pair(`${dir}/site-secondary-wrong-port.conf`, `${dir}/site-primary.conf`, '--json').stdout,
    );
    expect(json).toMatchObject({
      primaryFile: `${dir}/site-primary.conf`,
      secondaryFile: `${dir}/site-secondary-wrong-port.conf`,
      byRole: true,
      swapped: true,
    });
  });

  it('prints the documented JSON shape with --json', () => {
    const result = pair(
      `${dir}/site-primary.conf`,
      `${dir}/site-secondary-wrong-port.conf`,
      '--json',
    );
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout)).toEqual({
      primaryFile: `${dir}/site-primary.conf`,
      secondaryFile: `${dir}/site-secondary-wrong-port.conf`,
      identical: false,
      rangesDiffer: false,
      byRole: true,
      swapped: false,
      findings: [
        {
          area: 'failover',
          code: 'failover-port',
          message: `failover peer "campus": the primary's port is not the secondary's peer port`,
          primary: { file: `${dir}/site-primary.conf`, line: 12, value: 'port 519' },
          secondary: {
            file: `${dir}/site-secondary-wrong-port.conf`,
            line: 14,
            value: 'peer port 5190',
          },
        },
      ],
      advice: [],
    });
  });

  it('exits 8 with file, line and column for a configuration that does not parse', () => {
    const broken = join(tempDir('pair'), 'broken.conf');
    writeFileSync(broken, 'subnet 10.0.0.0 netmask 255.0.0.0 {\n  range 10.0.0.1 10.0.0.9\n}\n');
    const result = pair(`${dir}/site-primary.conf`, broken);
    expect(result.code).toBe(8);
    expect(result.stderr).toContain(`${broken}:3:1: syntax error: expected`);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  });

  it('exits 8 for a missing file', () => {
    const result = pair(`${dir}/site-primary.conf`, `${dir}/no-such.conf`);
    expect(result.code).toBe(8);
    expect(result.stderr).toContain('no-such.conf: no such file');
  });

  it('exits 16 when an argument is missing', () => {
    expect(pair(`${dir}/site-primary.conf`).code).toBe(16);
  });
});
