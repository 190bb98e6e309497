import type { CheckReport } from '../check/types.js';
import { bindingStates } from '../model/types.js';
import { summarise } from './summary.js';

export interface PrometheusOptions {
  /** The file's modification time, exported as leasecheck_file_mtime_seconds when known. */
  mtime?: Date | null;
  /** When the check ran; default: the report's `now`. */
  checkedAt?: Date;
}

/** Escapes a label value for the text exposition format. */
export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** One gauge in the text exposition format: its HELP and TYPE lines and a line per sample. */
export function metric(
  name: string,
  help: string,
  samples: Array<[Record<string, string>, number]>,
): string {
  let text = `# HELP ${name} ${help}\n# TYPE ${name} gauge\n`;
  for (const [labels, value] of samples) {
    const l = Object.entries(labels)
      .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
      .join(',');
    text += `${name}{${l}} ${value}\n`;
  }
  return text;
}

/**
 * The check as metrics in Prometheus' text exposition format, for
 * node_exporter's textfile collector (write it with --output, atomically).
 */
export function renderPrometheus(report: CheckReport, options: PrometheusOptions = {}): string {
  const file = { file: report.file };
  const s = summarise(report);
  const checkedAt = (options.checkedAt ?? new Date(report.now)).getTime() / 1000;
  const parts = [
    metric('leasecheck_file_ok', '1 when the lease file checks clean, else 0.', [
      [file, report.verdict === 'clean' ? 1 : 0],
    ]),
    metric('leasecheck_file_readable', '1 when leasecheck could read the lease file.', [[file, 1]]),
    metric(
      'leasecheck_verdict',
      'The check verdict: 1 for the current one (clean, truncated-tail, corrupt, being-written).',
      (['clean', 'truncated-tail', 'corrupt', 'being-written'] as const).map((v) => [
        { ...file, verdict: v },
        report.verdict === v ? 1 : 0,
      ]),
    ),
    metric(
      'leasecheck_leases',
      'Distinct leases (v4 addresses and v6 IA addresses) by binding state of their last declaration.',
      bindingStates.map((state) => [{ ...file, state }, s.byState[state]]),
    ),
    metric('leasecheck_problems', 'Problems found (errors and warnings).', [[file, s.problems]]),
    metric('leasecheck_file_bytes', 'Size of the lease file in bytes.', [[file, report.bytes]]),
    metric('leasecheck_last_check_timestamp_seconds', 'When the check ran, in Unix seconds.', [
      [file, checkedAt],
    ]),
  ];
  if (options.mtime) {
    parts.push(
      metric(
        'leasecheck_file_mtime_seconds',
        'When dhcpd last wrote the lease file, in Unix seconds.',
        [[file, options.mtime.getTime() / 1000]],
      ),
    );
  }
  return parts.join('');
}

/** The metrics of a check that could not read the file: not ok, not readable. */
export function renderPrometheusUnreadable(fileName: string, checkedAt: Date): string {
  const file = { file: fileName };
  return [
    metric('leasecheck_file_ok', '1 when the lease file checks clean, else 0.', [[file, 0]]),
    metric('leasecheck_file_readable', '1 when leasecheck could read the lease file.', [[file, 0]]),
    metric('leasecheck_last_check_timestamp_seconds', 'When the check ran, in Unix seconds.', [
      [file, checkedAt.getTime() / 1000],
    ]),
  ].join('');
}
