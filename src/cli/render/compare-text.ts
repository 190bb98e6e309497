import type { CompareReport } from '../../omapi/types.js';
import { paint, type CliIo } from '../io.js';

const article = (word: string): string => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** `compare`'s text report: the verdict, each difference, then the offers dhcpd never committed. */
export function renderCompareText(io: CliIo, report: CompareReport): string {
  const lines: string[] = [];
  const plural = (n: number): string => `${n} address${n === 1 ? '' : 'es'}`;
  const scope =
    report.compared === report.addresses
      ? plural(report.compared)
      : `${report.compared} of ${plural(report.addresses)} (the latest written)`;
  const looked =
    report.unlisted === null
      ? scope
      : `${scope}, and ${plural(report.unlisted)} of the config's ranges the file does not name`;
  const differing = new Set(report.differences.map((d) => d.address)).size;
  if (!report.agree) {
    lines.push(
      `${report.file}: ${paint(io, 'red', `${differing} address${differing === 1 ? '' : 'es'} differ`)} from dhcpd at ${report.server} (${looked})`,
    );
  } else if (report.complete) {
    lines.push(
      `${report.file}: ${paint(io, 'green', 'agrees')} with dhcpd at ${report.server} (${looked})`,
    );
  } else {
    lines.push(
      `${report.file}: ${paint(io, 'yellow', 'not established')}: the file's ${plural(report.compared)} agree with dhcpd at ${report.server}, but a lease dhcpd holds and the file lacks cannot be found without the ranges; give --config DHCPD.CONF`,
    );
  }
  for (const d of report.differences) {
    let detail: string;
    if (d.field === 'presence' && d.file === null) {
      const hardware = d.serverHardware ? `, hardware ${d.serverHardware}` : '';
      const ends = d.serverEnds ? `, ends ${d.serverEnds}` : '';
      detail = `dhcpd holds ${article(d.server ?? '')} ${d.server} lease${hardware}${ends}; the file has none`;
    } else if (d.field === 'presence') {
      detail = `the file has ${article(d.file ?? '')} ${d.file} lease (line ${d.line}); dhcpd has none`;
    } else {
      detail = `${d.field}: file ${d.file ?? '(none)'} (line ${d.line}), dhcpd ${d.server ?? '(none)'}`;
    }
    lines.push(`  ${d.address}  ${detail}`);
  }
  if (report.unwritten.length > 0) {
    const n = report.unwritten.length;
    lines.push(
      `info: ${plural(n)} hold${n === 1 ? 's' : ''} an offer dhcpd made and never committed (no DHCPREQUEST came; dhcpd writes a lease only when it acknowledges it): not a difference`,
    );
    for (const note of report.unwritten) {
      const where = note.line === null ? 'not in the file' : `file line ${note.line}`;
      lines.push(
        `  ${note.address}  ${note.state}, offered to ${note.hardware ?? '(no hardware)'} at ${note.offeredAt ?? '?'} until ${note.ends ?? '?'} (${where})`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
