import type { CheckReport } from '../check/types.js';
import { bindingStates, type BindingState } from '../model/types.js';

/** Lease counts both renderers show: v4 leases and v6 addresses together, by binding state. */
export interface LeaseSummary {
  leases: number;
  byState: Record<BindingState, number>;
  problems: number;
}

export function summarise(report: CheckReport): LeaseSummary {
  const byState = Object.fromEntries(bindingStates.map((s) => [s, 0])) as Record<
    BindingState,
    number
  >;
  for (const s of bindingStates) {
    byState[s] = (report.leases.byState[s] ?? 0) + (report.ia.byState[s] ?? 0);
  }
  return {
    leases: report.leases.distinct + report.ia.addresses,
    byState,
    problems: report.problems.filter((p) => p.severity !== 'info').length,
  };
}

/** Seconds since the file was last written, or null when its time is unknown. */
export function ageSeconds(now: Date, mtime: Date | null | undefined): number | null {
  if (!mtime) return null;
  return Math.max(0, Math.round((now.getTime() - mtime.getTime()) / 1000));
}
