import { formatIso } from '../../check/time.js';
import type { CheckReport } from '../../check/types.js';
import { paint, type CliIo } from '../io.js';
import { diagnosticLine } from './diagnostic.js';

/** `leasecheck check` for people. */
export function renderCheckText(report: CheckReport, io: CliIo): string {
  const out: string[] = [];
  const verdictColour = report.verdict === 'clean' ? 'green' : 'red';
  out.push(`${report.file}: ${paint(io, verdictColour, paint(io, 'bold', report.verdict))}`);
  for (const problem of report.problems) {
    out.push('');
    out.push(
      diagnosticLine({
        label: paint(io, 'red', problem.severity),
        code: problem.code,
        where: `line ${problem.line}, column ${problem.column} (byte ${problem.offset})`,
        message: problem.message,
      }),
    );
    if (problem.frame) out.push(paint(io, 'dim', problem.frame));
  }
  if (report.problemsTruncated) out.push(`… more problems not listed (raise --max-problems)`);
  const t = report.truncated;
  if (t) {
    out.push('');
    if (t.kind === null) {
      out.push(paint(io, 'bold', 'Junk at the tail'));
      out.push(
        `  The ${t.length} bytes from line ${t.line} (byte ${t.offset}) to the end of the file are not a declaration, and hold none.`,
      );
    } else {
      out.push(paint(io, 'bold', 'Truncated tail'));
      out.push(
        `  The last declaration (${t.kind}${t.key ? ` ${t.key}` : ''}, line ${t.line}, byte ${t.offset}) is cut off after ${t.length} bytes.`,
      );
      out.push(
        `  Complete statements: ${t.completeStatements.length ? t.completeStatements.join(', ') : 'none'}; the file ends ${t.cutInside ? `inside "${t.cutInside}"` : 'between statements'}.`,
      );
    }
    if (t.previous) {
      const p = t.previous;
      out.push(
        t.kind?.startsWith('ia-')
          ? // A cut IA's complete blocks may already have ended the earlier copy's bindings (see below).
            `  The earlier declaration of this IA is at line ${p.line}: binding state ${p.bindingState ?? 'none'}, ends ${formatTime(p.ends)}.`
          : `  Once it is removed, the earlier declaration at line ${p.line} takes effect: binding state ${p.bindingState ?? 'none'}, ends ${formatTime(p.ends)}, ${p.hardware ? `hardware ${p.hardware}` : p.uid ? `uid ${p.uid}` : 'no hardware address'}.`,
      );
    } else if (t.key) {
      out.push(
        `  No earlier declaration of ${t.key} exists: once it is removed, dhcpd will not know this ${t.kind}.`,
      );
    }
    out.push(`  What dhcpd does with it now (at ${report.now}): ${t.dhcpd.explanation}`);
    out.push(
      // repair rewrites a file in place: standard input must be saved to one first.
      `  Fix: leasecheck repair ${report.file === '-' ? 'FILE (the input saved to a file)' : report.file}   (shows the change; add --write to apply it)`,
    );
  }
  out.push('');
  out.push(summaryLine(report));
  for (const f of report.failover) {
    out.push(
      `failover peer "${f.peer}": this server is ${f.role}; my state ${f.myState ?? '?'}${f.myStateAt ? ` at ${f.myStateAt}` : ''}, partner state ${f.partnerState ?? '?'}${f.partnerStateAt ? ` at ${f.partnerStateAt}` : ''}${f.mclt !== null ? `, mclt ${f.mclt}` : ''} (line ${f.line})`,
    );
  }
  if (report.config) {
    const c = report.config;
    out.push('');
    out.push(paint(io, 'bold', `With ${c.file}`));
    for (const finding of c.findings) {
      out.push(
        diagnosticLine({
          indent: '  ',
          label: paint(io, 'yellow', finding.code),
          where: `line ${finding.line}`,
          message: finding.message,
        }),
      );
    }
    if (c.findings.length === 0)
      out.push('  every address, failover peer, class and group is known to it');
    if (c.wrote.na !== undefined) {
      // dhcpd -6 (server/mdb6.c write_leases6): one line for the three kinds of IA.
      out.push(
        `  dhcpd -6 would log "Wrote ${c.wrote.na} NA, ${c.wrote.ta ?? 0} TA, ${c.wrote.pd ?? 0} PD leases to lease file." at ${report.now}`,
      );
    } else {
      out.push(
        `  dhcpd would log "Wrote ${c.wrote.written} leases to leases file." at ${report.now}` +
          ` (${c.wrote.notWritten} free leases it keeps but does not write, ${c.wrote.noSubnet} dropped with "no subnet")`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

function summaryLine(report: CheckReport): string {
  const kinds = Object.entries(report.declarations)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const states = Object.entries(report.leases.byState)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const parts = [
    `${report.bytes} bytes`,
    `declarations: ${kinds || 'none'}`,
    `leases: ${report.leases.distinct} addresses${states ? ` (${states})` : ''}`,
  ];
  if (report.ia.distinct > 0)
    parts.push(`IAs: ${report.ia.distinct} (${report.ia.addresses} addresses)`);
  parts.push(`writer: ${report.writer.version ?? 'unknown'}`);
  parts.push(`dates: ${report.timeFormat}`);
  return parts.join('; ');
}

function formatTime(seconds: number | null): string {
  return formatIso(seconds) ?? 'unset';
}
