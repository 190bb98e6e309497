/**
 * The one reader of times typed by a person (`--now`, `--since`): strict, so
 * that a mistyped time is an error and never a silently different moment.
 * Date.parse reads 2026-02-30 as March 2 and 24:30 as the next day; neither
 * is accepted here. A date or time without a zone is the machine's local time,
 * as `journalctl --since` and `date -d` read it (and as syslog writes it).
 *
 * Accepted:
 * - `now`;
 * - `@SECONDS` or `SECONDS` since the epoch (as `date +%s` prints);
 * - `-90s`, `-15m`, `-2h`, `-1d`: that long before now;
 * - ISO 8601: `2026-11-28T12:52:00Z`, `2026-11-28 12:52:00+01:00`,
 *   `2026-11-28T12:52` (seconds and fractions optional; no zone: local time),
 *   `2026-11-28` (local midnight);
 * - a time as dhcpd writes it in the lease file, which is UTC:
 *   `6 2026/11/28 12:52:06` (the weekday may be left out) or `epoch 1795870454`.
 */

/** What to type instead, for every error message. */
export const TIME_FORMS =
  'ISO 8601 (2026-11-28T12:52:00Z; local time without a zone), @EPOCH-SECONDS, -15m/-2h/-1d, or a lease-file date (6 2026/11/28 12:52:06, UTC)';

export type TimeArgument = { ok: true; date: Date } | { ok: false; reason: string };

const MAX_MS = 8.64e15;

export function parseTimeArgument(text: string, now: Date = new Date()): TimeArgument {
  const t = text.trim();
  if (t === 'now') return at(now.getTime());
  const epoch = /^(?:@|epoch\s+)?(\d+(?:\.\d+)?)$/.exec(t);
  if (epoch && (t.startsWith('@') || !epoch[1]!.includes('.'))) return at(Number(epoch[1]) * 1000);
  const relative = /^-(\d+)([smhd])$/.exec(t);
  if (relative) {
    const unit = { s: 1, m: 60, h: 3600, d: 86400 }[relative[2] as 's' | 'm' | 'h' | 'd'];
    return at(now.getTime() - Number(relative[1]) * unit * 1000);
  }
  const iso =
    /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/i.exec(t);
  if (iso) {
    const offset = iso[8] === undefined ? 'local' : zoneMinutes(iso[8]);
    return calendar(iso.slice(1, 7), Math.round(Number(iso[7] ?? 0) * 1000), offset);
  }
  const day = /^(\d{4})-(\d\d)-(\d\d)$/.exec(t);
  if (day) return calendar(day.slice(1, 4), 0, 'local');
  const lease = /^(?:[0-6]\s+)?(\d{4})\/(\d\d?)\/(\d\d?)\s+(\d\d?):(\d\d?):(\d\d?)$/.exec(t);
  if (lease) return calendar(lease.slice(1, 7), 0, 0);
  return fail('not a time');
}

function at(milliseconds: number): TimeArgument {
  return Math.abs(milliseconds) <= MAX_MS
    ? { ok: true, date: new Date(milliseconds) }
    : fail('out of the range of dates');
}

function fail(reason: string): TimeArgument {
  return { ok: false, reason };
}

function zoneMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

/** The moment the fields name, only when every field is on the calendar and the clock. */
function calendar(
  fields: (string | undefined)[],
  milliseconds: number,
  offsetMinutes: number | 'local',
): TimeArgument {
  // Hour, minute and second left out (a date alone, or HH:MM) are zero.
  const [year, month, day, hour, minute, second] = [0, 1, 2, 3, 4, 5].map((i) =>
    Number(fields[i] ?? 0),
  ) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) {
    return fail(
      `not a date on the calendar (${year}-${pad(month)} has ${month >= 1 && month <= 12 ? daysInMonth : 'no'} days)`,
    );
  }
  if (hour > 23 || minute > 59 || second > 59) return fail('not a time of day');
  if (offsetMinutes === 'local') {
    return at(new Date(year, month - 1, day, hour, minute, second, milliseconds).getTime());
  }
  if (Math.abs(offsetMinutes) > 14 * 60) return fail('a zone offset beyond ±14:00');
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
  return at(utc - offsetMinutes * 60_000);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
