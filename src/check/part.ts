import { readSync, statSync } from 'node:fs';
import {
  scanLeaseFile,
  type ScanBuffers,
  type SharedFile,
  type GrowingRange,
  type ScanFailure,
  type ScanSummary,
} from '../scan/index.js';
import { Aggregates, type AggregatesData } from './aggregate.js';
import type { ConfigAnalysis } from './config.js';
import { DhcpdReading } from './dhcpd-reading.js';
import type { Problem } from './types.js';
import type { LeaseSink } from '../scan/index.js';
import { dhcpdRecovery } from '../dhcpd/confpars-recovery.js';
import { keepsInputFromParsedLease } from '../dhcpd/partial-declaration.js';
import { ipv4Number } from '../model/ipv4.js';
import { Ipv4Table } from '../model/ipv4-table.js';
import { bindingStates } from '../model/types.js';
import { addEachLease, linesFrom, withOpenFile } from '../scan/index.js';
import { declarationAt } from './truncated.js';

/** What `check` keeps from scanning the file, or a part of it. */
export interface PartOutcome {
  summary: ScanSummary;
  aggregates: Aggregates;
  /** The first `maxProblems - 1` failures and the last one (it may be a truncated tail). */
  failures: ScanFailure[];
  failureCount: number;
  /** What dhcpd's token-level reading finds in declarations the grammar accepts (see DhcpdReading). */
  dhcpd: Problem[];
}

/** A PartOutcome as plain data, to send from a worker thread. */
export type PartOutcomeData = Omit<PartOutcome, 'aggregates'> & { aggregates: AggregatesData };

export interface PartOptions {
  range?: GrowingRange;
  chunkSize?: number;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** --config: every declaration in full goes to the analysis too. */
  config?: ConfigAnalysis | null;
  /** Buffers to reuse from an earlier scan (see ScanBuffers). */
  buffers?: ScanBuffers;
  /** The file, already open (see SharedFile); else it is opened by its path. */
  file?: SharedFile;
  /** Where to gather the aggregates (empty): to reuse those of an earlier part; default new ones. */
  aggregates?: Aggregates;
  /** dhcpd's clock: for what it makes of a lease it reads otherwise, and of leases it enters while recovering from damage (default: now). */
  now?: Date;
}

/** How far past a damaged region dhcpd's recovery is followed (see dhcpd/confpars-recovery.ts). */
const RECOVERY_WINDOW = 8192;
/** A failure's text holds this many bytes of the file at most (scan.ts): fewer means it reaches the end. */
const FAILURE_TEXT_BYTES = 64 * 1024;

