/**
 * `pools --format nagios`: which ranges and shared networks are too full.
 * Thresholds are percentages of used addresses in the Nagios plugin range
 * syntax (`80` alerts above 80; `@10:20` inside; `~:90`…); `--warn-count`
 * and `--crit-count` are free addresses left. Given both, an alarm needs
 * both (as dhcpd-pools: big pools stay quiet while many addresses are left).
 */
import { parseNagiosRange, rangeAlerts, type NagiosRange } from '../monitor/nagios-range.js';
import type { PoolsReport, Usage } from './types.js';

export { parseNagiosRange, type NagiosRange };

export interface PoolsAlarmOptions {
  warning?: NagiosRange;
  critical?: NagiosRange;
  warnCount?: number;
  critCount?: number;
}

export type AlarmLevel = 'OK' | 'WARNING' | 'CRITICAL';

export interface PoolsAlarm {
  status: AlarmLevel | 'UNKNOWN';
  exitCode: 0 | 1 | 2 | 3;
  items: Array<{ what: 'range' | 'shared-network'; name: string; level: AlarmLevel; usage: Usage }>;
}

/** Default thresholds when none is given: dhcpd-pools' 80 and 90 percent. */
export const DEFAULT_WARNING = parseNagiosRange('80')!;
export const DEFAULT_CRITICAL = parseNagiosRange('90')!;

function level(usage: Usage, options: PoolsAlarmOptions): AlarmLevel {
  const hit = (range: NagiosRange | undefined, count: number | undefined): boolean => {
    const byPercent = range === undefined ? null : rangeAlerts(range, usage.percent);
    const byCount = count === undefined ? null : usage.free < count;
    if (byPercent === null && byCount === null) return false;
    return (byPercent ?? true) && (byCount ?? true);
  };
  if (hit(options.critical, options.critCount)) return 'CRITICAL';
  if (hit(options.warning, options.warnCount)) return 'WARNING';
  return 'OK';
}

/** Judges every range and shared network (an empty one, defining nothing, is left out). */
export function judgePools(report: PoolsReport, options: PoolsAlarmOptions): PoolsAlarm {
  const anyThreshold =
    options.warning ?? options.critical ?? options.warnCount ?? options.critCount;
  const effective =
    anyThreshold === undefined ? { warning: DEFAULT_WARNING, critical: DEFAULT_CRITICAL } : options;
  const items: PoolsAlarm['items'] = [
    ...report['shared-networks']
      .filter((s) => s.defined > 0)
      .map((s) => ({
        what: 'shared-network' as const,
        name: s.location,
        level: level(s, effective),
        usage: s,
      })),
    ...report.subnets
      .filter((r) => r.defined > 0)
      .map((r) => ({
        what: 'range' as const,
        name: r.range,
        level: level(r, effective),
        usage: r,
      })),
  ];
  const status: AlarmLevel = items.some((i) => i.level === 'CRITICAL')
    ? 'CRITICAL'
    : items.some((i) => i.level === 'WARNING') || report.problems.length > 0
      ? 'WARNING'
      : 'OK';
  return { status, exitCode: status === 'OK' ? 0 : status === 'WARNING' ? 1 : 2, items };
}
