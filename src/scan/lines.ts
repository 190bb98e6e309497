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
   * `start`: the absolute offset of line 1 (where the scan starts);
   * `readBytes`: reads the file at an absolute offset, for parts not held.
   */
  constructor(
    start: number,
    private readonly readBytes: (offset: number, length: number) => Uint8Array,
  ) {
    this.position = start;
    this.lineStart = start;
  }

  /**
   * The line of absolute offset `to` (at or after the last one asked for),
   * given the window held: its codes and the absolute offset of its start.
   */
  lineAt(to: number, codes: ArrayLike<number>, windowBase: number): number {
    if (this.position < windowBase) {
      this.countFile(Math.min(windowBase, to));
    }
    const from = this.position - windowBase;
    const end = to - windowBase;
    let line = this.line;
    let lineStart = this.lineStart - windowBase;
    for (let i = from; i < end; i++) {
      if (codes[i] === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    this.line = line;
    this.lineStart = lineStart + windowBase;
    if (to > this.position) this.position = to;
    return line;
  }

  /** The line of absolute offset `to`, counted by reading the file (nothing held). */
  lineInFile(to: number): number {
    this.countFile(to);
    return this.line;
  }

  /** Counts the newlines of `[position, to)` by reading the file again. */
  private countFile(to: number): void {
    const block = 1 << 20;
    while (this.position < to) {
      const bytes = this.readBytes(this.position, Math.min(block, to - this.position));
      if (bytes.length === 0) break;
      // indexOf finds each newline natively: three times faster than a loop
      // that tests every byte (a failure near the end of a 1 GB file has
      // hundreds of megabytes to count).
      for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) {
        this.line++;
        this.lineStart = this.position + i + 1;
      }
      this.position += bytes.length;
    }
  }
}
