import { LogLineReader } from './entries.js';
import { readRawLineBatches, sourceName, type LogSourceOptions } from './read.js';
import type { LogEntry } from './types.js';

export interface ReadLogsOptions extends LogSourceOptions {
  /** Reference time for RFC 3164's missing year (default: the clock). */
  now?: Date;
}

async function* entryBatchesOf(path: string, options: ReadLogsOptions): AsyncGenerator<LogEntry[]> {
  const reader = new LogLineReader(sourceName(path), options.now);
  for await (const lines of readRawLineBatches(path, options)) {
    const entries = reader.entries(lines);
    if (entries.length > 0) yield entries;
  }
}

/** One log being read: its current batch and the position in it. */
class Cursor {
  private batch: LogEntry[] = [];
  private position = 0;
  constructor(private readonly batches: AsyncGenerator<LogEntry[]>) {}

  /** The next entry without taking it; null at the end of the log. */
  async peek(): Promise<LogEntry | null> {
    while (this.position >= this.batch.length) {
      const next = await this.batches.next();
      if (next.done) return null;
      this.batch = next.value;
      this.position = 0;
    }
    return this.batch[this.position]!;
  }

  /** The entry peek() returned, or the next buffered one; null when the batch is used up. */
  takeBuffered(): LogEntry | null {
    return this.position < this.batch.length ? this.batch[this.position++]! : null;
  }
}

/**
 * Reads several logs as one history: dhcpd's lines from every file, in time
 * order. Rotated files (`syslog.2.gz syslog.1 syslog`) may be given in any
 * order. Lines are merged by timestamp; a line without one (plain stderr,
 * `journalctl -o cat`) stays behind the line before it in its own file, and
 * files without timestamps follow one another in the order given.
 */
export async function* readLogs(
  paths: readonly string[],
  options: ReadLogsOptions = {},
): AsyncGenerator<LogEntry> {
  const unordered = paths.map((path) => new Cursor(entryBatchesOf(path, options)));
  const firsts = await Promise.all(unordered.map((cursor) => cursor.peek()));
  // Ties (syslog has whole seconds) go to the file that began earlier: rotated logs do not overlap.
  const cursors = rankByFirstTime(firsts).map((i) => unordered[i]!);
  if (cursors.length === 1) {
    // One log: nothing to merge, whole batches at a time.
    const only = cursors[0]!;
    while ((await only.peek()) !== null) {
      for (let entry = only.takeBuffered(); entry; entry = only.takeBuffered()) yield entry;
    }
    return;
  }
  for (;;) {
    let pick: Cursor | null = null;
    let best: LogEntry | null = null;
    for (const cursor of cursors) {
      const head = await cursor.peek();
      if (head === null) continue;
      // Untimed lines never overtake: only a strictly earlier timestamp wins.
      if (
        best === null ||
        (best.line.time !== null &&
          head.line.time !== null &&
          head.line.time.getTime() < best.line.time.getTime())
      ) {
        pick = cursor;
        best = head;
      }
    }
    if (pick === null) return;
    yield pick.takeBuffered()!;
  }
}

/**
 * Indexes of the logs, earliest first line first; the given order when some
 * log has no timestamp (or no line) to compare.
 */
function rankByFirstTime(firsts: ReadonlyArray<LogEntry | null>): number[] {
  const indexes = firsts.map((_, i) => i);
  if (firsts.some((f) => f !== null && f.line.time === null)) return indexes;
  // An empty log has nothing to merge; it goes last.
  const key = (i: number) => firsts[i]?.line.time?.getTime() ?? Infinity;
  return indexes.sort((a, b) => key(a) - key(b) || a - b);
}

/** Reads all of several logs into memory (small logs, tests). */
export async function readAllLogs(
  paths: readonly string[],
  options: ReadLogsOptions = {},
): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  for await (const entry of readLogs(paths, options)) entries.push(entry);
  return entries;
}

/**
 * Merges lists of entries already in memory (each in its own log's order) by
 * the same rule as readLogs: the earliest timestamp first, untimed lines
 * never overtaking.
 */
export function mergeEntryLists(given: readonly LogEntry[][]): LogEntry[] {
  const lists = rankByFirstTime(given.map((l) => l[0] ?? null)).map((i) => given[i]!);
  const positions = lists.map(() => 0);
  const merged: LogEntry[] = [];
  for (;;) {
    let pick = -1;
    for (let i = 0; i < lists.length; i++) {
      const head = lists[i]![positions[i]!];
      if (!head) continue;
      if (pick === -1) {
        pick = i;
        continue;
      }
      const best = lists[pick]![positions[pick]!]!.line.time;
      const time = head.line.time;
      if (best !== null && time !== null && time.getTime() < best.getTime()) pick = i;
    }
    if (pick === -1) return merged;
    merged.push(lists[pick]![positions[pick]!]!);
    positions[pick] = positions[pick]! + 1;
  }
}
