import {
  SUMMARY,
  lastMatch,
  leaseSummaryWords,
  manyEnd,
  matchCodes,
  matchEvents,
  matchMany,
  skipSpacesInCodes,
  summariseLeases,
  whileMatching,
} from '../grammar/lease-engine.js';
import {
  declarationFromEvents,
  endsLease,
  LEASE_SUMMARY_RULES,
  leaseSummaryFromEvents,
  leaseSummaryInEvents,
  leaseInBatch,
  leaseRecordsInto,
  leaseRecordEnd,
  matchedLeaseSummary,
  declarationStart,
  matchedReadOtherwise,
  matchedLease,
  type LeaseSummary,
} from '../model/from-events.js';
import { LeaseBatch } from '../model/lease-batch.js';
import type { Declaration, DeclarationKind } from '../model/types.js';
import { ChunkReader, type GrowingRange } from './chunks.js';
import { BufferReader, type ChunkSource } from './buffer-reader.js';
import type { SharedFile } from './open-file.js';
import { LineCounter } from './lines.js';
import { newlineScratch } from './newline-simd.js';
import { ScanWindow } from './window.js';
import { declarationLineAfter, kindAt } from './declaration-lines.js';
import { DeclarationExtent } from './declaration-extent.js';

/**
 * The streaming scanner: reads a lease file in chunks and matches it one
 * top-level declaration at a time with the compiled recogniser. Memory stays
 * bounded by the chunk size plus the longest declaration (at most
 * MAX_HELD_DECLARATION), whatever the file size; callers keep only the
 * aggregates they need.
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
  /**
   * The declaration outgrew MAX_HELD_DECLARATION before the recogniser could
   * finish it: it was not matched, only its extent found (DeclarationExtent).
   */
  tooLong?: boolean;
}

/**
 * Where a summary scan sends leases: an object with a method, not a
 * function, so that the scanner's hottest call has one target however many
 * scans (and closures) a thread makes; a new target at that call would
 * throw the optimised loop away.
 */
export interface LeaseSink {
  /** A lease's address and binding state (the object is reused: copy what you keep). */
  addLease(lease: LeaseSummary, offset: number): void;
  /**
   * A run of ordinary leases, in file order (the batch is reused: copy what
   * you keep). Without it, each goes to addLease.
   */
  addLeases?(batch: LeaseBatch): void;
}

export interface ScanHandlers {
  onDeclaration?(declaration: Declaration): void;
  /** In 'summary' detail, leases go here instead of to onDeclaration, as just their summary. */
  leases?: LeaseSink;
  onFailure?(failure: ScanFailure): void;
  /** After each chunk: bytes read so far and the file's size when it was opened. */
  onProgress?(bytesRead: number, totalBytes: number): void;
}

export interface ScanSummary {
  /** Offset one past the last byte read: the file's size, or the end of the range scanned. */
  bytes: number;
  /** From the header comment `# This lease file was written by isc-dhcp-4.4.3-P1`. */
  writerVersion: string | null;
  /** Dates seen as `W YYYY/MM/DD …` and as `epoch N`. */
  utcDates: number;
  epochDates: number;
  /** The file's size or modification time changed while it was read. */
  changedDuringRead: boolean;
  /** A match examined the end of what was read: it might have gone otherwise with more bytes. */
  endedInsideMatch: boolean;
  /**
   * Offsets whose lines the scan counted, each followed by its line (see
   * LineCounter.marks): lineOfOffset counts from the nearest one. A large
   * file's scan counts as it reads, a mark a MiB or more.
   */
  lineMarks: number[];
}

/**
 * What one scan after another may reuse: the window, into which the file is
 * read. A worker scanning block after block of a file would otherwise leave
 * its arrays to the garbage collector per block, and its memory would grow
 * with the file.
 */
export class ScanBuffers {
  readonly window = new ScanWindow();
}

/** An absolute byte offset with its line and column. */
interface Place {
  offset: number;
  line: number;
  column: number;
}

/** Where matchLeases stopped: the declaration it left, and where its match ended (-1: failed). */
interface LeaseRunStop {
  pos: number;
  end: number;
  /** The lease it left has had its date forms counted already. */
  datesCounted: boolean;
}
const leaseRunStop: LeaseRunStop = { pos: 0, end: -1, datesCounted: false };

/**
 * A declaration (with the white space before it) this long may hold a token
 * or a white space run that fills dhcpd's 1,500-byte token buffer
 * (conflex.c); it is read again as dhcpd's lexer reads it.
 */
const LONG_FOR_DHCPD = 1499;

