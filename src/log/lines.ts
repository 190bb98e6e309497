/**
 * Splits decoded text, arriving in pieces, into lines. A line is joined only
 * once its newline has arrived, so a long line costs its length once, not
 * once per piece; and a line is kept to its first MAX_LINE characters
 * (dhcpd's lines are a few hundred; a binary file passed as a log would
 * otherwise be one line the size of the file).
 */
export const MAX_LINE = 64 * 1024;

export class LineSplitter {
  private pending: string[] = [];
  private pendingLength = 0;

  /** The lines that `text` completes (without their newlines). */
  push(text: string): string[] {
    const lines: string[] = [];
    let from = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', from)) {
      this.keep(text.slice(from, Math.min(newline, from + MAX_LINE)));
      lines.push(this.take());
      from = newline + 1;
    }
    this.keep(text.slice(from, from + MAX_LINE));
    return lines;
  }

  /** What is left after the last newline (the input's last line, if it had no newline). */
  end(): string {
    return this.take();
  }

  private keep(piece: string): void {
    const room = MAX_LINE - this.pendingLength;
    if (room <= 0 || piece === '') return;
    const kept = piece.length > room ? piece.slice(0, room) : piece;
    this.pending.push(kept);
    this.pendingLength += kept.length;
  }

  private take(): string {
    const line = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    return line;
  }
}
