import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { packageFile, packageFilesOnDisk } from '../package-root.js';

/**
 * The worker thread of a parallel check (see parallel.ts): where its script
 * is, and starting it early. Kept apart from the scanner so that the CLI can
 * start the worker before it has loaded anything else.
 */

/**
 * Files smaller than this are scanned on one thread. A second thread costs a
 * worker's start and a second warm-up of the recogniser (V8 compiles it
 * again in each thread, without the CLI's code cache); it pays only once the
 * half of the scan it saves is longer. Since the WebAssembly module
 * summarises the leases itself, one thread reads about 320 MB/s: measured
 * on 2026-12-07 on a 2-core machine in alternating whole-process runs (one
 * thread against two, medians of the pairs), 52 MB 0.83x, 105 MB 0.98x,
 * 152 MB 1.04x, with a third less CPU and 20 MB less memory: the two are
 * even near 128 MiB (docs/internals.md, Speed and memory).
 */
export const PARALLEL_MIN_BYTES = 128 * 1024 * 1024;

/** Whether this machine has a second core and the worker's script is built. */
export function canScanInParallel(): boolean {
  return availableParallelism() >= 2 && workerScript() !== null;
}

/** The worker's script: the bundled one when the CLI is bundled, else the compiled module. */
export function workerScript(): string | null {
  // The standalone executable has no worker script on disk: it checks on one thread.
  if (!packageFilesOnDisk()) return null;
  for (const candidate of ['dist/bundle/check-worker.js', 'dist/check/part-worker.js']) {
    const path = packageFile(candidate);
    if (existsSync(path)) return path;
  }
  return null;
}

/** A worker started ahead of need (see startCheckWorker), until it is taken or dies. */
let early: Worker | null = null;

/**
 * Starts a worker now, for a parallel check to take later: it loads its
 * code and waits for a job. It does not keep the process alive, and ends
 * with it if nothing takes it.
 */
export function startCheckWorker(): void {
  if (early !== null || availableParallelism() < 2) return;
  const worker = newCheckWorker();
  if (worker === null) return;
  worker.unref();
  worker.once('exit', () => {
    if (early === worker) early = null;
  });
  // A worker that fails to start is as good as none: a new one is tried.
  worker.once('error', () => {
    if (early === worker) early = null;
  });
  early = worker;
}

/** Whether a worker started early is waiting to be taken. */
export function checkWorkerWaiting(): boolean {
  return early !== null;
}

/** The worker started early, or a new one (null when the script is not built). */
export function takeCheckWorker(): Worker | null {
  const worker = early ?? newCheckWorker();
  early = null;
  worker?.ref();
  return worker;
}

function newCheckWorker(): Worker | null {
  const script = workerScript();
  return script === null ? null : new Worker(script);
}
