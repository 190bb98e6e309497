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
  advance(text: string, to: number): number {
    if (to <= this.position) return this.line;
    let at = text.indexOf('\n', this.position);
    while (at !== -1 && at < to) {
      this.line++;
      this.lineStart = at + 1;
      at = text.indexOf('\n', at + 1);
    }
    this.position = to;
    return this.line;
  }

  /** The window was cut at `cut`: shift the counted positions. */
  rebase(cut: number): void {
    this.position -= cut;
    this.lineStart -= cut;
  }
}
