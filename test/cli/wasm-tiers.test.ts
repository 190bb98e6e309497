import { join } from 'node:path';
import { cachedDataVersionTag } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { BASELINE_ONLY_BELOW } from '../../src/grammar/lease-engine.js';
import { LIFTOFF_ONLY, ONE_COMPILE_TASK } from '../../src/grammar/wasm-runtime.js';
import { withV8Flags } from '../../src/grammar/v8-flag.js';
import { run } from '../harness/exec.js';
import { writeLeaseFileOver } from '../harness/large-lease-file.js';
import { repoRoot, tempDir } from '../helpers.js';

/**
 * A scan of a file under BASELINE_ONLY_BELOW (16 MiB) runs the WebAssembly
 * recogniser on V8's baseline compiler alone; a larger one lets V8 optimise
 * its hot functions as usual. The choice is made through V8's flags, which
 * must come back as they were (V8 refuses a code cache written under other
 * flags), and through a deprecated Node call whose warning an admin must
 * never see. V8 says what it compiled with --trace-wasm-compilation-times.
 */

const dir = tempDir('wasm-tiers');

/** A clean file of leases of more than `bytes` bytes. */
const leaseFile = (name: string, bytes: number): string =>
  writeLeaseFileOver(join(dir, name), bytes);

/** `leasecheck check FILE` with V8 tracing its WebAssembly compilations: how many functions TurboFan compiled. */
async function checkTracingCompilation(file: string) {
  const result = await run(
    [
      process.execPath,
      '--trace-wasm-compilation-times',
      join(repoRoot, 'bin/leasecheck.js'),
      'check',
      file,
    ],
    { timeoutMs: 60_000 },
  );
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(': clean');
  return {
    liftoff: result.stdout.match(/ using Liftoff,/g)?.length ?? 0,
    turbofan: result.stdout.match(/ using TurboFan,/g)?.length ?? 0,
    stderr: result.stderr,
  };
}

describe('how V8 compiles the WebAssembly recogniser for a check', () => {
  const small = leaseFile('small.leases', 4_000_000);

  it('a 4 MB file: the baseline compiler only', async () => {
    const traced = await checkTracingCompilation(small);
    expect(traced.liftoff).toBeGreaterThan(0);
    expect(traced.turbofan).toBe(0);
    expect(traced.stderr).toBe('');
  });

  it('no deprecation warning from the call that sets the flags, also where the process lives on', async () => {
    // The CLI exits as soon as its report is out, before Node would print a
    // warning; a program using the library lives on.
    const program = `
      import { checkLeaseFile } from ${JSON.stringify(join(repoRoot, 'dist/index.js'))};
      const report = await checkLeaseFile(${JSON.stringify(small)});
      await new Promise((resolve) => setTimeout(resolve, 50));
      console.log(report.verdict);`;
    const result = await run([process.execPath, '--input-type=module', '-e', program]);
    expect(result.stdout.trim()).toBe('clean');
    expect(result.stderr).toBe('');
  });

  it('a file over BASELINE_ONLY_BELOW bytes: TurboFan for the hot functions', async () => {
    const traced = await checkTracingCompilation(leaseFile('large.leases', BASELINE_ONLY_BELOW));
    expect(traced.turbofan).toBeGreaterThan(0);
  });
});

describe.each([
  ['Liftoff alone (files under 16 MiB)', LIFTOFF_ONLY],
  ['one compile task (larger files)', ONE_COMPILE_TASK],
])('V8 flags set for a while: %s', (_, change) => {
  it('are on inside, and V8 is back at its defaults after, even when the call throws', () => {
    const before = cachedDataVersionTag();
    let inside = before;
    withV8Flags(change, () => {
      inside = cachedDataVersionTag();
    });
    expect(inside).not.toBe(before);
    expect(cachedDataVersionTag()).toBe(before);
    expect(() =>
      withV8Flags(change, () => {
        throw new Error('inside');
      }),
    ).toThrow('inside');
    expect(cachedDataVersionTag()).toBe(before);
  });
});
