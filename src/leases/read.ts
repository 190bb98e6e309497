/**
 * readLeases and currentLeases: the leases of a file as dhcpd loads them.
 * The whole file is scanned with the grammar; the last declaration of each
 * address wins whole (enter_lease, server/mdb.c; add_lease6, server/mdb6.c);
 * a partial last lease is loaded or dropped as dhcpd's parser would
 * (parse_lease_declaration); damaged declarations become problems.
 */
import { closeSync, readSync } from 'node:fs';
import { DhcpdReading } from '../check/dhcpd-reading.js';
import type { Problem } from '../check/types.js';
import { analysePartial } from '../check/truncated.js';
import { runOnStringAt } from '../dhcpd/conflex.js';
import { placeInText } from '../model/code-frame.js';
import { simulatePartialDeclaration } from '../dhcpd/partial-declaration.js';
import type { Declaration } from '../model/types.js';
import {
  openLeaseFile,
  scanLeaseBytes,
  scanLeaseFile,
  type ScanFailure,
  type ScanHandlers,
} from '../scan/index.js';
import { isActiveAt } from './active.js';
import { recordOfLease, recordOfPartialLease, recordsOfIa } from './records.js';
import {
  dhcpdReadingCodes,
  type DhcpdReadingCode,
  LeaseProblem,
  LeaseReading,
  LeaseRecord,
  LeaseSource,
  ReadLeasesOptions,
} from './types.js';

/**
 * The leases of a lease file as dhcpd loads them: by default the effective
 * (last) declaration of each address, in the order of those declarations;
 * with `history`, every lease declaration in file order. v4 leases and the
 * addresses and prefixes of v6 IAs. A damaged file still yields what dhcpd
 * would load; its problems are in `problems` once the iteration ends.
 */
export function readLeases(source: LeaseSource, options: ReadLeasesOptions = {}): LeaseReading {
  const problems: LeaseProblem[] = [];
  return {
    problems,
    async *[Symbol.asyncIterator]() {
      problems.length = 0;
      const result = collect(source, options);
      problems.push(...result.problems);
      yield* result.records;
    },
  };
}

/**
 * The leases active at `now` (isc_dhcp_leases' get_current): the effective
 * declaration of each address, in state active, whose `ends` is after `now`.
 */
export async function currentLeases(
  source: LeaseSource,
  options: Omit<ReadLeasesOptions, 'history'> = {},
): Promise<{ leases: LeaseRecord[]; problems: LeaseProblem[] }> {
  const now = options.now ?? new Date();
  const reading = readLeases(source, { now });
  const leases: LeaseRecord[] = [];
  for await (const lease of reading) if (isActiveAt(lease, now)) leases.push(lease);
  return { leases, problems: reading.problems };
}

interface Collected {
  records: LeaseRecord[];
  problems: LeaseProblem[];
}

function collect(source: LeaseSource, options: ReadLeasesOptions): Collected {
  const now = options.now ?? new Date();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const history: LeaseRecord[] = [];
  /** Effective records by `family address`, in the order of their declarations. */
  const effective = new Map<string, LeaseRecord>();
  /** The address keys each IA's last declaration holds. */
  const iaAddresses = new Map<string, string[]>();
  const failures: ScanFailure[] = [];
  // dhcpd's own reading of what the grammar accepts: what it refuses or loses is not loaded.
  const reading = new DhcpdReading(undefined, now);
  const file = openSource(source);
  try {
    const place = (record: LeaseRecord): void => {
      if (options.history) {
        history.push(record);
        return;
      }
      const key = `${record.family} ${record.address}`;
      effective.delete(key);
      effective.set(key, record);
    };
    const onDeclaration = (d: Declaration): void => {
      if (!reading.read(d)) return;
      if (d.kind === 'lease' && d.key !== null) {
        place(recordOfLease(d, nowSeconds));
      } else if (d.kind === 'ia-na' || d.kind === 'ia-ta' || d.kind === 'ia-pd') {
        const records = recordsOfIa(d, file.textAt(d.offset, d.length));
        const iaKey = `${d.kind} ${d.key}`;
        // The IA's new declaration replaces the old whole: its old addresses go,
        // unless a later IA took them meanwhile.
        if (!options.history) {
          for (const key of iaAddresses.get(iaKey) ?? []) {
            if (effective.get(key)?.ia?.key === d.key) effective.delete(key);
          }
          iaAddresses.set(
            iaKey,
            records.map((r) => `6 ${r.address}`),
          );
        }
        for (const r of records) place(r);
      }
    };
    const handlers: ScanHandlers = { onDeclaration, onFailure: (f) => failures.push(f) };
    file.scan(handlers);
  } finally {
    file.close();
  }
  const problems: LeaseProblem[] = reading.problems.flatMap(readingProblem);
  for (const f of failures) {
    const problem = problemOf(f, nowSeconds, now, (record) => {
      if (options.history) history.push(record);
      else {
        const key = `4 ${record.address}`;
        effective.delete(key);
        effective.set(key, record);
      }
    });
    problems.push(problem);
  }
  problems.sort((a, b) => a.offset - b.offset);
  return { records: options.history ? history : [...effective.values()], problems };
}

