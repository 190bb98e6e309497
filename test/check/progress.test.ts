// What a progress bar is told (checkLeaseFile's onProgress): the bytes read so
// far and the file's size, after each chunk, ending at the whole file; and
// never a count that goes back, even when the file changed while it was read
// and is read again from its first byte.
import { truncateSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { tempDir, write } from '../helpers.js';

const dir = tempDir('check-progress');
let counter = 0;
const now = new Date('2026-11-28T13:00:00Z');
const lease = (n: number) => `lease 10.0.0.${n} {\n  binding state free;\n}\n`;
const tenLeases = Array.from({ length: 10 }, (_, i) => lease(i + 1)).join('');

describe('progress of a check', () => {
  it('reports each chunk read, then the whole file', async () => {
    const path = write(dir, `f${counter++}.leases`, tenLeases);
    const calls: [number, number][] = [];
    await checkLeaseFile(path, { now, chunkSize: 64, onProgress: (r, t) => calls.push([r, t]) });
    const size = tenLeases.length;
    const reads = Array.from({ length: Math.ceil(size / 64) }, (_, i) =>
      Math.min(64 * (i + 1), size),
    );
    expect(calls).toEqual(reads.map((r) => [r, size]));
  });

  it('never goes back when the file shrinks while it is read and is read again', async () => {
    const path = write(dir, `f${counter++}.leases`, tenLeases);
    const calls: [number, number][] = [];
    const report = await checkLeaseFile(path, {
      now,
      chunkSize: 64,
      retryDelayMs: 1,
      onProgress: (read, total) => {
        calls.push([read, total]);
        // Cut inside the third lease while the second chunk is being read:
        // the first reading ends inside a declaration, and the file is read again.
        if (calls.length === 2) truncateSync(path, read + 10);
      },
    });
    const cut = 128 + 10;
    expect(report.bytes).toBe(cut);
    expect(report.verdict).toBe('truncated-tail');
    for (let i = 1; i < calls.length; i++) {
      expect(calls[i]![0], `call ${i}: ${JSON.stringify(calls)}`).toBeGreaterThanOrEqual(
        calls[i - 1]![0],
      );
    }
    // The second reading is shown once it passes the first: at its end, with the new size.
    expect(calls.at(-1)).toEqual([cut, cut]);
    expect(calls.filter(([, total]) => total === cut)).toEqual([[cut, cut]]);
  });
});
