import { readSync } from 'node:fs';
import { LineCounter } from './lines.js';
import { withOpenFile } from './open-file.js';

/** The 1-based line of a byte offset of a file, counted by reading the file up to it. */
export function lineOfOffset(path: string, offset: number): number {
  return linesFrom(path, 0)(offset);
}

/**
 * Line numbers counted from `start` (line 1 starts there): a function from an
 * offset to its line, for offsets asked in increasing order. Each byte is
 * read once, however many offsets are asked for.
 */
export function linesFrom(path: string, start: number): (offset: number) => number {
  const readBytes = (at: number, length: number): Uint8Array =>
    withOpenFile(path, (fd) => {
      const buffer = Buffer.allocUnsafe(length);
      return buffer.subarray(0, readSync(fd, buffer, 0, length, at));
    });
  const counter = new LineCounter(start, readBytes);
  return (offset) => counter.lineInFile(offset);
}
