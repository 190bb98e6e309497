import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countNewlines } from '../../src/scan/lines.js';
import { newlineScratch, NEWLINE_SCRATCH_BYTES } from '../../src/scan/newline-simd.js';
import { propertyParameters } from '../helpers.js';

/**
 * Line numbers of failures read again from the file are counted by the
 * WebAssembly SIMD function when the bytes lie in its memory: it must count
 * exactly what a byte-by-byte count finds, at any start and length (the
 * sixteen-byte blocks, the 255-block lane limit, the bytes after the last
 * block), and it must be the one counting here (Node 20 has SIMD).
 */

function byByte(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === 10) n++;
  return n;
}

describe('newlines counted by the SIMD function', () => {
  it('reads into WebAssembly memory (the SIMD counter is in use)', () => {
    const scratch = newlineScratch();
    expect(scratch.length).toBe(NEWLINE_SCRATCH_BYTES);
    expect(scratch.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    // A plain Uint8Array has a buffer of its own size; the memory is larger than the scratch.
    expect(scratch.buffer.byteLength).toBeGreaterThan(NEWLINE_SCRATCH_BYTES);
  });

  it('counts as a byte-by-byte count does, at every start and length', () => {
    const scratch = newlineScratch();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 64 }),
        fc.integer({ min: 0, max: 9000 }),
        fc.integer({ min: 1, max: 255 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (start, length, density, fill) => {
          let x = fill >>> 0;
          for (let i = 0; i < start + length + 32; i++) {
            x = (Math.imul(x, 1103515245) + 12345) >>> 0;
            scratch[i] = (x >>> 16) % density === 0 ? 10 : (x >>> 8) & 255;
          }
          const bytes = scratch.subarray(start, start + length);
          expect(countNewlines(bytes)).toBe(byByte(bytes));
        },
      ),
      propertyParameters(300),
    );
  });

  it('counts a whole scratch of newlines (the per-lane limit of 255 blocks)', () => {
    const scratch = newlineScratch();
    scratch.fill(10);
    expect(countNewlines(scratch)).toBe(NEWLINE_SCRATCH_BYTES);
    scratch.fill(0);
    expect(countNewlines(scratch)).toBe(0);
    expect(countNewlines(new Uint8Array([10, 1, 10]))).toBe(2);
  });
});
