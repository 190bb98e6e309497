import { describe, expect, it } from 'vitest';
import { ChunkReader } from '../../src/scan/chunks.js';
import { openLeaseFile } from '../../src/scan/open-file.js';
import { tempDir, write } from '../helpers.js';
import { closeSync } from 'node:fs';

function readAll(reader: ChunkReader, max: number): string {
  const out: number[] = [];
  const buffer = new Uint8Array(max);
  for (let n = reader.readInto(buffer, 0, max); n > 0; n = reader.readInto(buffer, 0, max)) {
    out.push(...buffer.subarray(0, n));
  }
  return Buffer.from(out).toString('latin1');
}

/** Reading a file forwards in chunks, whole or a range of it. */
describe('chunk reader', () => {
  const text = Array.from({ length: 200 }, (_, i) => String.fromCharCode(i + 40)).join('');
  const path = write(tempDir('scan-chunks'), 'f', text);

  it('reads the whole file, however small the chunks', () => {
    for (const max of [1, 7, 64, 1000]) {
      const reader = new ChunkReader(path);
      expect(readAll(reader, max)).toBe(text);
      expect(reader.hasMore()).toBe(false);
      reader.close();
    }
  });

  it('reads a range only, and reads at an offset without moving', () => {
    const reader = new ChunkReader(path, { start: 10, end: 50 });
    expect(reader.readAt(100, 5)).toBe(text.slice(100, 105));
    expect(readAll(reader, 16)).toBe(text.slice(10, 50));
    reader.close();
  });

  it('reads on through a growing range until it ends, never past the file', () => {
    const ends = [90, 300, null];
    const reader = new ChunkReader(path, { start: 20, end: 40, extend: () => ends.shift()! });
    expect(readAll(reader, 13)).toBe(text.slice(20));
    reader.close();
  });

  it('leaves a lent file open', () => {
    const shared = openLeaseFile(path);
    const reader = new ChunkReader(path, undefined, shared);
    reader.close();
    expect(reader.readAt(0, 3)).toBe(text.slice(0, 3));
    closeSync(shared.fd);
  });
});
