import { existsSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { packageFile } from '../package-root.js';
import { declarationLineAfter, lineOfOffset, withOpenFile, type ByteRange } from '../scan/index.js';
import {
  joinParts,
  partFromData,
  scanPart,
  type PartOutcome,
  type PartOutcomeData,
} from './part.js';

/**
 * A check of a large file on two threads: the file is cut at the start of a
 * line that begins a top-level declaration near its middle; this thread scans
 * the first part while a worker scans the second, and the two outcomes are
 * joined. Declarations are independent, so the joined outcome is the one a
 * single scan would give, provided the cut fell between two declarations.
 * When it did not (the first part's last match ran into the cut: a keyword
 * at the start of a line inside a string, or damage reaching over it), the
 * answer is null and the caller scans the file whole.
 */

/** How far past the middle to look for a line that starts a declaration. */
const SPLIT_SEARCH_BYTES = 1024 * 1024;

export interface PartJob {
  path: string;
  range: ByteRange;
  maxProblems: number;
  chunkSize?: number;
  /** One float64: bytes of its part the worker has read (for the progress bar). */
  progress: SharedArrayBuffer;
}

export type PartReply = { part: PartOutcomeData } | { error: string };

/** Whether this machine has a second core and the worker's script is built. */
export function canScanInParallel(): boolean {
  return availableParallelism() >= 2 && workerScript() !== null;
}

/** The worker's script: the bundled one when the CLI is bundled, else the compiled module. */
function workerScript(): string | null {
  for (const candidate of ['dist/bundle/check-worker.js', 'dist/check/part-worker.js']) {
    const path = packageFile(candidate);
    if (existsSync(path)) return path;
  }
  return null;
}

export async function scanInParallel(
  path: string,
  size: number,
  maxProblems: number,
  options: { chunkSize?: number; onProgress?: (bytesRead: number, totalBytes: number) => void },
): Promise<PartOutcome | null> {
  const script = workerScript();
  const cut = script === null ? -1 : findCut(path, size);
  if (script === null || cut <= 0) return null;
  const progress = new SharedArrayBuffer(8);
  const laterRead = new Float64Array(progress);
  const job: PartJob = {
    path,
    range: { start: cut, end: size },
    maxProblems,
    progress,
    ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
  };
  const worker = new Worker(script, { workerData: job });
  const reply = new Promise<PartReply | null>((resolve) => {
    worker.once('message', (message: PartReply) => resolve(message));
    // A worker that cannot start or dies is not an answer: scan on one thread.
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  try {
    const { onProgress } = options;
    const first = scanPart(path, maxProblems, {
      range: { start: 0, end: cut },
      ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
      ...(onProgress ? { onProgress: (read) => onProgress(read + laterRead[0]!, size) } : {}),
    });
    const answer = await reply;
    if (answer === null || 'error' in answer || first.summary.endedInsideMatch) return null;
    const later = partFromData(answer.part);
    onProgress?.(size, size);
    return joinParts(first, later, maxProblems, () => lineOfOffset(path, cut) - 1);
  } finally {
    await worker.terminate();
  }
}

/** The offset of a line near the middle of the file that starts a top-level declaration, or -1. */
function findCut(path: string, size: number): number {
  // Half each: the worker starts later, but measured on an 89 MB file it
  // still read its last chunk 0.1-0.3 s before this thread finished (this
  // thread also draws the progress and holds the CLI's heap).
  const middle = Math.floor(size / 2);
  const length = Math.min(SPLIT_SEARCH_BYTES, size - middle);
  const buffer = Buffer.allocUnsafe(length);
  return withOpenFile(path, (fd) => {
    const bytes = readSync(fd, buffer, 0, length, middle);
    const at = declarationLineAfter(buffer.toString('latin1', 0, bytes), 0);
    return at < 0 ? -1 : middle + at;
  });
}
