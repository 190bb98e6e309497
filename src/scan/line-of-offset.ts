import { readSync } from 'node:fs';
import { LineCounter } from './lines.js';
import { withOpenFile } from './open-file.js';

/** The 1-based line of a byte offset of a file, counted by reading the file up to it. */
export function lineOfOffset(path: string, offset: number): number {
  return withOpenFile(path, (fd) => {
    const readBytes = (at: number, length: number): Uint8Array => {
      const buffer = Buffer.allocUnsafe(length);
      return buffer.subarray(0, readSync(fd, buffer, 0, length, at));
    };
    return new LineCounter(0, readBytes).lineInFile(offset);
  });
}
