import type { FuzzReport } from '../../fuzz/index.js';
import { paint, type CliIo } from '../io.js';

function indent(text: string, prefix: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

/** `leasecheck fuzz` for people: the verdict, and the shrunk disagreement with how to reproduce it. */
export function renderFuzzReport(io: CliIo, report: FuzzReport): string {
  const lines: string[] = [];
  const d = report.disagreement;
  const what = `${report.tried} generated file${report.tried === 1 ? '' : 's'} (${report.kinds.join(', ')}; ${report.family}; seed ${report.seed})`;
  if (!d) {
    lines.push(
      `${paint(io, 'green', 'no disagreement')}: ${report.command} agreed with leasecheck on ${what}`,
    );
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `${paint(io, 'red', 'disagreement')} after ${what}, shrunk ${d.shrinks} time${d.shrinks === 1 ? '' : 's'}:`,
  );
  lines.push('');
  const lc = d.leasecheck.error
    ? `error: ${d.leasecheck.error}`
    : `${d.leasecheck.verdict}${d.leasecheck.warnings > 0 ? ` with ${d.leasecheck.warnings} warning(s)` : ''} (${d.leasecheck.accepts ? 'accepts' : 'rejects'})`;
  const readerSays = d.reader.timedOut
    ? 'timed out'
    : d.reader.warningsMatched !== null
      ? `${d.reader.warningsMatched ? 'printed warnings matching --expect-warnings' : 'printed no matching warning'} (exit ${d.reader.exitCode ?? d.reader.signal})`
      : `exit ${d.reader.exitCode ?? d.reader.signal}`;
  lines.push(`  file        ${d.file}  (${d.kind}, ${d.family}${d.damage ? `; ${d.damage}` : ''})`);
  lines.push(`  config      ${d.config}`);
  lines.push(`  leasecheck  ${lc}`);
  lines.push(`  reader      ${readerSays} (${d.reader.accepts ? 'accepts' : 'rejects'})`);
  if (d.reader.output.trim() !== '')
    lines.push('  reader output:', indent(d.reader.output, '    | '));
  lines.push('', '  reproduce:', `    ${d.reproduce}`);
  return `${lines.join('\n')}\n`;
}
