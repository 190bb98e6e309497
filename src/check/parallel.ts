import { closeSync } from 'node:fs';
import { lineOfOffset, openLeaseFile, type SharedFile } from '../scan/index.js';
import { BlockClaims } from './block-claims.js';
import { blockStarts, defaultBlockBytes } from './blocks.js';
import { takeCheckWorker } from './check-worker.js';
import {
  joinParts,
  partFromData,
  scanPart,
  type PartOutcome,
  type PartOutcomeData,
} from './part.js';

/**
 * A check of a large file on two threads. The file is cut into blocks, each
 * starting at a line that begins a top-level declaration. This thread scans
 * from the front, taking the next block whenever it reaches the end of the
 * ones it has; a worker takes blocks from the back (see BlockClaims). The
 * worker may start later (unless the CLI started it early) and the two
 * share the cores unevenly, so neither gets a fixed half: they meet wherever
 * they meet, and finish together. The two outcomes are then joined. Both
 * read one descriptor, so both read the same file whatever befalls its name.
 *
 * Declarations are independent, so the joined outcome is the one a single
 * scan would give, provided every cut fell between two declarations. When
 * a cut between the worker's blocks did not (a match ran into it: a keyword
 * at the start of a line inside a string, or damage reaching over it), this
 * thread reads on from where it stopped; when its own last cut did not, the
 * answer is null and the caller scans the file whole.
 */

export interface PartJob {
  path: string;
  /** The file, opened once by the main thread: both threads read it, whatever befalls its name. */
  file: SharedFile;
  /** Where the blocks start, then the file's size (see blockStarts). */
  blockStarts: number[];
  /** The BlockClaims' shared word. */
  claims: SharedArrayBuffer;
  maxProblems: number;
  chunkSize?: number;
  /** One float64: bytes the worker has read (for the progress bar). */
  progress: SharedArrayBuffer;
}

export type PartReply =
  /** The worker's blocks, joined: the part of the file from `start` to its end. */
  | { part: PartOutcomeData; start: number }
  /** The worker took no block, or a cut between its blocks fell inside a match. */
  | { part: null; reason: 'no-blocks' | 'cut-inside-match' }
  | { error: string };

export interface ParallelOptions {
  chunkSize?: number;
  /** About how large a block is (tests use small ones); default defaultBlockBytes. */
  blockBytes?: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export async function scanInParallel(
  path: string,
  maxProblems: number,
  options: ParallelOptions,
): Promise<PartOutcome | null> {
  const file = openLeaseFile(path);
  try {
    return await scanOpenFile(path, file, maxProblems, options);
  } finally {
    closeSync(file.fd);
  }
}

async function scanOpenFile(
  path: string,
  file: SharedFile,
  maxProblems: number,
  options: ParallelOptions,
): Promise<PartOutcome | null> {
  const { size } = file;
  const chunk = options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {};
  const starts = blockStarts(file.fd, size, options.blockBytes ?? defaultBlockBytes(size));
  const blockCount = starts.length - 1;
  if (blockCount < 2) return null;
  const claims = BlockClaims.create(blockCount);
  // This thread starts at once, the worker a tenth of a second later.
  const firstBlock = claims.fromFront();
  const progress = new SharedArrayBuffer(8);
  const workerRead = new Float64Array(progress);
  const job: PartJob = {
    path,
    file,
    blockStarts: starts,
    claims: claims.buffer,
    maxProblems,
    progress,
    ...chunk,
  };
  const worker = takeCheckWorker();
  if (worker === null) return null;
  const reply = new Promise<PartReply | null>((resolve) => {
    worker.once('message', (message: PartReply) => resolve(message));
    // A worker that cannot start or dies is not an answer.
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  worker.postMessage(job);
  try {
    const { onProgress } = options;
    const front = scanPart(path, maxProblems, {
      file,
      range: {
        start: starts[firstBlock]!,
        end: starts[firstBlock + 1]!,
        extend: () => {
          const block = claims.fromFront();
          return block < 0 ? null : starts[block + 1]!;
        },
      },
      ...chunk,
      ...(onProgress ? { onProgress: (read) => onProgress(read + workerRead[0]!, size) } : {}),
    });
    const frontEnd = front.summary.bytes;
    const joined =
      joinFrontAndBack(file, front, frontEnd < size ? await reply : null, maxProblems) ??
      // The worker's part does not join (a cut between its blocks fell
      // inside a match, or the worker failed): this thread reads on from
      // where it stopped, when it stopped between two declarations.
      (front.summary.endedInsideMatch
        ? null
        : joinParts(
            front,
            scanPart(path, maxProblems, {
              file,
              range: { start: frontEnd, end: size },
              ...chunk,
              ...(onProgress ? { onProgress: (read) => onProgress(read, size) } : {}),
            }),
            maxProblems,
            () => lineOfOffset(file.fd, frontEnd) - 1,
          ));
    if (joined) onProgress?.(size, size);
    return joined;
  } finally {
    // The worker reads the descriptor: it ends before the file is closed.
    await worker.terminate();
  }
}

/**
 * The outcome of the whole file from the front thread's part and the
 * worker's reply, or null when they do not make one: the worker failed, or
 * the cut where they met fell inside a match. A front part that reached the
 * end of the file is the whole file, whatever the worker did.
 */
export function joinFrontAndBack(
  file: SharedFile,
  front: PartOutcome,
  answer: PartReply | null,
  maxProblems: number,
): PartOutcome | null {
  const frontEnd = front.summary.bytes;
  if (frontEnd >= file.size) return front;
  if (answer === null || 'error' in answer || answer.part === null) return null;
  if (answer.start !== frontEnd || front.summary.endedInsideMatch) return null;
  const back = partFromData(answer.part);
  return joinParts(front, back, maxProblems, () => lineOfOffset(file.fd, frontEnd) - 1);
}
