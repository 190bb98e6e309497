import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir, write } from '../helpers.js';

/**
 * A check of a small file is mostly Node starting: restart scripts and
 * ExecStartPre= run it at every dhcpd start. It must not load what only
 * other commands need (worker threads, sockets, child processes, zlib,
 * crypto), nor Node's ES module loader, nor the stream modules Node's own
 * process.stdout loads for a pipe: each costs milliseconds of every start.
 * The modules are Node's own record (process.moduleLoadList), written at
 * exit by a preloaded script; the output must stay what it was.
 */

const bin = join(repoRoot, 'bin/leasecheck.js');
const sample = join(repoRoot, 'samples/clean-v4.leases');
const dir = tempDir('start-up-modules');
const recorder = write(
  dir,
  'record.cjs',
  `process.on('exit', () => require('node:fs').writeFileSync(process.env.MODULES_LOG, process.moduleLoadList.join('\\n')));\n`,
);

const NOT_AT_START = [
  'NativeModule net',
  'NativeModule stream',
  'NativeModule child_process',
  'NativeModule worker_threads',
  'NativeModule dgram',
  'NativeModule zlib',
  'NativeModule crypto',
  'NativeModule fs/promises',
  'NativeModule tty',
  'NativeModule internal/modules/esm/translators',
];

/** Runs the CLI with stdout as given; returns its output, exit code and the modules Node loaded. */
function checkWithStdout(stdout: 'pipe' | 'devnull' | 'file') {
  const log = join(dir, `modules-${stdout}.log`);
  const out = join(dir, `out-${stdout}.txt`);
  const redirect = stdout === 'pipe' ? '' : stdout === 'devnull' ? ' >/dev/null' : ` >"${out}"`;
  const r = spawnSync(
    'sh',
    ['-c', `"${process.execPath}" -r "${recorder}" "${bin}" check "${sample}"${redirect}`],
    { encoding: 'latin1', env: { ...process.env, MODULES_LOG: log, NO_COLOR: '1' } },
  );
  return {
    status: r.status,
    stdout: stdout === 'file' ? readFileSync(out, 'latin1') : r.stdout,
    stderr: r.stderr,
    modules: readFileSync(log, 'utf8').split('\n'),
  };
}

describe('the start of a check', () => {
  it.each(['pipe', 'devnull', 'file'] as const)(
    'loads none of the modules only other commands (or Node streams) need, with stdout a %s',
    (kind) => {
      const run = checkWithStdout(kind);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.modules.filter((m) => NOT_AT_START.includes(m))).toEqual([]);
      // The recorder sees modules at all (vm runs the bundle).
      expect(run.modules).toContain('NativeModule vm');
    },
  );

  it('writes the same report to a pipe and to a file', () => {
    const piped = checkWithStdout('pipe');
    expect(piped.stdout).toMatch(/clean-v4\.leases: clean/);
    expect(checkWithStdout('file').stdout).toBe(piped.stdout);
  });
});
