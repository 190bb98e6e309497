import type { LineRef, LogEntry } from '../log/index.js';

/**
 * The position of log lines in the merged history (readLogs' order), for the
 * few lines verify compares: `Wrote` lines and dhcpd's complaints. Timestamps
 * alone cannot order lines of untimed logs (`-d` stderr, `journalctl -o
 * cat`) read one after another.
 */
export class LineOrder {
  private readonly positions = new Map<string, number>();
  private count = 0;

  /** Call for every entry, in the order it is pushed into the history. */
  note(entry: LogEntry, keep: boolean): void {
    this.count++;
    if (keep) this.positions.set(key(entry.line.source, entry.line.line), this.count);
  }

  /** The position of a noted line; -1 when it was not noted. */
  of(ref: LineRef): number {
    return this.positions.get(key(ref.source, ref.line)) ?? -1;
  }
}

function key(source: string, line: number): string {
  return `${line}\u0000${source}`;
}
