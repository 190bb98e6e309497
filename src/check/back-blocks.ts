import { linesFrom, ScanBuffers } from '../scan/index.js';
import { Aggregates } from './aggregate.js';
import { BlockClaims } from './block-claims.js';
import { joinParts, partToData, scanPart, type PartOutcome } from './part.js';
import type { PartJob, PartReply } from './parallel.js';

/**
 * The worker's half of a parallel check: takes blocks of the file from the
 * back until none is left (the main thread takes them from the front), and
 * scans each. Each block is joined in front of those after it as soon as it
 * is scanned, into their aggregates, so that the worker holds one table of
 * addresses however many blocks it takes.
 */
export function scanBlocksFromBack(
  job: PartJob,
  onRead?: (bytesRead: number) => void,
): Exclude<PartReply, { error: string }> {
  const { path, file, blockStarts, maxProblems, chunkSize } = job;
  const claims = new BlockClaims(job.claims);
  const buffers = new ScanBuffers();
  /** Where each block after the first is gathered, and emptied once joined. */
  const scratch = new Aggregates();
  /** The blocks scanned so far, joined: from `start` to the end of the file. */
  let joined: PartOutcome | null = null;
  let start = -1;
  let read = 0;
  for (let block = claims.fromBack(); block >= 0; block = claims.fromBack()) {
    const range = { start: blockStarts[block]!, end: blockStarts[block + 1]! };
    const readBefore = read;
    const part = scanPart(path, maxProblems, {
      range,
      file,
      buffers,
      ...(joined !== null ? { aggregates: scratch } : {}),
      ...(chunkSize !== undefined ? { chunkSize } : {}),
      ...(onRead ? { onProgress: (at: number) => onRead(readBefore + at - range.start) } : {}),
    });
    read += range.end - range.start;
    if (joined !== null) {
      // The block ends at a cut: a match that ran into it would have gone
      // otherwise in a whole scan.
      if (part.summary.endedInsideMatch) return { part: null, reason: 'cut-inside-match' };
      const cut = range.end;
      joined = joinParts(
        part,
        joined,
        maxProblems,
        () => linesFrom(file.fd, range.start)(cut) - 1,
        'later',
      );
      scratch.clear();
    } else {
      joined = part;
    }
    start = range.start;
  }
  if (joined === null) return { part: null, reason: 'no-blocks' };
  return { part: partToData(joined), start };
}
