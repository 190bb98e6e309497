/**
 * The monitoring-plugin range syntax of `-w`/`-c` (nagios-plugins
 * guidelines, "Threshold and ranges"): `N` alerts outside 0..N, `N:` below N,
 * `~:N` above N, `A:B` outside A..B, `@A:B` inside A..B. Shared by
 * `check --format nagios` (the lease file's age) and `pools --format nagios`
 * (percentage used).
 */

export interface NagiosRange {
  low: number;
  high: number;
  /** `@`: alert inside the range instead of outside. */
  inside: boolean;
  text: string;
}

/** Parses `[@][start:][end]` (start `~` = minus infinity), or null when it is not one. */
export function parseNagiosRange(text: string): NagiosRange | null {
  const m = /^(@)?(?:(~|-?\d+(?:\.\d+)?)?:)?(-?\d+(?:\.\d+)?)?$/.exec(text.trim());
  if (!m || text.trim() === '' || text.trim() === '@') return null;
  const hasColon = text.includes(':');
  const low = m[2] === undefined ? 0 : m[2] === '~' ? -Infinity : Number(m[2]);
  const high = m[3] === undefined ? Infinity : Number(m[3]);
  if (!hasColon && m[3] === undefined) return null;
  if (low > high) return null;
  return { low, high, inside: m[1] === '@', text: text.trim() };
}

/** Whether VALUE raises the alert of RANGE (outside it, or inside it with `@`). */
export function rangeAlerts(range: NagiosRange, value: number): boolean {
  const within = value >= range.low && value <= range.high;
  return range.inside ? within : !within;
}
