import { LeasecheckError } from '../errors.js';

/**
 * Parses `--since TIME`: ISO 8601 (`2026-11-28T12:52:00Z`, `2026-11-28 12:52:00`,
 * local time when no zone is given), `@SECONDS` since the epoch (as `date +@%s`
 * prints for `date -d`), or a relative `-90s` / `-15m` / `-2h` / `-1d` before `now`.
 */
export function parseSince(text: string, now: Date = new Date()): Date {
  const trimmed = text.trim();
  const epoch = /^@(\d+(?:\.\d+)?)$/.exec(trimmed);
  if (epoch) return new Date(Number(epoch[1]) * 1000);
  const relative = /^-(\d+)([smhd])$/.exec(trimmed);
  if (relative) {
    const unit = { s: 1, m: 60, h: 3600, d: 86400 }[relative[2] as 's' | 'm' | 'h' | 'd'];
    return new Date(now.getTime() - Number(relative[1]) * unit * 1000);
  }
  if (
    /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?)?(?:Z|[+-]\d\d:?\d\d)?$/.test(trimmed)
  ) {
    const date = new Date(
      trimmed.replace(' ', 'T').replace(/([+-]\d\d)(\d\d)$/, '$1:$2') +
        (/^\d{4}-\d\d-\d\d$/.test(trimmed) ? 'T00:00:00' : ''),
    );
    if (!Number.isNaN(date.getTime()) && onTheCalendar(trimmed)) return date;
  }
  throw new LeasecheckError(
    `--since ${text}: not a time (use ISO 8601 like 2026-11-28T12:52:00Z, @EPOCH-SECONDS, or -15m)`,
    16,
  );
}

/**
 * Whether the date and time written exist: Date reads 2026-02-30 as March 2
 * and 24:30 as the next day, and a mistyped --since must not silently move.
 */
function onTheCalendar(text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  const time = /^.{10}[T ](\d\d):(\d\d)(?::(\d\d))?/.exec(text);
  if (!time) return true;
  return Number(time[1]) <= 23 && Number(time[2]) <= 59 && Number(time[3] ?? 0) <= 59;
}
