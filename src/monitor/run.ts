import { statSync } from 'node:fs';
import type { CheckReport } from '../check/types.js';
import { LeasecheckError } from '../errors.js';
import { writeFileAtomic } from '../repair/atomic-replace.js';
import { renderNagios, renderNagiosUnknown } from './nagios.js';
import type { NagiosRange } from './nagios-range.js';
import { renderPrometheus, renderPrometheusUnreadable } from './prometheus.js';

export type MonitorFormat = 'nagios' | 'prometheus';

export interface MonitorOptions {
  format: MonitorFormat;
  now: Date;
  /** Nagios ranges on the file's age in seconds (-w/-c); nagios only. */
  warning?: NagiosRange;
  critical?: NagiosRange;
  /** Seconds; nagios only. */
  warningAge?: number;
  criticalAge?: number;
  /** Write the output here atomically (temp file, fsync, rename) instead of returning it for stdout. */
  output?: string;
  maxProblems?: number;
}

export interface MonitorResult {
  /** What to print on stdout (empty when written to --output). */
  text: string;
  /** nagios: 0/1/2/3 (plugin convention). prometheus: 0 when the metrics were produced, whatever the verdict. */
  exitCode: number;
}

type Check = (path: string, options: { now?: Date; maxProblems?: number }) => Promise<CheckReport>;

/**
 * `check --format nagios|prometheus`: runs the check and renders it for a
 * monitoring system. An unreadable file is UNKNOWN (nagios) or
 * `leasecheck_file_readable 0` (prometheus), never a stack trace.
 */
export async function runMonitorCheck(
  file: string,
  options: MonitorOptions,
  check: Check,
): Promise<MonitorResult> {
  let report: CheckReport | null = null;
  let failure: string | null = null;
  let mtime: Date | null = null;
  try {
    mtime = statSync(file).mtime;
    report = await check(file, { now: options.now, maxProblems: options.maxProblems });
  } catch (error) {
    if (error instanceof LeasecheckError) failure = error.message.replace(`${file}: `, '');
    else if ((error as NodeJS.ErrnoException).code) {
      failure =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'no such file'
          : (error as Error).message;
    } else throw error;
  }
  let text: string;
  let exitCode: number;
  if (options.format === 'nagios') {
    const r = report
      ? renderNagios(report, {
          mtime,
          ...(options.warning ? { warning: options.warning } : {}),
          ...(options.critical ? { critical: options.critical } : {}),
          warningAge: options.warningAge,
          criticalAge: options.criticalAge,
        })
      : renderNagiosUnknown(file, failure ?? 'unknown error');
    text = r.text;
    exitCode = r.exitCode;
  } else {
    text = report
      ? renderPrometheus(report, { mtime })
      : renderPrometheusUnreadable(file, options.now);
    exitCode = 0;
  }
  if (options.output) {
    try {
      writeFileAtomic(options.output, text);
    } catch (error) {
      if (error instanceof LeasecheckError) throw error;
      throw new LeasecheckError(`${options.output}: ${(error as Error).message}`);
    }
    return { text: '', exitCode };
  }
  return { text, exitCode };
}
