import { readSync, statSync } from 'node:fs';
import { lineOfOffset, withOpenFile, type ScanFailure } from '../scan/index.js';
import type { Declaration } from '../model/types.js';
import type { Aggregates } from './aggregate.js';
import { scanPart, type PartOutcome } from './part.js';
import { ipv4Number } from '../model/ipv4.js';
import { codeFrame, placeInText } from '../model/code-frame.js';
import { diagnose } from './diagnose.js';
import { unwritableFailoverTimes } from './failover-times.js';
import { canScanInParallel, PARALLEL_MIN_BYTES } from './check-worker.js';
// Only its type: the two-thread scan is loaded when a file is large enough for it.
import type { ParallelOptions } from './parallel.js';
import { declarationAt, describeTruncation } from './truncated.js';
import type { CheckReport, FailoverSummary, Problem, TruncatedReport, Verdict } from './types.js';
import { formatIso } from './time.js';
import type { ConfigAnalysis } from './config.js';
import type { LoadedConfig } from '../conf/index.js';
import { madeUpBindingState, type KeepsInput } from '../dhcpd/mdb.js';
import { lastTokenEnd, runOnStringAt, TOKBUF } from '../dhcpd/conflex.js';
import { cutBodyWarning } from '../dhcpd/partial-declaration.js';
import type { BindingState } from '../model/types.js';

export { PARALLEL_MIN_BYTES };

