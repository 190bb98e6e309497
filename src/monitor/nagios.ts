import type { CheckReport } from '../check/types.js';
import { parseNagiosRange, rangeAlerts, type NagiosRange } from './nagios-range.js';
import { ageSeconds, summarise } from './summary.js';

/** Monitoring-plugin exit codes (nagios-plugins guidelines). */
export const NagiosStatus = { OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 } as const;
export type NagiosStatusName = keyof typeof NagiosStatus;

export interface NagiosOptions {
  /**
   * `-w`/`-c`: Nagios ranges on the seconds since the file was last written
   * (as check_file_age's): `7200` is WARNING when older than two hours.
   */
  warning?: NagiosRange;
  critical?: NagiosRange;
  /** Seconds since the last write after which the status is WARNING / CRITICAL (the range `N`). */
  warningAge?: number;
  criticalAge?: number;
  /** The file's modification time (the check report does not carry it). */
  mtime?: Date | null;
}

export interface NagiosResult {
  status: NagiosStatusName;
  exitCode: 0 | 1 | 2 | 3;
  /** One status line plus perfdata, newline-terminated. */
  text: string;
}

function perf(label: string, value: number, uom = '', warn = '', crit = ''): string {
  return `${label}=${value}${uom};${warn};${crit};0;`;
}

function worst(a: NagiosStatusName, b: NagiosStatusName): NagiosStatusName {
  return NagiosStatus[a] >= NagiosStatus[b] ? a : b;
}

/** The age threshold: the range given, else `--warning-age N` as the range `N`. */
function ageRange(range: NagiosRange | undefined, seconds: number | undefined): NagiosRange | null {
  if (range) return range;
  return seconds === undefined ? null : parseNagiosRange(String(seconds));
}

/** A range as the admin reads it in the status line: `above 3600s`, `below 60s`, `range @60:3600`. */
function describeRange(range: NagiosRange): string {
  if (!range.inside && range.low <= 0 && range.high !== Infinity) return `above ${range.high}s`;
  if (!range.inside && range.high === Infinity) return `below ${range.low}s`;
  return `range ${range.text}`;
}

function result(status: NagiosStatusName, message: string, perfdata: string): NagiosResult {
  const line = `LEASECHECK ${status} - ${message.replace(/[|\n]/g, ' ')}${perfdata ? ` | ${perfdata}` : ''}\n`;
  return { status, exitCode: NagiosStatus[status], text: line };
}

/** A check that could not run (unreadable file…): UNKNOWN, as the plugin guidelines say. */
export function renderNagiosUnknown(file: string, message: string): NagiosResult {
  return result('UNKNOWN', `${file}: ${message}`, '');
}

/**
 * The monitoring-plugin output of a check: `LEASECHECK OK|WARNING|CRITICAL -
 * …` with performance data. A truncated tail or a corruption is CRITICAL;
 * a file not rewritten for longer than expected is WARNING or CRITICAL.
 */
export function renderNagios(report: CheckReport, options: NagiosOptions = {}): NagiosResult {
  const s = summarise(report);
  const now = new Date(report.now);
  const age = ageSeconds(now, options.mtime);
  let status: NagiosStatusName = 'OK';
  const reasons: string[] = [];

  if (report.verdict === 'truncated-tail') {
    status = 'CRITICAL';
    const t = report.truncated;
    reasons.push(
      `truncated tail at line ${t?.line ?? '?'}${t?.key ? ` (${t.kind ?? 'declaration'} ${t.key})` : ''}; run leasecheck repair`,
    );
  } else if (report.verdict === 'corrupt') {
    status = 'CRITICAL';
    const first = report.problems.find((p) => p.severity === 'error');
    reasons.push(
      `corrupt: ${s.problems}${report.problemsTruncated ? '+' : ''} problem(s)${first ? `, first at line ${first.line}: ${first.message}` : ''}`,
    );
  } else if (report.verdict === 'being-written') {
    status = 'WARNING';
    reasons.push('being written by dhcpd right now; check again');
  } else if (s.problems > 0) {
    status = 'WARNING';
    reasons.push(`${s.problems} warning(s)`);
  }

  const warning = ageRange(options.warning, options.warningAge);
  const critical = ageRange(options.critical, options.criticalAge);
  if (age !== null) {
    if (critical && rangeAlerts(critical, age)) {
      status = worst(status, 'CRITICAL');
      reasons.push(`not written for ${age}s (critical ${describeRange(critical)})`);
    } else if (warning && rangeAlerts(warning, age)) {
      status = worst(status, 'WARNING');
      reasons.push(`not written for ${age}s (warning ${describeRange(warning)})`);
    }
  }

  const summary = `${report.file}: ${reasons.length ? reasons.join('; ') : 'clean'}, ${s.leases} leases (${s.byState.active} active, ${s.byState.free} free, ${s.byState.backup} backup)`;
  const perfdata = [
    perf('leases', s.leases),
    perf('active', s.byState.active),
    perf('free', s.byState.free),
    perf('backup', s.byState.backup),
    perf('bytes', report.bytes, 'B'),
    perf('problems', s.problems),
    ...(age !== null ? [perf('age', age, 's', warning?.text ?? '', critical?.text ?? '')] : []),
  ].join(' ');
  return result(status, summary, perfdata);
}