/** How many bytes the file, or its part `range`, holds as it starts (0 when unknown): a size hint. */
function partBytes(path: string, range?: GrowingRange): number {
  if (range) return range.end - range.start;
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Scans the file or `options.range` of it, keeping what `check` reports. */
export function scanPart(
  path: string,
  maxProblems: number,
  options: PartOptions = {},
): PartOutcome {
  const aggregates =
    options.aggregates ?? new Aggregates(Ipv4Table.forFileBytes(partBytes(path, options.range)));
  const config = options.config ?? null;
  const failures: ScanFailure[] = [];
  let failureCount = 0;
  const reading = new DhcpdReading(config?.pools6(), options.now, config?.family ?? null);
  config?.useV6(reading.v6);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  // Declarations that start before this offset were swallowed by dhcpd's
  // recovery from the damage before them: dhcpd never reads them.
  let swallowedUntil = -1;
  /** The furthest dhcpd's recovery reaches past the scanner's own resynchronisation (-1: nowhere). */
  let swallowsPastDamage = -1;
  const leases: LeaseSink = {
    addLease: (lease, offset) => {
      // dhcpd's token-level reading may be losing what follows (dhcpd-reading.ts).
      if (offset >= swallowedUntil && (!reading.losing || reading.readLease(offset)))
        aggregates.addLease(lease, offset);
    },
    addLeases: (batch) => {
      // Offsets grow within a batch: when the first is past every swallowed
      // declaration and dhcpd's reading loses nothing, all go in at once.
      if (batch.count > 0 && batch.offsetOf(0) >= swallowedUntil && !reading.losing) {
        aggregates.addLeases(batch);
        return;
      }
      addEachLease(leases, batch);
    },
  };
  const summary = scanLeaseFile(
    path,
    {
      onDeclaration: (d) => {
        if (d.offset < swallowedUntil) return;
        // What dhcpd's token-level reading refuses or loses (dhcpd-reading.ts) is not entered.
        if (!reading.read(d)) return;
        aggregates.add(d);
        config?.add(d);
      },
      leases,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      onFailure: (f) => {
        if (f.tooDeep && reading.deepButLoaded(f)) return;
        failureCount++;
        keepFailure(failures, f, maxProblems);
        if (f.atEndOfFile || f.tooDeep) return;
        // What dhcpd reads from here on (dhcpd/confpars-recovery.ts): the leases it
        // enters inside the damage, and where it is back in step.
        // Bounded: skip_to_semi stops at the first `;` or `}`, so dhcpd is back in step
        // within a declaration or two; a file of nothing but damage costs no more.
        const window = f.text.slice(0, f.length + RECOVERY_WINDOW);
        const recovery = dhcpdRecovery(window, f.length, now);
        // Not back in step before the window (not the file) ends: undetermined; assume
        // the scanner's resynchronisation, and only what lies inside the damage.
        const windowCut = window.length < f.text.length || f.text.length >= FAILURE_TEXT_BYTES;
        const undetermined = recovery.resyncAt >= window.length && windowCut;
        const resyncAt = undetermined || recovery.inStep ? f.length : recovery.resyncAt;
        swallowedUntil = Math.max(swallowedUntil, f.offset + resyncAt);
        if (resyncAt > f.length)
          swallowsPastDamage = Math.max(swallowsPastDamage, f.offset + resyncAt);
        for (const { offset, address, lease } of recovery.entered) {
          if (offset >= resyncAt) continue;
          const state =
            lease.bindingState === null ? -1 : bindingStates.indexOf(lease.bindingState);
          aggregates.addLease(
            {
              address: ipv4Number(address) ?? -1,
              state,
              hardwareTypeOnly: false,
              readOtherwise: false,
            },
            f.offset + offset,
          );
          config?.replace(address, keepsInputFromParsedLease(lease, address));
        }
      },
    },
    options.chunkSize,
    // --config predicts from dates and hardware: it needs every field.
    config ? 'full' : 'summary',
    options.range,
    options.buffers,
    options.file,
  );
  // dhcpd's recovery from damage in this part reaches its end: a whole scan
  // would drop what it swallows in the next part, so this part does not join.
  if (
    options.range &&
    (swallowsPastDamage >= summary.bytes || reading.losing) &&
    summary.bytes < sizeOf(path, options)
  )
    summary.endedInsideMatch = true;
  placeLostLeases(path, options, reading);
  return { summary, aggregates, failures, failureCount, dhcpd: reading.problems };
}

/** Lines (counted from the part's start, as the scan counts them) and lengths of the leases dhcpd loses that the scan passed by offset only. */
function placeLostLeases(path: string, options: PartOptions, reading: DhcpdReading): void {
  const source = options.file?.fd ?? path;
  const lineOf = linesFrom(source, options.range?.start ?? 0);
  const readAt = (offset: number, length: number): string => {
    const read = (fd: number): string => {
      const buffer = Buffer.allocUnsafe(length);
      return buffer.toString('latin1', 0, readSync(fd, buffer, 0, length, offset));
    };
    return typeof source === 'number' ? read(source) : withOpenFile(source, read);
  };
  reading.placeLost(lineOf, (offset, line) => declarationAt(readAt, offset, line)?.length ?? 0);
}

function sizeOf(path: string, options: PartOptions): number {
  return options.file?.size ?? statSync(path).size;
}

/** Keeps the first ones, and always the last (it may be a truncated tail). */
function keepFailure(failures: ScanFailure[], f: ScanFailure, maxProblems: number): void {
  if (failures.length < maxProblems) failures.push(f);
  else failures[failures.length - 1] = f;
}

export function partToData(part: PartOutcome): PartOutcomeData {
  return { ...part, aggregates: part.aggregates.toData() };
}

export function partFromData(data: PartOutcomeData): PartOutcome {
  return { ...data, aggregates: Aggregates.from(data.aggregates) };
}

/**
 * The outcome of scanning `first` and then `later`, the part that starts
 * where `first` ends, as one scan of both would have it. Line numbers in
 * `later` count from its own start and are shifted here. The aggregates of
 * the part named by `into` are extended (the other part's are left as they
 * were): the larger part's, so that joining costs the size of the smaller.
 */
export function joinParts(
  first: PartOutcome,
  later: PartOutcome,
  maxProblems: number,
  linesBefore: () => number,
  into: 'first' | 'later' = 'first',
): PartOutcome {
  // Counting the lines before the cut reads the first part again: only when
  // something of the later part carries a line number.
  const shift =
    later.failures.length > 0 ||
    later.dhcpd.length > 0 ||
    later.aggregates.ias.size > 0 ||
    later.aggregates.failover.size > 0
      ? linesBefore()
      : 0;
  if (into === 'first') first.aggregates.append(later.aggregates, shift);
  else later.aggregates.prepend(first.aggregates, shift);
  const failures = [...first.failures];
  for (const f of later.failures) {
    keepFailure(
      failures,
      { ...f, line: f.line + shift, failureLine: f.failureLine + shift },
      maxProblems,
    );
  }
  return {
    summary: {
      bytes: later.summary.bytes,
      writerVersion: first.summary.writerVersion,
      utcDates: first.summary.utcDates + later.summary.utcDates,
      epochDates: first.summary.epochDates + later.summary.epochDates,
      changedDuringRead: first.summary.changedDuringRead || later.summary.changedDuringRead,
      endedInsideMatch: later.summary.endedInsideMatch,
      // The later part's lines count from its own start: the first's marks are the file's.
      lineMarks: first.summary.lineMarks,
    },
    aggregates: into === 'first' ? first.aggregates : later.aggregates,
    failures,
    failureCount: first.failureCount + later.failureCount,
    dhcpd: [
      ...first.dhcpd,
      ...later.dhcpd.map((p) => ({
        ...p,
        line: p.line + shift,
        ...(p.declaration
          ? { declaration: { ...p.declaration, line: p.declaration.line + shift } }
          : {}),
      })),
    ],
  };
}
