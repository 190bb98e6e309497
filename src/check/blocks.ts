import { readSync } from 'node:fs';
import { declarationLineAfter } from '../scan/index.js';
import { MAX_BLOCKS } from './block-claims.js';

/**
 * Cutting a file into blocks that can be scanned apart: each block starts at
 * a line that begins a top-level declaration. That is a heuristic (a string
 * may hold such a line); the scans tell when a cut fell inside a match.
 */

/** How far past a nominal block start to look for a line that starts a declaration. */
const SEARCH_BYTES = 1024 * 1024;
/** Most declarations are far shorter: look this far first. */
const FIRST_SEARCH_BYTES = 64 * 1024;

/** Blocks of about 1/32 of the file: small enough to even out two threads, few enough to cost nothing. */
export function defaultBlockBytes(size: number): number {
  return Math.min(16 * 1024 * 1024, Math.max(1024 * 1024, Math.ceil(size / 32)));
}

/**
 * The offsets where the blocks of the open file `fd` of `size` bytes start,
 * about `blockBytes` apart, followed by `size`: block k is `[starts[k],
 * starts[k + 1])`. The first block starts at 0. A nominal start with no
 * declaration line within SEARCH_BYTES after it is dropped (its block joins
 * the one before).
 */
export function blockStarts(fd: number, size: number, blockBytes: number): number[] {
  const step = Math.max(blockBytes, Math.ceil(size / MAX_BLOCKS), 1);
  const starts = [0];
  const buffer = Buffer.allocUnsafe(Math.min(SEARCH_BYTES, size));
  for (let nominal = step; nominal < size; nominal += step) {
    const at = declarationLineFrom(fd, buffer, nominal, size);
    if (at > starts[starts.length - 1]! && at < size) starts.push(at);
  }
  starts.push(size);
  return starts;
}

/** The start of the first line after `from` that begins a top-level declaration, or -1. */
function declarationLineFrom(fd: number, buffer: Buffer, from: number, size: number): number {
  for (const search of [FIRST_SEARCH_BYTES, SEARCH_BYTES]) {
    const length = Math.min(search, buffer.length, size - from);
    const bytes = readSync(fd, buffer, 0, length, from);
    const at = declarationLineAfter(buffer.toString('latin1', 0, bytes), 0);
    if (at >= 0) return from + at;
    if (length < search) break;
  }
  return -1;
}
