import type { PairReport, PairSide } from '../../pair/index.js';
import { paint, type CliIo } from '../io.js';
import { diagnosticLine } from './diagnostic.js';

function sideLine(label: string, width: number, side: PairSide | null): string {
  const where = side ? `${side.file}:${side.line}` : '(absent)';
  return `    ${label.padEnd(width)}  ${where}  ${side ? side.value : ''}`.trimEnd();
}

/** `pair`'s text report: the verdict, then each finding with both sides' lines. */
export function renderPairText(io: CliIo, report: PairReport): string {
  const lines: string[] = [];
  const count = report.findings.length;
  lines.push(
    report.identical
      ? `${report.primaryFile} and ${report.secondaryFile}: ${paint(io, 'green', 'mirrored failover peers and identical address plans')}`
      : `${report.primaryFile} and ${report.secondaryFile}: ${paint(io, 'red', `${count} difference${count === 1 ? '' : 's'}`)}`,
  );
  // Labels name roles only when the files' failover roles tell them apart.
  const [one, two] = report.byRole ? ['primary', 'secondary'] : ['first', 'second'];
  if (report.swapped) {
    lines.push(`  (the secondary's file was given first: shown by role)`);
  }
  const width = Math.max(one.length, two.length);
  for (const finding of report.findings) {
    lines.push('', diagnosticLine({ indent: '  ', message: finding.message }));
    lines.push(sideLine(one, width, finding.primary));
    lines.push(sideLine(two, width, finding.secondary));
  }
  for (const advice of report.advice) lines.push('', paint(io, 'yellow', advice));
  return `${lines.join('\n')}\n`;
}