/** Whether the declaration matched at [pos, end) goes to dhcpd's lexer model too (see Declaration.source). */
function needsDhcpdLexer(pos: number, end: number, codes: Uint16Array): boolean {
  return end - pos >= LONG_FOR_DHCPD || matchedReadOtherwise(codes);
}

/**
 * Matches declarations from `pos` while each is a lease matched whole in the
 * window, handing each to `sink`, and stops at the first that is anything
 * else (another kind, damage, a match that examined the window's end): that
 * one is left as the recogniser's last match, for scanWith to handle.
 *
 * Nearly all of a large file goes through this loop. Kept out of scanWith,
 * it is small, V8 optimises it early, and it never meets the rare paths
 * whose first use throws optimised code away: inside scanWith, each such
 * first (a new chunk, a block taken, a failure) cost a deoptimisation and
 * a recompilation of the whole function, several per thread.
 */
function matchLeases(
  codes: Uint16Array,
  limit: number,
  pos: number,
  base: number,
  sink: LeaseSink,
  dateForms: { utc: number; epoch: number },
): LeaseRunStop {
  for (;;) {
    // A run of leases in one call (the WebAssembly engine; the JavaScript one takes none).
    // Only the events the summary reads are kept.
    if (
      matchMany(
        'Declaration',
        codes,
        limit,
        pos,
        'LeaseDecl',
        LONG_FOR_DHCPD,
        LEASE_SUMMARY_RULES,
      ) > 0
    ) {
      pos = handOverRun(codes, pos, base, sink, dateForms);
    }
    const end = matchCodes('Declaration', codes, limit, pos);
    leaseRunStop.datesCounted = false;
    const lease =
      end < 0 || lastMatch.examinedEnd || end - pos >= LONG_FOR_DHCPD
        ? null
        : matchedLeaseSummary(codes, dateForms);
    if (lease === null || lease.summary.readOtherwise) {
      leaseRunStop.pos = pos;
      leaseRunStop.end = end;
      leaseRunStop.datesCounted = lease !== null;
      return leaseRunStop;
    }
    // Leases need no line number (lines are counted only when one is asked for).
    sink.addLease(lease.summary, base + lease.start);
    pos = end;
  }
}

/** The date forms of one lease of a run, added to the scan's once the lease is handed over. */
const runDates = { utc: 0, epoch: 0 };

/**
 * Hands the leases matchMany took from `pos` to `sink`, in order; returns
 * where the last one handed over ended. The module summarises the usual
 * ones itself (summariseLeases); the summary here reads each it leaves.
 * Stops before a lease with an escape or an address dhcpd reads otherwise
 * (readOtherwise): its match began at the position returned, where the
 * caller matches it again, alone, to read it in full.
 */
function handOverRun(
  codes: Uint16Array,
  pos: number,
  base: number,
  sink: LeaseSink,
  dateForms: { utc: number; epoch: number },
): number {
  const events = matchEvents();
  const { rule, start, end } = events;
  const count = events.count;
  let from = 0;
  while (from < count) {
    // Nearly every lease: summarised by the WebAssembly module itself, many at a time.
    const taken = summariseLeases(from);
    const words = leaseSummaryWords();
    if (taken > 0) {
      handOverBatch(sink, leaseRecordsInto(leaseBatch, words, taken, codes, base));
      pos = leaseRecordEnd(words, taken - 1);
      dateForms.utc += words[SUMMARY.UTC]!;
      dateForms.epoch += words[SUMMARY.EPOCH]!;
    }
    from = words[SUMMARY.NEXT]!;
    if (from >= count) break;
    // A lease the module leaves to the summary here: one with something unusual in it.
    let i = from;
    while (!endsLease(rule[i]!)) i++;
    runDates.utc = 0;
    runDates.epoch = 0;
    const lease = leaseSummaryInEvents(codes, from, i + 1, runDates);
    if (lease.readOtherwise) return pos;
    dateForms.utc += runDates.utc;
    dateForms.epoch += runDates.epoch;
    sink.addLease(lease, base + start[i]!);
    pos = end[i]!;
    from = i + 1;
  }
  return manyEnd();
}

/** The leases of one summariseLeases, reused run after run. */
const leaseBatch = new LeaseBatch();

/** Hands `batch` to `sink`: all at once if it takes them so, else one at a time. */
function handOverBatch(sink: LeaseSink, batch: LeaseBatch): void {
  if (sink.addLeases !== undefined) sink.addLeases(batch);
  else addEachLease(sink, batch);
}

