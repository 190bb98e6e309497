import { lastMatch, matchRule, skipSpaces } from '../grammar/generated/lease-recogniser.js';
import { declarationFromEvents } from '../model/from-events.js';
import type { Declaration, DeclarationKind } from '../model/types.js';
import { ChunkReader } from './chunks.js';
import { LineCounter } from './lines.js';

/**
 * The streaming scanner: reads a lease file in chunks and matches it one
 * top-level declaration at a time with the compiled recogniser. Memory stays
 * bounded by the chunk size plus the longest declaration, whatever the file
 * size; callers keep only the aggregates they need.
 */

/** A top-level region the grammar rejected. */
export interface ScanFailure {
  /** First byte of the damaged declaration (after leading white space). */
  offset: number;
  line: number;
  column: number;
  /** Bytes from `offset` to where scanning resumed (or the end of the file). */
  length: number;
  /** Rightmost failure position (byte offset), as Ohm's interpreter would report it. */
  failureOffset: number;
  failureLine: number;
  failureColumn: number;
  /** The file ends inside this declaration: more bytes could have completed it. */
  atEndOfFile: boolean;
  /** Nesting went deeper than the recogniser's bound. */
  tooDeep: boolean;
  /** The keyword it starts with, when it is a known one. */
  kind: DeclarationKind | null;
  /** Up to 64 KiB of the region from `offset`, for messages and the oracle. */
  text: string;
}

export interface ScanHandlers {
  onDeclaration?(declaration: Declaration): void;
  onFailure?(failure: ScanFailure): void;
  /** After each chunk: bytes read so far and the file's size when it was opened. */
  onProgress?(bytesRead: number, totalBytes: number): void;
}

export interface ScanSummary {
  bytes: number;
  lines: number;
  /** From the header comment `# This lease file was written by isc-dhcp-4.4.3-P1`. */
  writerVersion: string | null;
  /** Dates seen as `W YYYY/MM/DD …` and as `epoch N`. */
  utcDates: number;
  epochDates: number;
  /** The file's size or modification time changed while it was read. */
  changedDuringRead: boolean;
}

const topLevelKeyword =
  /\n(?=(?:lease|host|group|class|subclass|failover|ia-na|ia-ta|ia-pd|server-duid|authoring-byte-order)[\s"])/g;

const kindByKeyword: Record<string, DeclarationKind> = {
  lease: 'lease',
  host: 'host',
  group: 'group',
  class: 'class',
  subclass: 'subclass',
  failover: 'failover-state',
  'ia-na': 'ia-na',
  'ia-ta': 'ia-ta',
  'ia-pd': 'ia-pd',
  'server-duid': 'server-duid',
  'authoring-byte-order': 'authoring-byte-order',
};

function kindAt(window: string, at: number): DeclarationKind | null {
  const word = /^[a-z-]+/.exec(window.slice(at, at + 24))?.[0] ?? '';
  return kindByKeyword[word] ?? null;
}

const MAX_FAILURE_TEXT = 64 * 1024;
/** How much of the window to keep when a resynchronisation point is still ahead. */
const RESYNC_OVERLAP = 64;

export function scanLeaseFile(
  path: string,
  handlers: ScanHandlers = {},
  chunkSize?: number,
  detail: 'full' | 'summary' = 'full',
): ScanSummary {
  const reader = new ChunkReader(path, chunkSize);
  try {
    return scanWith(reader, handlers, detail === 'summary');
  } finally {
    reader.close();
  }
}

function scanWith(reader: ChunkReader, handlers: ScanHandlers, summaryOnly: boolean): ScanSummary {
  let window = '';
  let final = false;
  let base = 0;
  let pos = 0;
  const lines = new LineCounter();
  const summary: ScanSummary = {
    bytes: 0,
    lines: 0,
    writerVersion: null,
    utcDates: 0,
    epochDates: 0,
    changedDuringRead: false,
  };

  /** Appends the next chunk, dropping what lies before `keepFrom`. Returns false at EOF. */
  const grow = (keepFrom: number): boolean => {
    const chunk = final ? null : reader.next();
    if (chunk === null) {
      final = true;
      return false;
    }
    // Count the lines of what is dropped before forgetting it.
    lines.advance(window, keepFrom);
    let added = chunk;
    // Grow geometrically while one declaration outgrows the window, so that a
    // huge declaration costs linear, not quadratic, time.
    const kept = window.length - keepFrom;
    while (added.length < kept) {
      const more = reader.next();
      if (more === null) break;
      added += more;
    }
    window = window.slice(keepFrom) + added;
    handlers.onProgress?.(reader.position, reader.statAtOpen.size);
    base += keepFrom;
    pos -= keepFrom;
    lines.rebase(keepFrom);
    return true;
  };

  grow(0);
  summary.writerVersion = /written by isc-dhcp-(\S+)/.exec(reader.readAt(0, 4096))?.[1] ?? null;
  const dateForms = { utc: 0, epoch: 0 };

  for (;;) {
    const start = skipSpaces(window, pos);
    if (start >= window.length) {
      if (final || !grow(pos)) break;
      continue;
    }
    const end = matchRule('Declaration', window, start);
    if (lastMatch.examinedEnd && !final) {
      if (grow(pos)) continue;
    }
    const line = lines.advance(window, start);
    if (end >= 0) {
      const declaration = declarationFromEvents(window, start, end, base, line, {
        dateForms,
        summary: summaryOnly,
      });
      handlers.onDeclaration?.(declaration);
      pos = end;
      continue;
    }
    // The declaration at `start` is damaged or cut off.
    const failure = lastMatch.failure;
    const atEndOfFile = lastMatch.examinedEnd && !lastMatch.tooDeep;
    const tooDeep = lastMatch.tooDeep;
    const column = start - lines.lineStart + 1;
    const failureAt = Math.max(failure, start);
    const failureLine = lines.advance(window, failureAt);
    const failureColumn = failureAt - lines.lineStart + 1;
    const declStart = base + start;
    const kind = kindAt(window, start);
    const text = window.slice(start, start + MAX_FAILURE_TEXT);
    let resume: number;
    if (atEndOfFile) {
      resume = window.length;
    } else {
      resume = findResync(failureAt);
    }
    handlers.onFailure?.({
      offset: declStart,
      line,
      column,
      length: base + resume - declStart,
      failureOffset: base + failureAt,
      failureLine,
      failureColumn,
      atEndOfFile,
      tooDeep,
      kind,
      text,
    });
    pos = resume;
    if (resume >= window.length && final) break;
  }
  lines.advance(window, window.length);
  summary.bytes = base + window.length;
  summary.lines = lines.line;
  summary.utcDates = dateForms.utc;
  summary.epochDates = dateForms.epoch;
  const after = reader.stat();
  summary.changedDuringRead =
    after.size !== reader.statAtOpen.size || after.mtimeMs !== reader.statAtOpen.mtimeMs;
  return summary;

  /**
   * The next line that starts with a top-level keyword after `from`, reading
   * further chunks as needed but keeping only a small overlap, so that a huge
   * damaged region costs no memory.
   */
  function findResync(from: number): number {
    for (;;) {
      topLevelKeyword.lastIndex = Math.max(from, 0);
      const found = topLevelKeyword.exec(window);
      if (found) return found.index + 1;
      if (final) return window.length;
      const keep = Math.max(pos, window.length - RESYNC_OVERLAP);
      from = window.length - keep - 1;
      if (!grow(keep)) return window.length;
      // `pos` is no longer needed beyond the kept overlap.
    }
  }
}
