/**
 * Where a top-level declaration ends, found by its punctuation alone: the
 * `}` that closes its outermost block, or its `;` when it has no block.
 * Strings (with their `\` escapes) and `#` comments are skipped, as dhcpd's
 * lexer (conflex.c get_next_token) skips them. The scanner uses it for a
 * declaration too long to hold whole (see MAX_HELD_DECLARATION in scan.ts):
 * it is fed the declaration's bytes chunk after chunk and keeps only this
 * small state, so memory does not follow the declaration's size.
 */
export class DeclarationExtent {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private inComment = false;

  /**
   * Reads `codes[from, to)` (byte values) on from where the last call
   * stopped. Returns the index one past the byte that ends the declaration,
   * or -1 when it does not end in there.
   */
  advance(codes: ArrayLike<number>, from: number, to: number): number {
    for (let i = from; i < to; i++) {
      const c = codes[i]!;
      if (this.inComment) {
        if (c === 10) this.inComment = false;
      } else if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92 /* \\ */) this.escaped = true;
        else if (c === 34 /* " */) this.inString = false;
      } else if (c === 34) {
        this.inString = true;
      } else if (c === 35 /* # */) {
        this.inComment = true;
      } else if (c === 123 /* { */) {
        this.depth++;
      } else if (c === 125 /* } */) {
        this.depth--;
        if (this.depth <= 0) return i + 1;
      } else if (c === 59 /* ; */ && this.depth === 0) {
        return i + 1;
      }
    }
    return -1;
  }
}
