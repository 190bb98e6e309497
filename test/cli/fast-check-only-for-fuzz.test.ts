import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixturePath, repoRoot, tempDir } from '../helpers.js';

/**
 * fast-check (a test library of some 100 kB of bundle) is loaded only by
 * `leasecheck fuzz` and by `leasecheck/arbitraries`: the commands an admin
 * runs at every dhcpd start, and the library's main entry, must not pay for
 * it, nor break when a packager prunes it.
 *
 * Each command runs with a loader hook (test/cli/record-loaded-modules.mjs)
 * that records every module file the process loads; a file is fast-check's
 * when it lies under node_modules/fast-check (the library, unbundled) or
 * carries fast-check's own symbol names (the CLI bundle, where esbuild has
 * inlined it into a chunk). `fuzz` and `leasecheck/arbitraries` are the
 * controls: there the detector must find it, or it detects nothing.
 */

const bin = join(repoRoot, 'bin/leasecheck.js');
const hook = join(repoRoot, 'test/cli/record-loaded-modules.mjs');
const samples = join(repoRoot, 'samples');
const logs = join(samples, 'logs');
const conf = join(repoRoot, 'test/fixtures/conf/pair');

/** Strings only fast-check's code holds (Symbol.for keys of its public API). */
const markers = ['fast-check/cloneMethod', 'fast-check/toStringMethod'];

function isFastCheck(url: string): boolean {
  if (!url.startsWith('file:')) return false;
  const path = fileURLToPath(url);
  if (/[/\\]node_modules[/\\]fast-check[/\\]/.test(path)) return true;
  try {
    const text = readFileSync(path, 'latin1');
    return markers.some((marker) => text.includes(marker));
  } catch {
    return false;
  }
}

/** Runs node with the recording hook; returns the exit code and the fast-check files it loaded. */
function loadedBy(
  args: string[],
  cwd = repoRoot,
): { code: number | null; fastCheck: string[]; loaded: number; err: string } {
  const dir = tempDir('loaded');
  const log = join(dir, 'loaded.log');
  const r = spawnSync(process.execPath, ['--import', hook, ...args], {
    cwd,
    encoding: 'latin1',
    env: { ...process.env, NO_COLOR: '1', LEASECHECK_LOADED_LOG: log },
    timeout: 120_000,
  });
  let urls: string[] = [];
  try {
    urls = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
  } catch {
    // nothing loaded through the hook: the assertion on `loaded` says so
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    code: r.status,
    fastCheck: urls
      .filter(isFastCheck)
      .map((url) => url.replace(/^.*\/(node_modules|dist)\//, '$1/')),
    loaded: urls.length,
    err: r.stderr,
  };
}

const cli = (...args: string[]) => loadedBy([bin, ...args]);

describe('fast-check is loaded only by fuzz and leasecheck/arbitraries', () => {
  it('the controls: fuzz and leasecheck/arbitraries do load it, so the detector sees it', () => {
    const fuzz = cli(
      'fuzz',
      '--against',
      'true {}',
      '--runs',
      '1',
      '--seed',
      '1',
      '--kind',
      'clean',
    );
    expect(fuzz.loaded).toBeGreaterThan(0);
    expect(fuzz.fastCheck.length, fuzz.err).toBeGreaterThan(0);
    const arbitraries = loadedBy([
      '--input-type=module',
      '--eval',
      "await import('leasecheck/arbitraries');",
    ]);
    expect(arbitraries.fastCheck.length, arbitraries.err).toBeGreaterThan(0);
  });

  it("the library's main entry does not load it", () => {
    const library = loadedBy(['--input-type=module', '--eval', "await import('leasecheck');"]);
    expect(library.code, library.err).toBe(0);
    expect(library.loaded).toBeGreaterThan(0);
    expect(library.fastCheck).toEqual([]);
  });

  it('check, repair, verify, ready, pools, leases, pair, undo and the monitoring formats do not load it', () => {
    const work = tempDir('no-fast-check');
    const truncated = join(work, 'dhcpd.leases');
    copyFileSync(join(samples, 'truncated-tail.leases'), truncated);
    const runs: string[][] = [
      ['check', join(samples, 'clean-v4.leases')],
      ['check', join(samples, 'corrupt-middle.leases'), '--json'],
      ['check', join(samples, 'v6.leases'), '--format', 'nagios', '-w', '60'],
      ['check', join(samples, 'clean-v4.leases'), '--format', 'prometheus'],
      [
        'check',
        join(samples, 'failover-secondary.leases'),
        '--log',
        join(logs, 'secondary-restart.syslog'),
      ],
      ['repair', truncated],
      ['repair', '--preen', truncated],
      ['undo', truncated],
      [
        'verify',
        join(samples, 'failover-secondary.leases'),
        '--log',
        join(logs, 'secondary-restart.syslog'),
      ],
      ['ready', '--log-only', '--log', join(logs, 'secondary-restart.journal')],
      ['pools', fixturePath('fo-primary.leases'), '--config', fixturePath('fo-primary.conf')],
      ['leases', join(samples, 'clean-v4.leases')],
      ['pair', join(conf, 'site-primary.conf'), join(conf, 'site-secondary.conf')],
      ['--help'],
    ];
    const found: Array<{ args: string; fastCheck: string[] }> = [];
    for (const args of runs) {
      const r = cli(...args);
      // Each ran far enough to load its feature (not a usage error, which stops early).
      expect({ args: args.join(' '), code: r.code }).not.toEqual({
        args: args.join(' '),
        code: 16,
      });
      expect(r.loaded).toBeGreaterThan(1);
      if (r.fastCheck.length > 0) found.push({ args: args.join(' '), fastCheck: r.fastCheck });
    }
    expect(found).toEqual([]);
  }, 180_000);
});
