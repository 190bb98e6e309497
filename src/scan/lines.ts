import { countNewlinesCopied, countNewlinesSimd, NEWLINE_SCRATCH_BYTES } from './newline-simd.js';

/** Below this many bytes, a window's codes are counted one by one (a copy costs more). */
const FEW_BYTES = 256;
/**
 * How far apart the counter marks the places it counted to (see
 * LineCounter.marks): the line of an earlier offset is then counted by
 * reading at most this much again, in one read into the newline scratch.
 */
const MARK_EVERY = NEWLINE_SCRATCH_BYTES;

/**
 * Line numbers, counted lazily: only when a line is asked for (a damaged
 * declaration, a failover state, a host...), from the last line asked for.
 * A clean file of leases asks for few lines, and most of its bytes are never
 * counted; a part of the file no longer held in memory is counted by reading
 * it again. Requests move forwards, so no byte is counted twice.
 */
export class LineCounter {
  /** Line number at `position` (1-based). */
  private line = 1;
  /** Absolute offset up to which newlines have been counted. */
  private position: number;
  /** Absolute offset of the first byte of the line at `position`. */
  lineStart: number;
  /**
   * Places counted to, at least MARK_EVERY bytes apart: absolute offset,
   * then its line, pair after pair. The line of an offset already passed
   * (the earlier declaration of the lease cut at a file's end) is counted
   * from the nearest mark before it (linesFrom), not from the file's start.
   */
  readonly marks: number[];

  /**
   * `start`: the absolute offset of line 1 (where the scan starts);
   * `readBytes`: reads the file at an absolute offset, for parts not held.
   */
  constructor(
    start: number,
    private readonly readBytes: (offset: number, length: number) => Uint8Array,
  ) {
    this.position = start;
    this.lineStart = start;
    this.marks = [start, 1];
  }

  /** Marks where counting has got to, when that is MARK_EVERY past the last mark. */
  private mark(): void {
    if (this.position - this.marks[this.marks.length - 2]! >= MARK_EVERY) {
      this.marks.push(this.position, this.line);
    }
  }

  /**
   * The line of absolute offset `to` (at or after the last one asked for),
   * given the window held: its codes and the absolute offset of its start,
   * and, from the scanner, the same window as bytes: they are counted
   * sixteen at a time (countNewlinesCopied), the codes one at a time (a
   * failure at the end of a window of 256 KiB cost milliseconds here).
   */
  lineAt(to: number, codes: ArrayLike<number>, windowBase: number, bytes?: Uint8Array): number {
    if (this.position < windowBase) {
      this.countFile(Math.min(windowBase, to));
    }
    const from = this.position - windowBase;
    const end = to - windowBase;
    let line = this.line;
    let lineStart = this.lineStart - windowBase;
    if (bytes !== undefined && end - from >= FEW_BYTES) {
      const part = bytes.subarray(from, end);
      const copied = countNewlinesCopied(part);
      line += copied >= 0 ? copied : countNewlines(part);
      const last = bytes.lastIndexOf(10, end - 1);
      if (last >= from) lineStart = last + 1;
    } else {
      for (let i = from; i < end; i++) {
        if (codes[i] === 10) {
          line++;
          lineStart = i + 1;
        }
      }
    }
    this.line = line;
    this.lineStart = lineStart + windowBase;
    if (to > this.position) this.position = to;
    this.mark();
    return line;
  }

  /** The line of absolute offset `to`, counted by reading the file (nothing held). */
  lineInFile(to: number): number {
    this.countFile(to);
    return this.line;
  }

  /** Counts the newlines of `[position, to)` by reading the file again. */
  private countFile(to: number): void {
    // A scratch-full at a time: the readers (linesFrom, the scanner) read into the newline scratch.
    const block = NEWLINE_SCRATCH_BYTES;
    while (this.position < to) {
      const bytes = this.readBytes(this.position, Math.min(block, to - this.position));
      if (bytes.length === 0) break;
      this.line += countNewlines(bytes);
      const last = bytes.lastIndexOf(10);
      if (last >= 0) this.lineStart = this.position + last + 1;
      this.position += bytes.length;
      this.mark();
    }
  }
}

const NO_WORDS = new Uint32Array(0);

/**
 * The number of newlines in `bytes`, four bytes at a time. A failure near the
 * end of a file is counted by reading up to the whole file again (and the
 * parts of a parallel check by reading each part): indexOf once per newline
 * cost a native call per line, about half the time a clean check of the same
 * bytes takes; a word at a time, counted in one small loop that V8 compiles
 * at once, a fifth of that.
 */
export function countNewlines(bytes: Uint8Array): number {
  // Bytes read into newlineScratch are counted sixteen at a time (newline-simd.ts).
  const simd = countNewlinesSimd(bytes);
  if (simd >= 0) return simd;
  let count = 0;
  let i = 0;
  const length = bytes.length;
  // Up to the first byte aligned for a Uint32Array view.
  const head = Math.min(length, (4 - (bytes.byteOffset & 3)) & 3);
  for (; i < head; i++) if (bytes[i] === 10) count++;
  const wordCount = (length - i) >>> 2;
  const words =
    wordCount > 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset + i, wordCount) : NO_WORDS;
  for (let w = 0; w < wordCount; w++) {
    // A byte of x is 0 where the byte was a newline; its high bit is set in
    // `zero` then, exactly (no borrow between bytes: the low seven bits are
    // added separately).
    const x = words[w]! ^ 0x0a0a0a0a;
    const zero = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f) & 0x80808080;
    if (zero !== 0) count += Math.imul(zero >>> 7, 0x01010101) >>> 24;
  }
  for (i += wordCount << 2; i < length; i++) if (bytes[i] === 10) count++;
  return count;
}
