import { execFile, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';

/**
 * leasecheck as an admin installs it, from a clean directory: the packed
 * tarball installed with `npm install -g`, and the standalone executable for
 * hosts whose Node.js is older than 20. Both are built from a copy of the
 * checkout, so that this file never rebuilds the dist/ that other test files
 * run. Each must give the same answers as the CLI of the checkout.
 */

const fuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const nodeHasFuse = readFileSync(process.execPath).includes(fuse);
const samples = readdirSync(join(repoRoot, 'samples')).filter((n) => n.endsWith('.leases'));

let work = '';
let tarball = '';
let prefix = '';
let standalone = '';

/**
 * Runs a build or install step without blocking the test worker's event loop
 * (a long synchronous call starves vitest's own messages).
 */
async function sh(argv: string[], cwd: string): Promise<string> {
  const { stdout } = await promisify(execFile)(argv[0]!, argv.slice(1), {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  return stdout;
}

function run(command: string[], cwd: string) {
  const r = spawnSync(command[0]!, [...command.slice(1)], {
    cwd,
    encoding: 'latin1',
    env: { ...process.env, NO_COLOR: '1', PATH: '/usr/bin:/bin' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** What the checkout's own CLI says: the reference both installs must match. */
function reference(args: string[]) {
  return run([process.execPath, join(repoRoot, 'bin/leasecheck.js'), ...args], repoRoot);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'leasecheck-install-'));
  const source = join(work, 'source');
  for (const entry of ['bin', 'grammar', 'samples', 'scripts', 'src', 'LICENSE', 'package.json']) {
    cpSync(join(repoRoot, entry), join(source, entry), { recursive: true });
  }
  for (const entry of readdirSync(repoRoot).filter((n) => n.startsWith('tsconfig'))) {
    cpSync(join(repoRoot, entry), join(source, entry));
  }
  if (existsSync(join(repoRoot, 'man')))
    cpSync(join(repoRoot, 'man'), join(source, 'man'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(source, 'node_modules'));
  // `npm pack` runs `prepare`, which builds dist/ in the copy.
  const packOutput = await sh(['npm', 'pack', '--silent', '--pack-destination', work], source);
  const packed = packOutput.trim().split('\n').pop()!;
  tarball = join(work, packed);
  prefix = join(work, 'prefix');
  await sh(['npm', 'install', '--global', '--prefix', prefix, '--prefer-offline', tarball], work);
  if (nodeHasFuse) {
    standalone = join(work, 'standalone', 'leasecheck');
    await sh(['node', 'scripts/build-standalone.mjs', '--out', standalone], source);
  }
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('ships what runs and its licence, and no source maps or standalone build pointing at files it lacks', async () => {
    const files = (await sh(['tar', '-tzf', tarball], work)).split('\n');
    expect(files).toContain('package/LICENSE');
    expect(files).toContain('package/bin/leasecheck.js');
    expect(files).toContain('package/dist/bundle/leasecheck.js');
    expect(files).toContain('package/grammar/dhcpd-leases.ohm');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => f.includes('standalone/'))).toEqual([]);
  });

  it('installed with npm install -g, answers every sample as the checkout does, from a directory without node_modules', () => {
    const bin = join(prefix, 'bin', 'leasecheck');
    expect(existsSync(bin)).toBe(true);
    for (const sample of samples) {
      const file = join(repoRoot, 'samples', sample);
      const installed = run([bin, 'check', file, '--now', '2026-12-01T00:00:00Z'], work);
      const expected = reference(['check', file, '--now', '2026-12-01T00:00:00Z']);
      expect({ sample, code: installed.code, out: installed.out }).toEqual({
        sample,
        code: expected.code,
        out: expected.out,
      });
    }
  });
});

describe.skipIf(!nodeHasFuse)(
  `the standalone executable${nodeHasFuse ? '' : ' (skipped: this Node.js binary has no single-executable fuse)'}`,
  () => {
    it('runs with no Node.js on PATH and no package folder, and answers every sample as the checkout does', () => {
      const alone = join(work, 'alone');
      cpSync(standalone, join(alone, 'leasecheck'));
      const bin = join(alone, 'leasecheck');
      expect(run([bin, '--version'], alone).out.trim()).toBe(
        (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string })
          .version,
      );
      for (const sample of samples) {
        const file = join(repoRoot, 'samples', sample);
        for (const extra of [[], ['--json']]) {
          const args = ['check', file, '--now', '2026-12-01T00:00:00Z', ...extra];
          const got = run([bin, ...args], alone);
          const expected = reference(args);
          // --json carries the time the check took: compare without it.
          const strip = (text: string) =>
            text.replace(/"(elapsedMs|durationMs|checkedAt)":[^,}]*/g, '');
          expect({ sample, extra, code: got.code, out: strip(got.out) }).toEqual({
            sample,
            extra,
            code: expected.code,
            out: strip(expected.out),
          });
        }
      }
    });
  },
);
