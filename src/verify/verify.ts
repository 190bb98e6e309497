import type { Readable } from 'node:stream';
import { checkLeaseFile, type CheckReport } from '../check/index.js';
import { complaintEvents, LogHistory, readLogs, type LogEntry } from '../log/index.js';
import { complaintsSince } from './complaints.js';
import { compare } from './compare.js';
import { applyConfig, SnapshotRangeWatch, type LogContext, type VerifyConfig } from './config.js';
import { LineOrder } from './order.js';
import { selectServer, type SnapshotRef } from './select.js';
import { scanSnapshot, type Family } from './snapshot-scan.js';
import type {
  ComplaintSummary,
  CountWhat,
  Finding,
  SnapshotSummary,
  VerifyReport,
} from './types.js';

export interface VerifyOptions {
  /** dhcpd's logs: files, `-` for standard input, `.gz`; read as one history. */
  logs: readonly string[];
  /** With logs of several servers: the host to verify against. */
  host?: string;
  /** Reference time (RFC 3164's missing year; the file check's predictions). */
  now?: Date;
  stdin?: Readable;
  /** The file's check report when the caller already has one (`check --log`). */
  checkReport?: CheckReport;
  /** Chunk size for reading the lease file (tests). */
  chunkSize?: number;
  /** dhcpd.conf, loaded (`--config`): report what dhcpd would drop or warn about, and explain its counts. */
  config?: VerifyConfig;
}

/** The lines whose order verify needs: `Wrote` lines and dhcpd's complaints. */
function ordered(type: LogEntry['event']['type']): boolean {
  return type === 'wrote' || type === 'wrote-v6' || complaintEvents.has(type);
}

function familyOfFile(check: CheckReport): Family | undefined {
  const d = check.declarations;
  const v4 = d.lease > 0;
  const v6 = d['ia-na'] + d['ia-ta'] + d['ia-pd'] > 0;
  if (v4 && !v6) return 'v4';
  if (v6 && !v4) return 'v6';
  return undefined;
}

function summaryOf(ref: SnapshotRef): SnapshotSummary {
  const { group, family } = ref;
  return {
    kind: group.kind === 'startup' ? 'startup' : 'rewrite',
    family,
    first: group.first,
    last: group.last,
    leases: group.counts.leases ?? null,
    v6: group.v6,
  };
}

function checkPart(check: CheckReport): VerifyReport['check'] {
  // The first error, not a warning before it (a warning can precede a truncated tail).
  const first = check.problems.find((p) => p.severity === 'error') ?? check.problems[0];
  return {
    verdict: check.verdict,
    problems: check.problems.length,
    firstProblem: first ? { line: first.line, message: first.message } : null,
  };
}

/**
 * Holds a lease file against dhcpd's own account of what it wrote: the
 * newest `Wrote …` group of the server that wrote the file (the reference)
 * against the snapshot at the head of the file, the writer's version, and
 * dhcpd's complaints since. The file is read once more after the check,
 * streaming; only counts and the snapshot's addresses are kept.
 */
