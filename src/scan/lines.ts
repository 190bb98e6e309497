/**
 * Counts lines incrementally as the scanner moves forwards through a window,
 * so that every declaration and problem gets its 1-based line without a
 * second pass over the file.
 */
export class LineCounter {
  /** Line number at `position` (1-based). */
  line = 1;
  /** Window-relative position up to which newlines have been counted. */
  position = 0;
  /** Window-relative offset of the first byte of the current line. */
  lineStart = 0;

  /** Advances to `to` (window-relative, >= position) and returns its line. */
  advance(codes: Uint16Array, to: number): number {
    // A loop over the window's codes: once per byte of the file, and faster
    // than indexOf on the window string, whose calls cost more than the scan.
    let line = this.line;
    let lineStart = this.lineStart;
    for (let i = this.position; i < to; i++) {
      if (codes[i] === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    this.line = line;
    this.lineStart = lineStart;
    if (to > this.position) this.position = to;
    return line;
  }

  /** The window was cut at `cut`: shift the counted positions. */
  rebase(cut: number): void {
    this.position -= cut;
    this.lineStart -= cut;
  }
}
