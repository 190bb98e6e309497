import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { expect, it } from 'vitest';
import { run } from '../harness/exec.js';
import { repoRoot } from '../harness/leasecheck.js';
import { tempDir } from '../helpers.js';

/**
 * leasecheck as a dependency: a project whose node_modules/leasecheck is this
 * package imports `leasecheck` (package.json's "exports": the built dist/),
 * type-checks against its declarations and runs.
 */
function consumerProject(): string {
  const dir = tempDir('consumer');
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(repoRoot, join(dir, 'node_modules', 'leasecheck'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ['node'],
        typeRoots: [join(repoRoot, 'node_modules/@types')],
      },
      files: [join(repoRoot, 'test/library/consumer.mts')],
    }),
  );
  return dir;
}

it('imports, type-checks and runs as a dependency: check, repair analysis, errors', async () => {
  const dir = consumerProject();
  const tsc = await run(
    [process.execPath, join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', dir],
    {
      timeoutMs: 60_000,
    },
  );
  expect(tsc.stdout + tsc.stderr).toBe('');
  expect(tsc.code).toBe(0);
  // Node 20 runs no TypeScript: strip the types, as the consumer's build would.
  const js = join(dir, 'consumer.mjs');
  const source = readFileSync(join(repoRoot, 'test/library/consumer.mts'), 'utf8');
  writeFileSync(js, transformSync(source, { loader: 'ts', format: 'esm' }).code);
  const sample = join(repoRoot, 'samples/truncated-tail.leases');
  const result = await run([process.execPath, js, sample], { cwd: dir, timeoutMs: 60_000 });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const lines = result.stdout.split('\n');
  expect(lines[0]).toBe(`${sample}: truncated-tail`);
  expect(lines[1]).toBe('truncate-tail');
  expect(result.stdout).toContain('--- truncated-tail.leases\n+++ truncated-tail.leases\n');
  expect(result.stdout).toMatch(/^@@ /m);
  expect(result.stdout).toContain(`exit code 8: ${sample}.missing: no such file`);
}, 120_000);
