// Crash points: strace kills a process (SIGKILL) on entering its Nth write(2),
// the way a power cut or `kill -9` lands between two writes of a lease file.
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cleanup } from './cleanup.js';
import { startProcess, waitFor, type LongRunning } from './exec.js';
import { cleanupTempDir } from './files.js';
import { tool } from './prerequisites.js';

export interface WriteKiller extends LongRunning {
  /** strace's record of the traced write(2) calls (`-o`), ending with `+++ killed by SIGKILL +++` when it struck. */
  trace(): Promise<string>;
  /** True once the trace shows the kill. */
  struck(): Promise<boolean>;
}

/**
 * `strace -f -e trace=write -e inject=write:signal=KILL:when=N`, either attached to a running
 * process (`{ pid }`: counting starts at the attach) or running `{ argv }` from its start.
 * Resolves once strace is attached.
 */
export async function killAtWrite(
  cleanup: Cleanup,
  target: { pid: number } | { argv: readonly string[] },
  nth: number,
): Promise<WriteKiller> {
  if (!Number.isInteger(nth) || nth < 1) throw new Error(`killAtWrite: N must be >= 1, got ${nth}`);
  const dir = await cleanupTempDir(cleanup, 'strace');
  const traceFile = join(dir, 'trace');
  const stderrFile = join(dir, 'stderr');
  const args = ['-f', '-e', 'trace=write', '-e', `inject=write:signal=KILL:when=${nth}`];
  args.push('-o', traceFile);
  const attach = 'pid' in target;
  if (attach) args.push('-p', String(target.pid));
  else args.push('--', ...target.argv);
  const err = openSync(stderrFile, 'a');
  let running: LongRunning;
  try {
    running = startProcess([tool('strace'), ...args], {
      cwd: dir,
      stdio: ['ignore', 'ignore', err],
    });
  } finally {
    closeSync(err);
  }
  cleanup.add('stop strace', () => running.stop('SIGKILL'));
  const trace = () => readFile(traceFile, 'latin1').catch(() => '');
  if (attach) {
    await waitFor(
      async () => {
        const stderr = await readFile(stderrFile, 'latin1').catch(() => '');
        if (/attach: .*(not permitted|No such process)/.test(stderr)) {
          throw new Error(`strace could not attach to ${target.pid}: ${stderr}`);
        }
        return /Process \d+ attached/.test(stderr) ? true : undefined;
      },
      10_000,
      async () =>
        `strace did not attach to ${target.pid}: ${await readFile(stderrFile, 'latin1').catch(() => '')}`,
    );
  }
  return {
    ...running,
    trace,
    struck: async () => /\+\+\+ killed by SIGKILL/.test(await trace()),
  };
}
