import { readSync } from 'node:fs';
import { withOpenFile } from './open-file.js';

/** The 1-based line of a byte offset of a file, counted by reading the file up to it. */
export function lineOfOffset(path: string, offset: number): number {
  return withOpenFile(path, (fd) => {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let line = 1;
    for (let position = 0; position < offset;) {
      const bytes = readSync(fd, buffer, 0, Math.min(buffer.length, offset - position), position);
      if (bytes === 0) break;
      for (let at = buffer.indexOf(10, 0); at !== -1 && at < bytes; at = buffer.indexOf(10, at + 1))
        line++;
      position += bytes;
    }
    return line;
  });
}