/** The leases of `batch`, in order, to `sink`'s addLease: for a sink that must look at each. */
export function addEachLease(sink: LeaseSink, batch: LeaseBatch): void {
  for (let k = 0; k < batch.count; k++) sink.addLease(leaseInBatch(batch, k), batch.offsetOf(k));
}

/**
 * How much a scan reads at once, unless told otherwise. Small enough that a
 * chunk and its character codes stay in the core's own cache (2 MiB of L2
 * here) while they are matched: the two threads of a parallel check share
 * the bandwidth to memory, and with 2 MiB chunks each slowed the other down.
 */
const DEFAULT_CHUNK_SIZE = 256 * 1024;
/**
 * From this size on, a scan of a whole file counts the lines of what it
 * drops from its window as it goes (sixteen bytes at a time, while they are
 * in the cache), so that a problem at the end, the usual place of a cut, has
 * its line at once. A smaller file's lines are counted only when one is
 * asked for, by reading the file again up to it: there that costs about
 * what counting as it goes would, and a clean file pays nothing. (A 29 MB
 * file cut in its last lease spent 15 ms reading itself again.) The parts
 * of a two-thread check (128 MiB and more) count only when asked, as
 * before: there the count would cost every clean file of a GB some tens of
 * ms.
 */
const COUNT_LINES_AS_READ_BYTES = 8 * 1024 * 1024;
const MAX_FAILURE_TEXT = 64 * 1024;
/** How much of the window to keep when a resynchronisation point is still ahead. */
const RESYNC_OVERLAP = 64;
/**
 * The longest declaration the window grows to hold (dhcpd writes a few
 * hundred bytes). Beyond it the scanner stops matching and only finds where
 * the declaration ends (tooLong): the window, its codes and its text cost
 * several bytes a byte, so a 300 MB string at the tail would otherwise cost
 * gigabytes.
 */
export const MAX_HELD_DECLARATION = 4 * 1024 * 1024;

/**
 * Scans the file, or the part `range` of it. A part is read as if the file
 * ended where the part ends; its line numbers count from the part's start (1),
 * and `endedInsideMatch` tells whether the part's end cut into what the
 * grammar was matching (then the part's results differ from a whole scan's).
 */
export function scanLeaseFile(
  path: string,
  handlers: ScanHandlers = {},
  chunkSize?: number,
  detail: 'full' | 'summary' = 'full',
  range?: GrowingRange,
  buffers?: ScanBuffers,
  file?: SharedFile,
): ScanSummary {
  const reader = new ChunkReader(path, range, file);
  try {
    return scanWith(
      reader,
      handlers,
      detail === 'summary',
      chunkSize ?? DEFAULT_CHUNK_SIZE,
      buffers?.window.reset(),
      // A part of a two-thread check counts its lines only when asked (see COUNT_LINES_AS_READ_BYTES).
      range === undefined,
    );
  } finally {
    reader.close();
  }
}

/**
 * Scans a lease file held in memory (bytes, or a string taken as latin1)
 * exactly as scanLeaseFile scans a file.
 */
export function scanLeaseBytes(
  bytes: Uint8Array,
  handlers: ScanHandlers = {},
  detail: 'full' | 'summary' = 'full',
  chunkSize?: number,
): ScanSummary {
  return scanWith(
    new BufferReader(bytes),
    handlers,
    detail === 'summary',
    chunkSize ?? DEFAULT_CHUNK_SIZE,
  );
}

function scanWith(
  reader: ChunkSource,
  handlers: ScanHandlers,
  summaryOnly: boolean,
  size: number,
  window?: ScanWindow,
  wholeFile = false,
): ScanSummary {
  return whileMatching(reader.end - reader.position, () =>
    scanAll(reader, handlers, summaryOnly, size, window, wholeFile),
  );
}

