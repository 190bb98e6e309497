/**
 * Newlines counted sixteen bytes at a time by a WebAssembly SIMD function.
 * A failure near the end of a file has its line counted by reading the file
 * again up to it (see LineCounter): counted in JavaScript, a word at a time,
 * that count took as long as reading the bytes did, and it ran mostly before
 * V8 had optimised the loop. WebAssembly is compiled at once (Liftoff), so
 * the count costs about the same from its first byte; the bytes are read
 * straight into the function's memory (newlineScratch), with no copy.
 * Where WebAssembly or its SIMD is missing, countNewlines in lines.ts counts.
 */

/**
 * The bytes newlineScratch holds, and so the longest run counted at once.
 * As large as a scan's chunk: a scan that counts its lines as it reads
 * copies each chunk here, so these pages are in use already when a line is
 * counted by reading the file again. A larger scratch cost its first use a
 * page fault per 4 KiB not touched before (about 13 µs each on a virtual
 * machine): 1 MiB added some 3 ms to a check of a large file cut at its end.
 */
export const NEWLINE_SCRATCH_BYTES = 256 * 1024;

const PAGES = NEWLINE_SCRATCH_BYTES / 65536 + 1;

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

// The module's bytes are put together with concat, not spread: this runs
// once, unoptimised, at load, where spreading made an iterator result per
// byte (garbage that, with the rest of a start, filled V8's first young
// generation in a check of a large file).
const section = (id: number, content: number[]): number[] =>
  [id].concat(leb(content.length), content);
const name = (text: string): number[] =>
  [text.length].concat(Array.from(text, (c) => c.charCodeAt(0)));

// count(at, length): the number of bytes 10 in memory [at, at + length).
// Locals: 0 at, 1 length, 2 end, 3 total, 4 blocks left, 5 acc (v128), 6 newlines (v128).
// Each lane of acc counts up to 255 blocks' matches (an equal lane is -1:
// subtracting it adds one), then the lanes are added into the total.
const body = ([] as number[]).concat(
  [2, 3, 0x7f, 2, 0x7b], // locals: 3 i32, 2 v128
  [0x41, 10, 0xfd, 0x0f, 0x21, 6], // newlines = i8x16.splat(10)
  [0x20, 0, 0x20, 1, 0x41, 0x70, 0x71, 0x6a, 0x21, 2], // end = at + (length & -16)
  [0x02, 0x40, 0x03, 0x40], // block, loop (sixteen-byte blocks)
  [0x20, 0, 0x20, 2, 0x4f, 0x0d, 1], // at >= end: done
  [0xfd, 0x0c].concat(new Array<number>(16).fill(0), [0x21, 5]), // acc = 0
  [0x41, 0xff, 0x01, 0x21, 4], // blocks left = 255
  [0x02, 0x40, 0x03, 0x40], // block, loop (up to 255 blocks)
  [0x20, 5, 0x20, 0, 0xfd, 0x00, 0x00, 0x00, 0x20, 6, 0xfd, 0x23, 0xfd, 0x71, 0x21, 5], // acc -= (load(at) == newlines)
  [0x20, 0, 0x41, 16, 0x6a, 0x22, 0, 0x20, 2, 0x4f, 0x0d, 1], // at += 16; at >= end: out
  [0x20, 4, 0x41, 1, 0x6b, 0x22, 4, 0x0d, 0], // --blocks left: again
  [0x0b, 0x0b], // end loop, end block
  [0x20, 5, 0xfd, 0x7d, 0xfd, 0x7f, 0x22, 5], // acc: u8 lanes -> u16 -> u32 pair sums
  [0xfd, 0x1b, 0, 0x20, 5, 0xfd, 0x1b, 1, 0x6a], // lane 0 + lane 1
  [0x20, 5, 0xfd, 0x1b, 2, 0x6a, 0x20, 5, 0xfd, 0x1b, 3, 0x6a], // + lane 2 + lane 3
  [0x20, 3, 0x6a, 0x21, 3, 0x0c, 0], // total += that; next
  [0x0b, 0x0b], // end loop, end block
  [0x20, 2, 0x20, 1, 0x41, 15, 0x71, 0x6a, 0x21, 2], // end += length & 15
  [0x02, 0x40, 0x03, 0x40], // block, loop (the last bytes, one at a time)
  [0x20, 0, 0x20, 2, 0x4f, 0x0d, 1], // at >= end: done
  [0x20, 3, 0x20, 0, 0x2d, 0, 0, 0x41, 10, 0x46, 0x6a, 0x21, 3], // total += load8_u(at) == 10
  [0x20, 0, 0x41, 1, 0x6a, 0x21, 0, 0x0c, 0], // at++; next
  [0x0b, 0x0b], // end loop, end block
  [0x20, 3, 0x0b], // total
);

const moduleBytes = new Uint8Array(
  ([] as number[]).concat(
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    section(1, [1, 0x60, 2, 0x7f, 0x7f, 1, 0x7f]), // type: (i32, i32) -> i32
    section(3, [1, 0]), // one function of that type
    section(5, [1, 0, PAGES]), // memory
    section(7, [2].concat(name('memory'), [2, 0], name('count'), [0, 0])),
    section(10, [1].concat(leb(body.length), body)),
  ),
);

/** What is used of WebAssembly (the project's TypeScript setup declares none of it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

interface SimdCounter {
  memory: { buffer: ArrayBuffer };
  count: (at: number, length: number) => number;
  scratch: Uint8Array;
}

let counter: SimdCounter | null | undefined;

/** The counter, compiled on first use; null where WebAssembly SIMD is missing. */
function simdCounter(): SimdCounter | null {
  if (counter !== undefined) return counter;
  counter = null;
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (wasm?.validate(moduleBytes)) {
      const { exports } = new wasm.Instance(new wasm.Module(moduleBytes));
      const memory = exports.memory as SimdCounter['memory'];
      counter = {
        memory,
        count: exports.count as (at: number, length: number) => number,
        scratch: new Uint8Array(memory.buffer, 0, NEWLINE_SCRATCH_BYTES),
      };
    }
  } catch {
    counter = null;
  }
  return counter;
}

/**
 * A buffer of NEWLINE_SCRATCH_BYTES to read bytes into before counting their
 * newlines: the SIMD function's own memory when there is one (one per
 * thread, shared: read into it and count before the next read).
 */
export function newlineScratch(): Uint8Array {
  return simdCounter()?.scratch ?? (plainScratch ??= new Uint8Array(NEWLINE_SCRATCH_BYTES));
}
let plainScratch: Uint8Array | undefined;

/** The newlines of `bytes` when they lie in newlineScratch's memory; -1 otherwise. */
export function countNewlinesSimd(bytes: Uint8Array): number {
  const c = counter;
  if (c == null || bytes.buffer !== c.memory.buffer) return -1;
  return c.count(bytes.byteOffset, bytes.length);
}

/**
 * The newlines of `bytes`, wherever they lie: copied into newlineScratch a
 * piece at a time and counted there; -1 where there is no SIMD counter.
 */
export function countNewlinesCopied(bytes: Uint8Array): number {
  const c = simdCounter();
  if (c === null) return -1;
  let count = 0;
  for (let at = 0; at < bytes.length; at += NEWLINE_SCRATCH_BYTES) {
    const piece = bytes.subarray(at, Math.min(bytes.length, at + NEWLINE_SCRATCH_BYTES));
    c.scratch.set(piece);
    count += c.count(0, piece.length);
  }
  return count;
}
