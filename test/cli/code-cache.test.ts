import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../harness/exec.js';
import { repoRoot, tempDir, write } from '../helpers.js';

/**
 * bin/leasecheck.js starts the CLI from V8's code cache of its bundle, which
 * `npm run build` writes. A cache V8 refuses would go unnoticed (the CLI
 * still works, only slower to start), so the build's cache is held to being
 * accepted by this Node with its default flags; and a missing or damaged
 * cache must only cost speed, never the answer. Both bundles: check.cjs
 * (what a check starts) and leasecheck.cjs (every other command).
 */
const loader = join(repoRoot, 'bin/cli-loader.js');

/** Loads `bundle` with `cache` in a fresh node, runs the CLI on `argv`; prints whether V8 refused the cache. */
function loadAndRun(bundle: string, cache: string, argv: string[]) {
  const program = `
    import { loadCli } from ${JSON.stringify(loader)};
    const { cli, script } = loadCli(${JSON.stringify(bundle)}, ${JSON.stringify(cache)});
    const code = await cli.runCli(${JSON.stringify(argv)});
    process.stderr.write('refused=' + script.cachedDataRejected + ' code=' + code + '\\n');`;
  return run([process.execPath, '--input-type=module', '-e', program]);
}

describe.each(['check.cjs', 'leasecheck.cjs'])('the CLI code cache of %s', (name) => {
  const bundle = join(repoRoot, 'dist/bundle', name);
  const sample = join(repoRoot, 'samples/clean-v4.leases');

  it('is accepted by V8 as the build wrote it', async () => {
    const result = await loadAndRun(bundle, `${bundle}.cache`, ['check', sample]);
    expect(result.stderr).toContain('refused=false code=0');
    expect(result.stdout).toContain('clean');
  });

  it('missing or damaged, costs only the start-up: same report, same exit code', async () => {
    const dir = tempDir('code-cache');
    const damaged = write(dir, 'damaged.cache', 'not a code cache'.repeat(100));
    const expected = await loadAndRun(bundle, `${bundle}.cache`, ['check', sample]);
    for (const cache of [join(dir, 'missing.cache'), damaged]) {
      const result = await loadAndRun(bundle, cache, ['check', sample]);
      expect(result.stdout).toBe(expected.stdout);
      expect(result.stderr).toMatch(/refused=(true|undefined) code=0/);
    }
  });
});
