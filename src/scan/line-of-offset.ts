import { readSync } from 'node:fs';
import { LineCounter } from './lines.js';
import { newlineScratch, NEWLINE_SCRATCH_BYTES } from './newline-simd.js';
import { withOpenFile } from './open-file.js';

/**
 * The 1-based line of a byte offset of a file, counted by reading the file
 * up to it: the file at `source`, a path, or an open descriptor. `marks`
 * (a scan's ScanSummary.lineMarks: offset, line, offset, line...) are lines
 * already counted: the count starts at the nearest one before `offset`.
 */
export function lineOfOffset(
  source: string | number,
  offset: number,
  marks: readonly number[] = [],
): number {
  let from = 0;
  let line = 1;
  for (let i = 0; i + 1 < marks.length && marks[i]! <= offset; i += 2) {
    from = marks[i]!;
    line = marks[i + 1]!;
  }
  return line - 1 + linesFrom(source, from)(offset);
}

/**
 * Line numbers counted from `start` (line 1 starts there): a function from an
 * offset to its line, for offsets asked in increasing order. Each byte is
 * read once, however many offsets are asked for. `source` is a path, or an
 * open descriptor (read as it is, whatever has become of its file's name).
 */
export function linesFrom(source: string | number, start: number): (offset: number) => number {
  // One buffer for all the reads (the counter reads up to NEWLINE_SCRATCH_BYTES at a time and
  // is done with each before the next): a new one per read was garbage to
  // collect. It is the SIMD newline counter's memory (newline-simd.ts).
  const readFrom = (fd: number, at: number, length: number): Uint8Array => {
    const buffer = length <= NEWLINE_SCRATCH_BYTES ? newlineScratch() : new Uint8Array(length);
    return buffer.subarray(0, readSync(fd, buffer, 0, length, at));
  };
  const readBytes = (at: number, length: number): Uint8Array =>
    typeof source === 'number'
      ? readFrom(source, at, length)
      : withOpenFile(source, (fd) => readFrom(fd, at, length));
  const counter = new LineCounter(start, readBytes);
  return (offset) => counter.lineInFile(offset);
}