export async function verifyLeaseFile(path: string, options: VerifyOptions): Promise<VerifyReport> {
  const given = options.checkReport;
  // --config needs the check's configuration analysis: reuse the caller's report only when it has one.
  const check =
    given && (options.config === undefined || given.config)
      ? given
      : await checkLeaseFile(path, {
          ...(options.now ? { now: options.now } : {}),
          ...(options.config ? { config: options.config } : {}),
        });
  const history = new LogHistory();
  const order = new LineOrder();
  for await (const entry of readLogs(options.logs, { now: options.now, stdin: options.stdin })) {
    order.note(entry, ordered(entry.event.type));
    history.push(entry);
  }
  const fileFamily = familyOfFile(check);
  const report: VerifyReport = {
    file: path,
    status: 'consistent',
    consistent: true,
    check: checkPart(check),
    family: fileFamily ?? 'unknown',
    server: null,
    reference: null,
    history: [],
    candidates: [],
    counts: [],
    snapshot: { endsBeforeLine: null, appended: 0, startupServerDuid: null },
    writer: { file: check.writer.version, log: null, match: null },
    complaints: [],
    findings: [],
  };
  // Every outcome below ends here: --config's findings join the others before the status is set.
  const withConfig = (
    status: VerifyReport['status'] | null,
    log: LogContext,
    watch: SnapshotRangeWatch | null = null,
  ): VerifyReport => {
    if (options.config && check.config) {
      applyConfig(report, options.config, check.config, check.now, watch, log);
    }
    return finish(report, status);
  };
  const findings: Finding[] = report.findings;
  if (check.verdict !== 'clean') {
    findings.push({
      code: 'file-not-clean',
      severity: 'error',
      message: `the file does not check clean (${check.verdict}${report.check.firstProblem ? `: line ${report.check.firstProblem.line}: ${report.check.firstProblem.message}` : ''}); run \`leasecheck check\`; what follows verifies what can be`,
      ...(report.check.firstProblem ? { fileLine: report.check.firstProblem.line } : {}),
    });
  }

  const outcome = selectServer(history, {
    order,
    file: path,
    host: options.host,
    family: fileFamily,
  });
  if (outcome.kind === 'ambiguous') {
    report.candidates = outcome.candidates;
    findings.push({
      code: 'ambiguous',
      severity: 'error',
      message: `the log holds ${outcome.candidates.length} servers that could have written this file; name one with --host (${outcome.candidates.map((c) => `${c.host ?? '(no host)'}: ${c.databaseFile ?? 'database file not logged'}`).join('; ')})`,
    });
    return withConfig('ambiguous', { runs: [], order, reference: null });
  }
  if (outcome.kind === 'none') {
    findings.push({
      code: 'no-reference',
      severity: 'error',
      message: `nothing to verify against: ${outcome.reason}`,
    });
    addComplaints(report, complaintsSince(outcome.runs, null, order));
    return withConfig('no-reference', { runs: outcome.runs, order, reference: null });
  }

  const { snapshots, runs, incomplete } = outcome.selection;
  for (const ref of incomplete) {
    findings.push({
      code: 'incomplete-snapshot',
      severity: 'note',
      message:
        'a `Wrote` group ends without its `Wrote N leases` line: dhcpd gave up writing that snapshot (it installs none), so it is not a reference',
      log: ref.group.last,
    });
  }
  const reference = snapshots.at(-1) ?? null;
  addComplaints(report, complaintsSince(runs, reference, order));
  if (reference === null) {
    findings.push({
      code: 'no-reference',
      severity: 'error',
      message: `no complete \`Wrote\` group of this server in the log (${incomplete.length} incomplete)`,
    });
    return withConfig('no-reference', { runs, order, reference: null });
  }
  const run = reference.run;
  report.server = {
    host: run.host,
    pid: run.pid,
    databaseFile: run.databaseFile,
    configFile: run.configFile,
    version: run.version,
  };
  report.reference = summaryOf(reference);
  report.history = snapshots.slice(0, -1).map(summaryOf);

  const watch = options.config ? new SnapshotRangeWatch(options.config.plan) : null;
  const scan = scanSnapshot(
    path,
    reference.family,
    capsOf(reference),
    options.chunkSize,
    watch?.onDeclaration,
    reference.group.kind === 'startup',
    reference.group.last.time === null ? null : Date.parse(reference.group.last.time) / 1000,
  );
  compare(report, reference, scan);
  return withConfig(null, { runs, order, reference }, watch);
}

function addComplaints(report: VerifyReport, complaints: ComplaintSummary[]): void {
  report.complaints = complaints;
  for (const c of complaints) {
    report.findings.push({
      code: 'dhcpd-complaint',
      severity: 'error',
      message: `dhcpd logged ${c.count}× "${c.example}"${c.count > 1 ? ` (first ${describeTime(c.first)}, last ${describeTime(c.last)})` : ''}${c.type === 'commit-failed' ? ': leases acknowledged to clients may be missing from the file' : ''}`,
      log: c.first,
    });
  }
}

function describeTime(ref: { source: string; line: number; time: string | null }): string {
  return ref.time ?? `${ref.source}:${ref.line}`;
}

function capsOf(ref: SnapshotRef): Partial<Record<CountWhat, number>> {
  const { counts, v6 } = ref.group;
  return {
    ...(counts.leases !== undefined ? { leases: counts.leases } : {}),
    ...(counts['class-decls'] !== undefined ? { 'class-decls': counts['class-decls'] } : {}),
    ...(counts['group-decls'] !== undefined ? { 'group-decls': counts['group-decls'] } : {}),
    ...(counts['deleted-host-decls'] !== undefined
      ? { 'deleted-host-decls': counts['deleted-host-decls'] }
      : {}),
    ...(v6 ? { 'ia-na': v6.na, 'ia-ta': v6.ta, 'ia-pd': v6.pd } : {}),
  };
}

function finish(report: VerifyReport, status: VerifyReport['status'] | null): VerifyReport {
  const errors = report.findings.some((f) => f.severity === 'error');
  report.status = status ?? (errors ? 'inconsistent' : 'consistent');
  report.consistent = report.status === 'consistent';
  return report;
}