const readingCodes: ReadonlySet<string> = new Set(dhcpdReadingCodes);

/** An error of dhcpd's own reading as a problem of the listing (warnings change nothing listed). */
function readingProblem(p: Problem): LeaseProblem[] {
  if (p.severity !== 'error' || !readingCodes.has(p.code)) return [];
  return [
    {
      code: p.code as DhcpdReadingCode,
      line: p.line,
      column: p.column,
      offset: p.offset,
      message: p.message,
      // dhcpd loads a lease with a time it cannot write back; the others it does not load.
      dhcpd: p.code === 'unwritable-time' ? 'loaded' : 'dropped',
    },
  ];
}

/** The problem a damaged declaration is, entering the partial lease dhcpd would load. */
function problemOf(
  f: ScanFailure,
  nowSeconds: number,
  now: Date,
  enter: (record: LeaseRecord) => void,
): LeaseProblem {
  const at = { line: f.failureLine, column: f.failureColumn, offset: f.failureOffset };
  if (f.tooDeep) {
    return {
      code: 'nesting-too-deep',
      ...at,
      message: `blocks nested too deeply in the ${f.kind ?? 'declaration'} starting at line ${f.line}`,
      dhcpd: 'skipped',
    };
  }
  if (f.atEndOfFile && f.kind === 'lease') {
    const partial = analysePartial(f);
    const simulation = simulatePartialDeclaration(
      {
        kind: 'lease',
        completeStatements: partial.complete,
        cutInside: partial.cutInside,
        head: partial.head,
      },
      now,
    );
    const lease = simulation.parse?.lease;
    const loaded = simulation.outcome.action === 'loaded' && lease && partial.key !== null;
    if (loaded) enter(recordOfPartialLease(partial.key!, lease, f.line, f.offset, nowSeconds));
    return {
      code: 'truncated-tail',
      ...at,
      message: `the file ends inside the lease${partial.key ? ` ${partial.key}` : ''} starting at line ${f.line}: ${simulation.outcome.explanation}`,
      dhcpd: loaded ? 'loaded' : 'dropped',
    };
  }
  const runOnAt = f.atEndOfFile ? runOnStringAt(f.text) : null;
  if (runOnAt !== null) {
    return {
      code: 'string-runs-on',
      ...placeInText(f.text, runOnAt, f.line),
      offset: f.offset + runOnAt,
      message: `a string in the ${f.kind ?? 'declaration'} starting at line ${f.line} has no closing quote and runs on over line breaks to the end of the file: not a cut write; dhcpd reads what follows as that string, and nothing after it is listed`,
      dhcpd: 'dropped',
    };
  }
  if (f.atEndOfFile) {
    return {
      code: 'truncated-tail',
      ...at,
      message: `the file ends inside the ${f.kind ?? 'declaration'} starting at line ${f.line}; dhcpd does not load it`,
      dhcpd: 'dropped',
    };
  }
  return {
    code: f.kind === null ? 'unknown-declaration' : 'syntax-error',
    ...at,
    message:
      f.kind === null
        ? `not a lease-file declaration at line ${f.line}: dhcpd logs "Corrupt lease file - possible data loss!" and skips it`
        : `syntax error in the ${f.kind} declaration starting at line ${f.line}: dhcpd logs "Corrupt lease file - possible data loss!", skips to the next ";" and may lose the declaration after it too`,
    dhcpd: 'skipped',
  };
}

interface OpenSource {
  scan(handlers: ScanHandlers): void;
  /** Latin1 text of `length` bytes at `offset`. */
  textAt(offset: number, length: number): string;
  close(): void;
}

function openSource(source: LeaseSource): OpenSource {
  if (typeof source === 'string') {
    const file = openLeaseFile(source);
    return {
      scan: (handlers) => {
        scanLeaseFile(source, handlers, undefined, 'full', undefined, undefined, file);
      },
      textAt: (offset, length) => {
        const buffer = Buffer.allocUnsafe(length);
        const read = readSync(file.fd, buffer, 0, length, offset);
        return buffer.toString('latin1', 0, read);
      },
      close: () => closeSync(file.fd),
    };
  }
  const bytes = source instanceof Uint8Array ? source : Buffer.from(source.text, 'latin1');
  return {
    scan: (handlers) => {
      scanLeaseBytes(bytes, handlers, 'full');
    },
    textAt: (offset, length) =>
      Buffer.from(bytes.subarray(offset, offset + length)).toString('latin1'),
    close: () => undefined,
  };
}
