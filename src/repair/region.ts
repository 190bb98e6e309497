import { createHash } from 'node:crypto';
import { closeSync, fstatSync, readSync } from 'node:fs';
import { openRegularFile } from '../bounded-file.js';
import type { Fingerprint } from './types.js';

/** Reads bytes `[start, end)` of an open file; the caller keeps ranges small (the diff regions). */
export function readRange(fd: number, start: number, end: number): Buffer {
  const buffer = Buffer.alloc(Math.max(0, end - start));
  let done = 0;
  while (done < buffer.length) {
    const n = readSync(fd, buffer, done, buffer.length - done, start + done);
    if (n === 0) break;
    done += n;
  }
  return done === buffer.length ? buffer : buffer.subarray(0, done);
}

const BLOCK = 64 * 1024;
/** A line longer than this around a repair is not a lease file any more: give up on context there. */
const MAX_SEARCH = 16 * 1024 * 1024;

/**
 * The offset of the start of the line `linesBack` lines before the line holding `offset`,
 * and how many whole lines back that really is (fewer at the start of the file, or
 * when a line longer than MAX_SEARCH comes first: context stops there). Null when the
 * line holding `offset` itself starts more than MAX_SEARCH bytes back.
 */
export function lineStartBefore(
  fd: number,
  offset: number,
  linesBack: number,
): { start: number; lines: number } | null {
  // Newlines to find: one ending the line before `offset`'s line, plus one per context line.
  let found = 0;
  let lastFound = -1;
  let position = offset;
  while (position > 0 && offset - position < MAX_SEARCH) {
    const from = Math.max(0, position - BLOCK);
    const block = readRange(fd, from, position);
    for (let i = block.length - 1; i >= 0; i--) {
      if (block[i] === 0x0a) {
        found++;
        lastFound = from + i;
        if (found === linesBack + 1) return { start: lastFound + 1, lines: linesBack };
      }
    }
    position = from;
  }
  if (position === 0) return { start: 0, lines: found };
  return found === 0 ? null : { start: lastFound + 1, lines: found - 1 };
}

/** The offset just after the `linesAfter`-th newline at or after `offset` (or the end of the file). */
export function lineEndAfter(fd: number, offset: number, size: number, linesAfter: number): number {
  let wanted = linesAfter;
  let position = offset;
  if (wanted === 0) return offset;
  while (position < size && position - offset < MAX_SEARCH) {
    const block = readRange(fd, position, Math.min(size, position + BLOCK));
    for (let i = 0; i < block.length; i++) {
      if (block[i] === 0x0a) {
        wanted--;
        if (wanted === 0) return position + i + 1;
      }
    }
    position += block.length;
    if (block.length === 0) break;
  }
  return Math.min(size, position);
}

/**
 * Opens a lease file (or its backup) for reading without following a final
 * symlink unless asked to; only a regular file (see openRegularFile).
 */
export function openForReading(path: string, followSymlinks = true): number {
  return openRegularFile(path, 'a lease file', { noFollow: !followSymlinks }).fd;
}

function hashRegions(fd: number, regions: Array<[number, number]>): string {
  const hash = createHash('sha256');
  for (const [start, end] of regions) {
    for (let at = start; at < end; at += BLOCK)
      hash.update(readRange(fd, at, Math.min(end, at + BLOCK)));
  }
  return hash.digest('hex');
}

/** The identity of an open file plus the hash of the regions an analysis read. */
export function fingerprintFd(fd: number, regions: Array<[number, number]>): Fingerprint {
  const stat = fstatSync(fd, { bigint: true });
  return {
    dev: stat.dev.toString(),
    ino: stat.ino.toString(),
    size: Number(stat.size),
    mtimeNs: stat.mtimeNs.toString(),
    regions,
    regionSha256: hashRegions(fd, regions),
  };
}

export function fingerprintPath(path: string, regions: Array<[number, number]> = []): Fingerprint {
  const fd = openForReading(path);
  try {
    return fingerprintFd(fd, regions);
  } finally {
    closeSync(fd);
  }
}

/** Null when `now` still matches `before`; otherwise the first difference, in words. */
export function fingerprintDifference(before: Fingerprint, fd: number): string | null {
  const stat = fstatSync(fd, { bigint: true });
  if (stat.dev.toString() !== before.dev || stat.ino.toString() !== before.ino) {
    return 'it was replaced by another file';
  }
  if (Number(stat.size) !== before.size)
    return `its size changed from ${before.size} to ${stat.size} bytes`;
  if (stat.mtimeNs.toString() !== before.mtimeNs) return 'its modification time changed';
  if (hashRegions(fd, before.regions) !== before.regionSha256)
    return 'the bytes it analysed changed';
  return null;
}