export interface CheckOptions {
  /** The time predictions use (what dhcpd would do "now"); default: the clock. */
  now?: Date;
  /** At most this many problems are listed (all are counted). Default 20. */
  maxProblems?: number;
  /** How often to re-read a file that changes while it is read. Default 3. */
  retries?: number;
  /** Pause between re-reads, in milliseconds. Default 200. */
  retryDelayMs?: number;
  /** Chunk size for reading (tests use small ones to exercise chunk boundaries). */
  chunkSize?: number;
  /** dhcpd.conf, loaded: report what dhcpd would complain about and predict `Wrote N leases`. */
  config?: LoadedConfig;
  /**
   * Files at least this large are scanned on two threads (default
   * PARALLEL_MIN_BYTES, 128 MiB; Infinity: never). Tests lower it.
   */
  parallelMinBytes?: number;
  /** About how large the blocks two threads share out are (tests lower it; see parallel.ts). */
  parallelBlockBytes?: number;
  /** Called after each chunk with the bytes read so far and the file size (for progress bars). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

interface ScanOutcome extends PartOutcome {
  config: ConfigAnalysis | null;
}

async function scanOnce(
  path: string,
  maxProblems: number,
  options: CheckOptions,
): Promise<ScanOutcome> {
  // The dhcpd.conf reader is loaded only with --config (start-up time).
  const config = options.config
    ? new (await import('./config.js')).ConfigAnalysis(options.config.file, options.config.plan)
    : null;
  if (onTwoThreads(sizeOf(path), options)) {
    const { scanInParallel } = await import('./parallel.js');
    const joined = await scanInParallel(path, maxProblems, parallelOptions(options));
    if (joined) return { ...joined, config };
  }
  return { ...scanPart(path, maxProblems, { ...options, config }), config };
}

/**
 * Whether a file of `size` bytes is scanned on two threads. Not with
 * `config`: its analysis keeps every declaration in order (one thread). Only
 * files large enough to use them load worker threads (start-up time counts
 * for the small files restart scripts check), and a file needs two bytes to
 * split. And only when the worker's script is built (`workerBuilt`, asked
 * last: it looks on disk).
 */
export function onTwoThreads(
  size: number,
  options: Pick<CheckOptions, 'parallelMinBytes' | 'config'>,
  workerBuilt: () => boolean = canScanInParallel,
): boolean {
  return (
    !options.config &&
    size >= Math.max(options.parallelMinBytes ?? PARALLEL_MIN_BYTES, 2) &&
    workerBuilt()
  );
}

/** What the two-thread scan takes of the check's options (only those given). */
export function parallelOptions(options: CheckOptions): ParallelOptions {
  return {
    ...(options.chunkSize !== undefined ? { chunkSize: options.chunkSize } : {}),
    ...(options.parallelBlockBytes !== undefined ? { blockBytes: options.parallelBlockBytes } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
}

/** `report`, called only with counts of bytes read that do not go back. */
function neverBack(
  report: (bytesRead: number, totalBytes: number) => void,
): (bytesRead: number, totalBytes: number) => void {
  let shown = -1;
  return (bytesRead, totalBytes) => {
    if (bytesRead < shown) return;
    shown = bytesRead;
    report(bytesRead, totalBytes);
  };
}

/** The file's size, or 0 when it cannot be read (the scan then says why). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Checks a lease file: is it whole, truncated at its tail, or damaged before
 * its last declaration; what it holds; and what dhcpd would do with it.
 */
export async function checkLeaseFile(
  path: string,
  options: CheckOptions = {},
): Promise<CheckReport> {
  const now = options.now ?? new Date();
  const maxProblems = Math.max(1, options.maxProblems ?? 20);
  const retries = options.retries ?? 3;
  // The bar never goes back, even when a parallel scan that could not be
  // joined is done again on one thread, or the file is read again after it
  // changed: it waits until the scan passes it. One wrapper for every attempt.
  const scanOptions = options.onProgress
    ? { ...options, onProgress: neverBack(options.onProgress) }
    : options;
  let outcome = await scanOnce(path, maxProblems, scanOptions);
  // dhcpd appends with stdio in 4 KiB blocks: a declaration can be half on
  // disk for a moment. When the file changed while we read it, read again.
  let attempts = 0;
  while (outcome.summary.changedDuringRead && outcome.failureCount > 0 && attempts < retries) {
    attempts++;
    await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 200));
    outcome = await scanOnce(path, maxProblems, scanOptions);
  }
  const report = buildReport(path, outcome, now);
  const empty = await emptyBesideBackup(report, options);
  if (empty) report.problems.unshift(empty);
  return report;
}

/**
 * A lease file of 0 bytes beside a non-empty FILE~ (dhcpd's previous snapshot,
 * server/db.c new_lease_file): the file itself is well formed, but dhcpd
 * would start with no leases while its last snapshot holds some, and
 * `repair --preen` refuses to start it. A warning, so that monitoring says so too.
 */
async function emptyBesideBackup(
  report: CheckReport,
  options: CheckOptions,
): Promise<Problem | null> {
  // Exactly what `repair --preen` refuses (preen.ts): a file of 0 bytes.
  if (report.bytes > 0) return null;
  const backup = `${report.file}~`;
  if (sizeOf(backup) === 0) return null;
  let held: string;
  try {
    const b = await checkLeaseFile(backup, {
      ...options,
      config: undefined,
      onProgress: undefined,
    });
    const leases = b.leases.distinct + b.ia.distinct;
    held = `${leases} lease${leases === 1 ? '' : 's'}${b.verdict === 'clean' ? '' : ` (it is ${b.verdict})`}`;
  } catch {
    held = `${sizeOf(backup)} bytes`;
  }
  return {
    code: 'empty-beside-backup',
    severity: 'warning',
    line: 1,
    column: 1,
    offset: 0,
    message: `the file holds no declarations: dhcpd will start with no leases, while ${backup} (its previous snapshot) holds ${held}; review and restore with: leasecheck repair ${report.file} --write`,
  };
}

function buildReport(path: string, outcome: ScanOutcome, now: Date): CheckReport {
  const { summary, aggregates, failures, failureCount } = outcome;
  const last = failures[failures.length - 1];
  const reachesEnd = last !== undefined && last.offset + last.length >= summary.bytes;
  // A string that runs on to the end over line breaks was not cut by a write (runOnStringAt).
  const runOnAt = reachesEnd && last.atEndOfFile ? runOnStringAt(last.text) : null;
  const runOnTail = runOnAt !== null ? last : null;
  const truncatedTail = reachesEnd && last.atEndOfFile && runOnAt === null ? last : null;
  const junk = reachesEnd && !truncatedTail && isJunkAtTail(path, last) ? last : null;
  const tail = truncatedTail ?? junk;
  const failoverTimes = unwritableFailoverTimes(
    aggregates.failover.values(),
    outcome.config ?? null,
  );
  // What dhcpd's own reading refuses in declarations the grammar accepts counts as damage too.
  const dhcpdErrors =
    outcome.dhcpd.filter((p) => p.severity === 'error').length + failoverTimes.length;
  let verdict: Verdict = 'clean';
  if (failureCount > 0) verdict = tail && failureCount === 1 ? 'truncated-tail' : 'corrupt';
  if (dhcpdErrors > 0) verdict = 'corrupt';
  if (verdict !== 'clean' && summary.changedDuringRead) verdict = 'being-written';

  let truncated: TruncatedReport | null = null;
  let partialKeeps: KeepsInput | null = null;
  if (tail) {
    const described = describeTruncation(
      tail,
      (kind, key) => previousDeclaration(path, aggregates, summary.lineMarks, kind, key),
      now,
      outcome.config?.ranges(),
    );
    truncated = described.report;
    partialKeeps = described.keeps;
  }
  if (outcome.config && truncated?.key && truncated.kind === 'lease') {
    outcome.config.replace(truncated.key, partialKeeps);
  }
  if (
    outcome.config &&
    truncatedTail &&
    (truncatedTail.kind === 'ia-na' ||
      truncatedTail.kind === 'ia-ta' ||
      truncatedTail.kind === 'ia-pd')
  ) {
    outcome.config.readPartialIa(truncatedTail.kind, truncatedTail.text);
  }

  const tailText = truncatedTail ? wholeText(path, truncatedTail) : null;
  const problems: Problem[] = [
    ...failures.map((f) =>
      f === junk
        ? junkProblem(f)
        : f === runOnTail
          ? runOnProblem(f, runOnAt!)
          : problemFrom(f, f === tail, f === tail ? tailText : null),
    ),
    ...(truncatedTail && tailText !== null ? cutBodyProblem(truncatedTail, tailText) : []),
    ...outcome.dhcpd,
    ...failoverTimes,
    ...typeOnlyHardwareNote(path, aggregates),
  ].sort((a, b) => a.offset - b.offset);
  // States first: the walk that counts them also counts two joined parts'
  // distinct addresses (see JoinedAddresses), which `size` then reuses.
  const { byState, stateless } = aggregates.countLeaseStates();
  if (stateless > 0) addMadeUpStates(path, aggregates, now, byState);
  return {
    file: path,
    bytes: summary.bytes,
    verdict,
    problems,
    problemsTruncated: failureCount > failures.length,
    declarations: aggregates.declarations,
    leases: { distinct: aggregates.leases.size, byState },
    ia: aggregates.iaSummary(),
    failover: [...aggregates.failover.values()].map(failoverSummary),
    writer: { version: summary.writerVersion },
    timeFormat:
      summary.utcDates > 0 && summary.epochDates > 0
        ? 'mixed'
        : summary.epochDates > 0
          ? 'local'
          : summary.utcDates > 0
            ? 'utc'
            : 'none',
    truncated,
    now: formatIso(now.getTime() / 1000) ?? now.toISOString(),
    ...(outcome.config ? { config: outcome.config.result(now) } : {}),
  };
}

/** Words that start a declaration dhcpd loads (lease_file_subparse), anywhere in junk. */
const DECLARATION_WORD =
  /(?:^|[^A-Za-z0-9_.-])(?:lease|host|group|class|subclass|failover|ia-na|ia-ta|ia-pd|server-duid|authoring-byte-order)(?![A-Za-z0-9_.-])/i;

/** Junk up to this size is read whole to make sure no declaration hides in it. */
const MAX_JUNK_BYTES = 16 * 1024 * 1024;

/**
 * Junk after the last complete declaration: appended garbage, NUL padding
 * left by a crash, a pasted shell line. dhcpd's lease_file_subparse logs
 * "Corrupt lease file - possible data loss!" at its first word and skips
 * tokens to the next `;` (skip_to_semi), again and again to the end of the
 * file, loading nothing. It is tail damage, removable like a truncated tail,
 * when it does not start with a declaration keyword (the scanner's `kind`)
 * and no word in it starts one either: then nothing in it is a declaration
 * dhcpd would load, nor one a person may want back.
 */
function isJunkAtTail(path: string, f: ScanFailure): boolean {
  if (f.kind !== null || f.tooDeep) return false;
  const text = wholeText(path, f);
  return text !== null && !DECLARATION_WORD.test(text);
}

/**
 * All of a failure's bytes: the scan keeps the first 64 KiB (ScanFailure.text),
 * the rest is read from the file, up to MAX_JUNK_BYTES. Null beyond that, or
 * when the file no longer holds them.
 */
function wholeText(path: string, f: ScanFailure): string | null {
  if (f.text.length >= f.length) return f.text.slice(0, f.length);
  if (f.length > MAX_JUNK_BYTES) return null;
  const text = withOpenFile(path, (fd) => {
    const buffer = Buffer.allocUnsafe(f.length);
    const bytes = readSync(fd, buffer, 0, f.length, f.offset);
    return buffer.toString('latin1', 0, bytes);
  });
  return text.length === f.length ? text : null;
}

/** The damage at the end of the file is a string that runs on (runOnStringAt), at `at` in its text. */
function runOnProblem(f: ScanFailure, at: number): Problem {
  const { line, column } = placeInText(f.text, at, f.line);
  return {
    code: 'string-runs-on',
    severity: 'error',
    line,
    column,
    offset: f.offset + at,
    message: `this string has no closing quote: it runs on over line breaks to the end of the file, which dhcpd never writes, so the file was not cut here while dhcpd wrote it. A raw \`"\` or a \`\\\` before the closing quote (dhcpd writes a printable subclass hash raw) makes dhcpd read what follows as this string: ${
      f.length - at < TOKBUF
        ? `it loads nothing after line ${line} ("eof in string constant")`
        : `it cuts the string after ${TOKBUF - 1} bytes ("string constant larger than internal buffer") and reads on from there, losing what the string covers (leasecheck counts nothing after line ${line})`
    }. Fix the string by hand; removing the ${f.kind ?? 'declaration'} (line ${f.line}) would remove every declaration after it too`,
    declaration: { offset: f.offset, length: f.length, line: f.line, kind: f.kind },
  };
}

/** dhcpd's warning before the end of a host, group or class cut after `delete` (cutBodyWarning). */
function cutBodyProblem(f: ScanFailure, whole: string): Problem[] {
  const at = cutBodyWarning(f.kind, whole);
  if (at === null) return [];
  return [
    {
      code: 'dhcpd-warns',
      severity: 'warning',
      ...placeInText(whole, at, f.line),
      offset: f.offset + at,
      message: `dhcpd warns "expecting a parameter or declaration" here: the ${f.kind} ends in \`delete\` (cut from \`deleted;\`), a keyword no statement starts with, and dhcpd names the token before it`,
      declaration: { offset: f.offset, length: f.length, line: f.line, kind: f.kind },
    },
  ];
}

function junkProblem(f: ScanFailure): Problem {
  return {
    code: 'junk-at-tail',
    severity: 'error',
    line: f.failureLine,
    column: f.failureColumn,
    offset: f.failureOffset,
    message: `junk after the last complete declaration (${/found (.*)$/.exec(diagnose(f).message)?.[1] ?? 'unexpected input'}, then ${f.length} bytes to the end of the file): dhcpd logs "Corrupt lease file - possible data loss!" and loads nothing of it; repair removes it`,
    declaration: { offset: f.offset, length: f.length, line: f.line, kind: null },
    frame: codeFrame(f.text, f.failureOffset - f.offset, f.line),
  };
}

/**
 * A problem for a failure; for the file's truncated tail (`isTail`), `whole`
 * is all its text (null when it could not be read: over MAX_JUNK_BYTES).
 */
function problemFrom(f: ScanFailure, isTail: boolean, whole: string | null): Problem {
  const base = {
    declaration: { offset: f.offset, length: f.length, line: f.line, kind: f.kind },
    frame: codeFrame(f.text, f.failureOffset - f.offset, f.line),
  };
  if (f.tooDeep) {
    return {
      code: 'nesting-too-deep',
      severity: 'error',
      line: f.failureLine,
      column: f.failureColumn,
      offset: f.failureOffset,
      message: diagnose(f).message,
      ...base,
    };
  }
  if (isTail) {
    return {
      code: 'truncated-tail',
      severity: 'error',
      ...(whole === null
        ? { line: f.failureLine, column: f.failureColumn }
        : endOfLastToken(whole, f.line)),
      offset: f.offset + f.length,
      message: `the file ends inside this ${f.kind ?? 'declaration'} (started at line ${f.line}): it was cut off while being written`,
      ...base,
    };
  }
  const diagnosis = diagnose(f);
  // dhcpd's lexer reads a 0xFF byte as the end of the file (a signed char is -1, EOF).
  const endForDhcpd = f.text.charCodeAt(f.failureOffset - f.offset) === 0xff;
  const keyword = keywordInOtherCase(f, diagnosis.expected);
  const whatDhcpdDoes = endForDhcpd
    ? 'dhcpd reads byte 0xFF as the end of the file: it stops there and ignores everything after it'
    : keyword !== null
      ? `dhcpd reads keywords in any case: "${keyword.found}" is "${keyword.keyword}" to it; leasecheck reads them as dhcpd writes them, in lower case, and has not checked this declaration`
      : 'dhcpd logs "Corrupt lease file - possible data loss!" and skips to the next ";"';
  return {
    code: f.kind === null ? 'unknown-declaration' : 'syntax-error',
    severity: 'error',
    line: f.failureLine,
    column: f.failureColumn,
    offset: f.failureOffset,
    message:
      f.kind === null
        ? `not a lease-file declaration: ${diagnosis.message} (${whatDhcpdDoes})`
        : `${diagnosis.message} in ${f.kind} declaration starting at line ${f.line}${endForDhcpd || keyword !== null ? ` (${whatDhcpdDoes})` : ''}`,
    expected: diagnosis.expected,
    ...base,
  };
}

/**
 * The word at the failure when it is one of the keywords the grammar
 * expected there, in another case (`LEASE`, `Starts`): dhcpd's lexer
 * compares keywords without regard to case (conflex.c intern), so to dhcpd
 * it is that keyword, and "Corrupt lease file" is not what it says.
 */
function keywordInOtherCase(
  f: ScanFailure,
  expected: readonly string[],
): { found: string; keyword: string } | null {
  const at = f.failureOffset - f.offset;
  const found = /^[A-Za-z][A-Za-z0-9-]*/.exec(f.text.slice(at, at + 64))?.[0];
  if (found === undefined) return null;
  const keyword = found.toLowerCase();
  return keyword !== found && expected.includes(`"${keyword}"`) ? { found, keyword } : null;
}

/**
 * Where dhcpd reports a cut declaration (`text`, starting on `line`): at the
 * end of the last token it read (white space and comments after it do not
 * move the line); on the same line as the end of the file, at the end of the
 * file itself.
 */
function endOfLastToken(text: string, line: number): { line: number; column: number } {
  const lastToken = lastTokenEnd(text);
  const end = text.indexOf('\n', lastToken) < 0 ? text.length : lastToken;
  return placeInText(text, end, line);
}

/**
 * Leases whose last declaration has no binding state (files of old dhcpd
 * versions): dhcpd makes one up as it reads them (madeUpBindingState), so
 * they count in that state. The scan keeps no dates, so each is read again
 * from its offset: only such leases cost anything.
 */
function addMadeUpStates(
  path: string,
  aggregates: Aggregates,
  now: Date,
  byState: Partial<Record<BindingState, number>>,
): void {
  const offsets: number[] = [];
  aggregates.leases.forEachEntry((_key, state, offset) => {
    if (state === -1) offsets.push(offset);
  });
  if (offsets.length === 0) return;
  const t = Math.floor(now.getTime() / 1000);
  withOpenFile(path, (fd) => {
    const readAt = (offset: number, length: number): string => {
      const buffer = Buffer.allocUnsafe(length);
      const bytes = readSync(fd, buffer, 0, length, offset);
      return buffer.toString('latin1', 0, bytes);
    };
    for (const offset of offsets) {
      const d = declarationAt(readAt, offset, 1);
      if (!d || d.kind !== 'lease' || d.bindingState !== null) continue;
      const state = madeUpBindingState(d.ends, d.onExpiryOrRelease === true, t);
      byState[state] = (byState[state] ?? 0) + 1;
    }
  });
}

/**
 * `hardware ethernet ;` is what dhcpd itself writes for a lease it loaded from
 * a file cut right after the hardware type (write_lease prints the empty
 * address of hlen 1). dhcpd reads it back silently and keeps the lease (it
 * counts as having a hardware address), so it is a note, not damage.
 */
function typeOnlyHardwareNote(path: string, aggregates: Aggregates): Problem[] {
  const { count, first } = aggregates.typeOnlyHardware;
  if (count === 0) return [];
  return [
    {
      code: 'hardware-type-only',
      severity: 'info',
      line: lineOfOffset(path, first),
      column: 1,
      offset: first,
      message:
        `${count === 1 ? 'a declaration has' : `${count} declarations have, the first here,`} a hardware type with no address (\`hardware ethernet ;\`): ` +
        'dhcpd writes this after loading a lease cut right after its hardware type, and reads it back as it is (the client is no longer known by its MAC address)',
    },
  ];
}

/** The last whole declaration of the same lease or IA, which takes effect once the partial one is gone. */
function previousDeclaration(
  path: string,
  aggregates: Aggregates,
  lineMarks: readonly number[],
  kind: ScanFailure['kind'],
  key: string,
): Declaration | null {
  const address = kind === 'lease' ? ipv4Number(key) : null;
  const where =
    kind === 'lease'
      ? address === null
        ? null
        : aggregates.leases.get(address)
      : kind?.startsWith('ia-')
        ? (aggregates.ias.get(`${kind} ${key}`) ?? null)
        : null;
  if (!where) return null;
  const line = 'line' in where ? where.line : lineOfOffset(path, where.offset, lineMarks);
  return withOpenFile(path, (fd) => {
    const readAt = (offset: number, length: number): string => {
      const buffer = Buffer.allocUnsafe(length);
      const bytes = readSync(fd, buffer, 0, length, offset);
      return buffer.toString('latin1', 0, bytes);
    };
    return declarationAt(readAt, where.offset, line);
  });
}

function failoverSummary(d: Declaration): FailoverSummary {
  const f = d.failover;
  return {
    peer: d.key ?? '',
    myState: f?.myState ?? null,
    myStateAt: formatIso(f?.myStateAt ?? null),
    partnerState: f?.partnerState ?? null,
    partnerStateAt: formatIso(f?.partnerStateAt ?? null),
    mclt: f?.mclt ?? null,
    role: f?.mclt !== null && f?.mclt !== undefined ? 'secondary' : 'primary',
    line: d.line,
  };
}
