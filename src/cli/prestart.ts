import { statSync } from 'node:fs';
import { PARALLEL_MIN_BYTES, startCheckWorker } from '../check/check-worker.js';

/**
 * Runs before the CLI is loaded. When the arguments look like a check of a
 * large file, starts the worker thread of a parallel check now: it takes
 * about a tenth of a second to start, about as long as the CLI takes to load,
 * and the two then overlap instead of following each other. A wrong guess
 * costs a worker that waits unused on another core and ends with the process.
 */
export function prestart(argv: readonly string[]): void {
  if (argv[0] !== 'check') return;
  // --config reads the file on one thread; --help reads no file.
  const oneThread = ['--config', '--help', '-h'];
  if (argv.some((arg) => oneThread.includes(arg) || arg.startsWith('--config='))) return;
  if (argv.slice(1).some(isLargeFile)) startCheckWorker();
}

function isLargeFile(arg: string): boolean {
  if (arg.startsWith('-')) return false;
  try {
    const stat = statSync(arg);
    return stat.isFile() && stat.size >= PARALLEL_MIN_BYTES;
  } catch {
    return false;
  }
}