function scanAll(
  reader: ChunkSource,
  handlers: ScanHandlers,
  summaryOnly: boolean,
  size: number,
  window: ScanWindow | undefined,
  wholeFile: boolean,
): ScanSummary {
  const held = window ?? new ScanWindow();
  let final = false;
  let base = reader.position;
  let pos = 0;
  // Counting the lines of a part no longer held reads it again, a scratch-full at a
  // time, into one buffer: a fresh one per read cost more than the count
  // (page faults; the check of a file cut at its end spent most of its extra
  // time there). The buffer is the SIMD newline counter's memory.
  const lines = new LineCounter(reader.position, (offset, length) =>
    reader.readBytesAt(offset, length, newlineScratch()),
  );
  const summary: ScanSummary = {
    bytes: 0,
    writerVersion: null,
    utcDates: 0,
    epochDates: 0,
    changedDuringRead: false,
    endedInsideMatch: false,
    lineMarks: lines.marks,
  };

  // A large file's lines are counted as its chunks leave the window (see
  // COUNT_LINES_AS_READ_BYTES), a smaller file's only when a line is asked for.
  const countAsRead = wholeFile && reader.end - reader.position >= COUNT_LINES_AS_READ_BYTES;
  /**
   * Drops what lies before `keepFrom` and appends the next chunk. Returns
   * false when nothing was left to read: the window is then unchanged, but
   * for the recogniser now seeing it to its end.
   */
  const grow = (keepFrom: number): boolean => {
    if (final || !reader.hasMore()) {
      final = true;
      held.endAtEnd();
      return false;
    }
    if (countAsRead) lines.lineAt(base + keepFrom, held.codes, base, held.heldBytes);
    // While one declaration outgrows the window, read as much again as is
    // kept, so that a huge declaration costs linear, not quadratic, time.
    const kept = held.length - keepFrom;
    held.dropBefore(keepFrom);
    base += keepFrom;
    pos -= keepFrom;
    const added = held.append(Math.max(kept, 1), size, (bytes, at, room) =>
      reader.readInto(bytes, at, room),
    );
    // The file ended early (it shrank while it was read): the window moved,
    // so the caller must look at it again, now to its end.
    if (added === 0) final = true;
    else if (reader.position < reader.end) held.endAtLastDeclarationLine();
    handlers.onProgress?.(reader.position, reader.statAtOpen.size);
    return true;
  };

  grow(0);
  summary.writerVersion = /written by isc-dhcp-(\S+)/.exec(reader.readAt(0, 4096))?.[1] ?? null;
  const dateForms = { utc: 0, epoch: 0 };
  const leases = summaryOnly ? handlers.leases : undefined;

  for (;;) {
    // `Declaration` skips the spaces before it: one call finds and matches
    // the next declaration, which starts where its (captured) rule started.
    // (After a resynchronisation beyond the recogniser's end, it sees all.)
    if (pos >= held.limit) held.endAtEnd();
    let end: number;
    let datesCounted = false;
    if (leases) {
      const stop = matchLeases(held.codes, held.limit, pos, base, leases, dateForms);
      pos = stop.pos;
      end = stop.end;
      datesCounted = stop.datesCounted;
    } else {
      end = matchCodes('Declaration', held.codes, held.limit, pos);
    }
    let start = end >= 0 ? declarationStart() : -1;
    if (start < 0) {
      start = skipSpacesInCodes(held.codes, held.limit, pos);
      if (start >= held.limit) {
        const hiddenTail = held.limit < held.length;
        if (!final && grow(pos)) continue;
        if (hiddenTail) {
          held.endAtEnd();
          continue;
        }
        break;
      }
      end = matchCodes('Declaration', held.codes, held.limit, start);
    }
    if (lastMatch.examinedEnd && !final) {
      if (held.length - pos >= MAX_HELD_DECLARATION && !lastMatch.tooDeep) {
        pos = tooLong(start);
        if (pos >= held.length && final) break;
        continue;
      }
      if (grow(pos)) continue;
    }
    if (lastMatch.examinedEnd) summary.endedInsideMatch = true;
    const forDhcpdLexer = end >= 0 && needsDhcpdLexer(pos, end, held.codes);
    if (end >= 0 && leases && matchedLease() && !forDhcpdLexer) {
      // Leases need no line number (lines are counted only when one is asked for).
      leases.addLease(leaseSummaryFromEvents(held.codes, dateForms), base + start);
      pos = end;
      continue;
    }
    const line = lines.lineAt(base + start, held.codes, base, held.heldBytes);
    if (end >= 0) {
      const text = held.textTo(end);
      const declaration = declarationFromEvents(text, start, end, base, line, {
        ...(datesCounted ? {} : { dateForms }),
        summary: summaryOnly,
      });
      // Groups too: dhcpd reads their flags otherwise (dhcpd/confpars-group.ts).
      if (forDhcpdLexer || declaration.kind.startsWith('ia-') || declaration.kind === 'group') {
        declaration.source = text.slice(pos, end);
        declaration.sourceOffset = base + pos;
      }
      handlers.onDeclaration?.(declaration);
      pos = end;
      continue;
    }
    // The declaration at `start` is damaged or cut off.
    const atEndOfFile = lastMatch.examinedEnd && !lastMatch.tooDeep;
    const tooDeep = lastMatch.tooDeep;
    // Absolute places now: finding where to resume may move the window (and base).
    const startPlace = { offset: base + start, line, column: base + start - lines.lineStart + 1 };
    const failureAt = Math.max(lastMatch.failure, start);
    const failurePlace = placeOf(failureAt);
    const text = failureText(start);
    const kind = kindAt(text, 0);
    const resume = atEndOfFile ? held.length : findResync(failureAt);
    reportFailure(startPlace, failurePlace, resume, { atEndOfFile, tooDeep, kind, text });
    pos = resume;
    if (resume >= held.length && final) break;
  }
  summary.bytes = base + held.length;
  summary.utcDates = dateForms.utc;
  summary.epochDates = dateForms.epoch;
  const after = reader.stat();
  summary.changedDuringRead =
    after.size !== reader.statAtOpen.size || after.mtimeMs !== reader.statAtOpen.mtimeMs;
  return summary;

  /** The absolute offset, line and column of the window's `at` (lines are counted up to it). */
  function placeOf(at: number): Place {
    const line = lines.lineAt(base + at, held.codes, base, held.heldBytes);
    return { offset: base + at, line, column: base + at - lines.lineStart + 1 };
  }

  /**
   * Hands a damaged declaration to onFailure: from `start` to the window's
   * `resume` (where scanning goes on), first failing at `failure`.
   */
  function reportFailure(
    start: Place,
    failure: Place,
    resume: number,
    what: Pick<ScanFailure, 'atEndOfFile' | 'tooDeep' | 'kind' | 'text' | 'tooLong'>,
  ): void {
    handlers.onFailure?.({
      offset: start.offset,
      line: start.line,
      column: start.column,
      length: base + resume - start.offset,
      failureOffset: failure.offset,
      failureLine: failure.line,
      failureColumn: failure.column,
      atEndOfFile: what.atEndOfFile,
      tooDeep: what.tooDeep,
      kind: what.kind,
      text: what.text,
      ...(what.tooLong === true ? { tooLong: true } : {}),
    });
  }

  /**
   * Up to MAX_FAILURE_TEXT bytes of the file from the window's `start`: read
   * again from the file when the window holds fewer of them, so that the
   * message and the frame do not depend on where a chunk happened to end.
   */
  function failureText(start: number): string {
    const want = Math.max(0, Math.min(MAX_FAILURE_TEXT, reader.statAtOpen.size - (base + start)));
    if (held.length - start >= want) return held.textBetween(start, start + want);
    return reader.readAt(base + start, want);
  }

  /**
   * Reports the declaration at the window's `start`, which outgrew
   * MAX_HELD_DECLARATION, as a failure: up to where the recogniser got, and
   * to where its punctuation ends it (or the end of the file: then the file
   * ends inside it, as in any truncated tail). Reads on through it keeping
   * only one chunk. Returns where to resume in the window.
   */
  function tooLong(start: number): number {
    const failureAt = Math.max(lastMatch.failure, start);
    // A failure at the end of what the recogniser saw (inside a comment or
    // a word) would have moved on with more bytes: it is put where the
    // declaration ends. One before it (the opening quote of a string that
    // runs on) stays where it is.
    const movesWithEnd = lastMatch.failure >= held.limit;
    const startPlace = placeOf(start);
    let failurePlace = placeOf(failureAt);
    const text = failureText(start);
    const kind = kindAt(text, 0);
    held.endAtEnd();
    const extent = new DeclarationExtent();
    let end = extent.advance(held.codes, start, held.length);
    while (end < 0 && grow(held.length)) {
      held.endAtEnd();
      end = extent.advance(held.codes, 0, held.length);
    }
    const atEndOfFile = end < 0;
    if (atEndOfFile) summary.endedInsideMatch = true;
    const resume = atEndOfFile ? held.length : end;
    if (movesWithEnd) failurePlace = placeOf(resume);
    reportFailure(startPlace, failurePlace, resume, {
      atEndOfFile,
      tooDeep: false,
      kind,
      text,
      tooLong: true,
    });
    return resume;
  }

  /**
   * The next line that starts with a top-level keyword after `from`, reading
   * further chunks as needed but keeping only a small overlap, so that a huge
   * damaged region costs no memory.
   */
  function findResync(from: number): number {
    for (;;) {
      const found = declarationLineAfter(held.text, from);
      if (found >= 0) return found;
      if (final) return held.length;
      const keep = Math.max(pos, held.length - RESYNC_OVERLAP);
      // Search the kept overlap again: a keyword the window's end cut short
      // (`\nlea|se `) matched nothing yet, and its line starts in there.
      from = Math.max(0, from - keep);
      if (!grow(keep)) return held.length;
      // `pos` is no longer needed beyond the kept overlap.
    }
  }
}
