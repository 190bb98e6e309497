import type { LineRef } from '../../log/index.js';
import type { VerifyReport } from '../../verify/types.js';
import { diagnosticLine } from './diagnostic.js';
import { plain, type Style } from './style.js';

function at(ref: LineRef): string {
  return `${ref.source}:${ref.line}${ref.time ? ` (${ref.time})` : ''}`;
}

/** The text `leasecheck verify` prints: verdict, reference, each count logged vs found, findings. */
export function renderVerifyText(report: VerifyReport, style: Style = plain): string {
  const out: string[] = [];
  const verdict = report.consistent ? style('good', report.status) : style('bad', report.status);
  out.push(`${report.file}: ${verdict}`);
  const s = report.server;
  if (s) {
    const who = [
      s.host !== null ? `host ${s.host}` : null,
      s.pid !== null ? `pid ${s.pid}` : null,
      s.version !== null ? `dhcpd ${s.version}` : null,
      s.databaseFile !== null ? `database ${s.databaseFile}` : null,
    ].filter((x) => x !== null);
    if (who.length > 0) out.push(`  server: ${who.join(', ')}`);
  }
  if (report.reference) {
    out.push(
      `  reference: ${report.reference.kind} snapshot logged at ${at(report.reference.last)}`,
    );
    if (report.history.length > 0)
      out.push(`  older snapshots in the log: ${report.history.length}`);
  }
  if (report.counts.length > 0) {
    out.push('  counts (logged / found in the file):');
    for (const c of report.counts) {
      const lines = c.fileLines
        ? `file lines ${c.fileLines.first}-${c.fileLines.last}`
        : 'none in the file';
      const mark =
        c.status === 'ok'
          ? style('good', 'ok')
          : c.status === 'note'
            ? style('warn', 'note')
            : style('bad', c.status);
      out.push(
        `    ${c.what}: ${c.logged} / ${c.found}  ${mark}  (log ${c.log.source}:${c.log.line}; ${lines})`,
      );
    }
    const end = report.snapshot.endsBeforeLine;
    out.push(
      `  appended after the snapshot: ${report.snapshot.appended} declaration(s)${end !== null ? ` from line ${end}` : ''}`,
    );
    if (report.snapshot.startupServerDuid !== null) {
      out.push(
        `  server-duid at line ${report.snapshot.startupServerDuid}: written by dhcpd at start-up, after the snapshot`,
      );
    }
  }
  if (report.writer.file !== null || report.writer.log !== null) {
    out.push(`  writer: file ${report.writer.file ?? '?'}, log ${report.writer.log ?? '?'}`);
  }
  if (report.config) {
    const c = report.config;
    const problems = c.findings.length;
    out.push(
      `  with ${c.file}: ${problems === 0 ? 'every address, failover peer, class and group is known to it' : `${problems} thing(s) dhcpd would drop or warn about`}`,
    );
  }
  for (const c of report.candidates) {
    out.push(
      `  candidate: host ${c.host ?? '(none)'}, ${c.databaseFile ?? 'database file not logged'}, last line ${at(c.last)}`,
    );
  }
  for (const f of report.findings) {
    const label = f.severity === 'error' ? style('bad', 'error') : style('warn', 'note');
    const where = [
      f.fileLine !== undefined ? `file line ${f.fileLine}` : null,
      f.log ? `log ${at(f.log)}` : null,
    ]
      .filter((x) => x !== null)
      .join('; ');
    out.push(diagnosticLine({ indent: '  ', label, message: f.message, after: where }));
  }
  return `${out.join('\n')}\n`;
}
