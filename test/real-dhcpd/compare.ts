// The rule every differential test applies: leasecheck's verdict against what
// the real dhcpd -T printed about the same bytes.
import type { CheckReport } from '../../src/check/types.js';
import type { DhcpdTestResult } from '../harness/index.js';
import type { DifferentialCase, Disagreement } from './known-differences.js';

/** The line where a file of these bytes ends (1-based). */
export function endLine(bytes: Uint8Array): number {
  let line = 1;
  for (const byte of bytes) if (byte === 10) line++;
  return line;
}

/**
 * `clean` exactly when dhcpd -T printed no parse warning; and a truncated tail on the
 * line of dhcpd's last located warning (where it met the end of file). Null when they agree.
 */
export function compareWithDhcpd(
  item: DifferentialCase,
  dhcpd: DhcpdTestResult,
  report: CheckReport,
): Disagreement | null {
  const dhcpdClean = dhcpd.warnings.length === 0;
  if (dhcpdClean !== (report.verdict === 'clean')) {
    const said = dhcpdClean
      ? 'no warnings'
      : dhcpd.warnings.map((w) => `line ${w.line ?? '-'}: ${w.message}`).join('; ');
    return {
      kind: 'verdict',
      case: item,
      dhcpd,
      report,
      detail: `leasecheck: ${report.verdict}; dhcpd -T: ${said}`,
    };
  }
  const lastLine = dhcpd.warnings.at(-1)?.line;
  if (report.verdict === 'truncated-tail' && lastLine != null) {
    const tail = report.problems.find((p) => p.code === 'truncated-tail');
    if (tail?.line !== lastLine) {
      return {
        kind: 'line',
        case: item,
        dhcpd,
        report,
        detail: `leasecheck puts the truncated tail at line ${tail?.line}, dhcpd -T's last warning is at line ${lastLine} (the file ends on line ${endLine(item.leases)})`,
      };
    }
  }
  return null;
}
