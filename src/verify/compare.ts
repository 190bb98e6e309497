import type { SnapshotRef } from './select.js';
import type { SnapshotScan, SnapshotEnd } from './snapshot-scan.js';
import type { CountComparison, CountWhat, VerifyReport } from './types.js';

/** The words dhcpd's log uses for each counter, for messages. */
const nouns: Record<CountWhat, string> = {
  leases: 'leases',
  'class-decls': 'class decls',
  'group-decls': 'group decls',
  'deleted-host-decls': 'deleted host decls',
  'dynamic-host-decls': 'new dynamic host decls',
  'ia-na': 'ia-na (NA)',
  'ia-ta': 'ia-ta (TA)',
  'ia-pd': 'ia-pd (PD)',
};

function describeEnd(end: SnapshotEnd | null): string {
  if (end === null) return 'nothing follows them: the file was cut short';
  const what = `${end.kind}${end.key !== null ? ` ${end.key}` : ''}`;
  switch (end.reason) {
    case 'duplicate':
      return `line ${end.line} (${what}) repeats the declaration at line ${end.duplicateOf}, so it was appended after the snapshot`;
    case 'repeated-peer':
      return `line ${end.line} (${what}) repeats a failover peer, so it was appended after the snapshot`;
    case 'count':
    case 'order':
    case 'after-server-duid':
      return `line ${end.line} (${what}) cannot belong to the snapshot, so the snapshot ends before it`;
  }
}

function logLineOf(ref: SnapshotRef, what: CountWhat): CountComparison['log'] {
  const { group } = ref;
  for (const l of group.lines) {
    if (l.event.type === 'wrote-v6' && what.startsWith('ia-')) return l.ref;
    if (l.event.type === 'wrote' && l.event.what === what) return l.ref;
  }
  return group.last;
}

/** Fills in the counts, the writer version and their findings. */
export function compare(report: VerifyReport, ref: SnapshotRef, scan: SnapshotScan): void {
  const { group } = ref;
  const logged: Array<[CountWhat, number]> = [];
  for (const what of [
    'class-decls',
    'group-decls',
    'deleted-host-decls',
    'dynamic-host-decls',
    'leases',
  ] as const) {
    const n = group.counts[what];
    if (n !== undefined) logged.push([what, n]);
  }
  if (group.v6) {
    logged.push(['ia-na', group.v6.na], ['ia-ta', group.v6.ta], ['ia-pd', group.v6.pd]);
  }
  for (const [what, n] of logged) {
    const tally = scan.tallies[what];
    const log = logLineOf(ref, what);
    const fileLines =
      tally.firstLine === null
        ? null
        : { first: tally.firstLine, last: tally.lastLine ?? tally.firstLine };
    let status: CountComparison['status'] =
      tally.found === n ? 'ok' : tally.found < n ? 'missing' : 'extra';
    if (what === 'dynamic-host-decls') {
      status = 'note';
      report.findings.push({
        code: 'dynamic-host-counter',
        severity: n > 0 ? 'error' : 'note',
        message:
          n > 0
            ? `dhcpd logged "Wrote ${n} new dynamic host decls", and that counter counts failed writes (server/mdb.c write_leases): ${n} dynamic host(s) could not be written; the snapshot holds ${tally.found}`
            : `"Wrote 0 new dynamic host decls" is not a count: dhcpd counts failed writes there (server/mdb.c write_leases); the snapshot holds ${tally.found} dynamic host(s)`,
        log,
      });
    } else if (status === 'missing') {
      report.findings.push({
        code: 'data-loss',
        severity: 'error',
        message: `dhcpd wrote ${n} ${nouns[what]} but the snapshot at the head of the file holds ${tally.found}: ${n - tally.found} lost; ${describeEnd(scan.end)}`,
        log,
        ...(scan.end ? { fileLine: scan.end.line } : {}),
      });
    } else if (status === 'extra') {
      const closedBy =
        scan.end === null
          ? ''
          : ` (up to line ${scan.end.line}, ${scan.end.kind}, which closes it)`;
      report.findings.push({
        code: 'count-mismatch',
        severity: 'error',
        message: `dhcpd wrote ${n} ${nouns[what]} but the snapshot holds ${tally.found}${closedBy}: ${tally.found - n} more than dhcpd wrote${what === 'leases' && scan.duplicates.length > 0 ? `, ${scan.duplicates.length} of them naming an address twice` : ''}`,
        log,
        ...(scan.end ? { fileLine: scan.end.line } : {}),
      });
    }
    if (what === 'class-decls' && scan.subclasses > 0) {
      report.findings.push({
        code: 'class-counter',
        severity: 'note',
        message: `the class counter leaves out subclasses (server/mdb.c write_leases): the snapshot also holds ${scan.subclasses} subclass declaration(s)`,
        log,
      });
    }
    report.counts.push({ what, logged: n, found: tally.found, status, log, fileLines });
  }
  for (const dup of scan.duplicates) {
    report.findings.push({
      code: 'duplicate-in-snapshot',
      severity: 'error',
      message: `lease ${dup.key} appears at lines ${dup.of} and ${dup.line} within the snapshot, which names each address once`,
      fileLine: dup.line,
    });
  }
  if (scan.end?.reason === 'duplicate' && report.findings.some((f) => f.code === 'data-loss')) {
    report.findings.push({
      code: 'duplicate-in-snapshot',
      severity: 'error',
      message: `${scan.end.kind} ${scan.end.key ?? ''} appears at lines ${scan.end.duplicateOf} and ${scan.end.line} within what should be the snapshot, which names each once`,
      fileLine: scan.end.line,
    });
  }
  report.snapshot = {
    endsBeforeLine: scan.end?.line ?? null,
    appended: scan.appended,
    startupServerDuid: scan.startupServerDuid,
  };

  const fileVersion = scan.summary.writerVersion ?? report.writer.file;
  const logVersion = ref.run.version;
  report.writer = {
    file: fileVersion,
    log: logVersion,
    match: fileVersion !== null && logVersion !== null ? fileVersion === logVersion : null,
  };
  if (report.writer.match === false) {
    report.findings.push({
      code: 'writer-version',
      severity: 'error',
      message: `the file was written by isc-dhcp-${fileVersion}, but the server in the log is ${logVersion}: this file is not the one it wrote`,
      fileLine: 2,
      ...(ref.run.banner ? { log: ref.run.banner } : {}),
    });
  } else if (fileVersion === null) {
    report.findings.push({
      code: 'writer-version',
      severity: 'note',
      message: 'the file has no "# This lease file was written by isc-dhcp-…" header line',
    });
  }
}
