import { createHash, type Hash } from 'node:crypto';
import { readSync } from 'node:fs';
import type { Edit } from './types.js';

/** Chunk size of every copy: memory stays bounded whatever the file size. */
export const CHUNK = 4 * 1024 * 1024;

export interface StreamResult {
  sourceSha256: string;
  outputSha256: string;
  outputBytes: number;
}

/**
 * Reads `[0, size)` of `fd` once, in order, and emits the bytes the edits keep
 * plus their inserts. Removed bytes are read too, so the source hash covers
 * the whole original. One buffer of CHUNK bytes, reused.
 */
export function streamEdited(
  fd: number,
  size: number,
  edits: Edit[],
  emit: (buffer: Buffer, length: number) => void,
): StreamResult {
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(size, 1)));
  // Until the first edit, source and output are the same bytes: hash them once
  // (hashing, not copying, is the slow part of a 1 GB repair), then fork the
  // hash state with copy() where they diverge.
  const source: Hash = createHash('sha256');
  let output: Hash | null = null;
  const diverge = (): Hash => {
    if (!output) output = source.copy();
    return output;
  };
  let outputBytes = 0;
  let position = 0;

  const pass = (end: number, keep: boolean): void => {
    while (position < end) {
      const want = Math.min(buffer.length, end - position);
      const n = readSync(fd, buffer, 0, want, position);
      if (n === 0) {
        throw new Error(
          `the file ended at byte ${position}, before byte ${end}: it changed while being copied`,
        );
      }
      const bytes = buffer.subarray(0, n);
      if (keep && !output) source.update(bytes);
      else {
        const out = keep ? diverge() : null;
        if (!keep) diverge();
        source.update(bytes);
        out?.update(bytes);
      }
      if (keep) {
        emit(buffer, n);
        outputBytes += n;
      }
      position += n;
    }
  };

  for (const edit of edits) {
    pass(edit.offset, true);
    pass(edit.offset + edit.length, false);
    if (edit.insert) {
      const bytes = Buffer.from(edit.insert, 'latin1');
      diverge().update(bytes);
      emit(bytes, bytes.length);
      outputBytes += bytes.length;
    }
  }
  pass(size, true);
  const sourceSha256 = source.digest('hex');
  return {
    sourceSha256,
    outputSha256: output ? (output as Hash).digest('hex') : sourceSha256,
    outputBytes,
  };
}

/** SHA-256 and size of a whole open file, read in chunks. */
export function hashFd(fd: number): { sha256: string; bytes: number } {
  const buffer = Buffer.allocUnsafe(CHUNK);
  const hash = createHash('sha256');
  let position = 0;
  for (;;) {
    const n = readSync(fd, buffer, 0, buffer.length, position);
    if (n === 0) break;
    hash.update(buffer.subarray(0, n));
    position += n;
  }
  return { sha256: hash.digest('hex'), bytes: position };
}
