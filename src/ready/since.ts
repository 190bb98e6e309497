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
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new LeasecheckError(
    `--since ${text}: not a time (use ISO 8601 like 2026-11-28T12:52:00Z, @EPOCH-SECONDS, or -15m)`,
    16,
  );
}
