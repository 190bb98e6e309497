/**
 * Dates as dhcpd reads and writes them in lease files.
 *
 * Reading mirrors common/parse.c parse_date_core: `W YYYY/MM/DD HH:MM:SS`
 * (UTC, weekday ignored) with an optional timezone offset in seconds,
 * `never`, and `epoch N` (db-time-format local). Writing mirrors
 * common/print.c print_time. All values are seconds since the epoch;
 * `never` is Infinity, as in the Declaration record.
 */

import { zeroPadded } from './iso-time.js';

/** dhcpd's MAX_TIME (includes/dhcpd.h): what `never` and every date from 2038 on become inside dhcpd. */
export const DHCPD_MAX_TIME = 0x7fffffff;

/** Cumulative days before each month (Feb..Dec), as parse_date_core's table. */
const daysBeforeMonth = [31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** The numeric fields of a `W YYYY/MM/DD HH:MM:SS [TZOFF]` date, as written (month 1-12). */
export interface DateFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  tzOffset?: number;
}

/** C `int` arithmetic: wrap to 32 bits, as dhcpd's `int guess` does. */
function int32(n: number): number {
  return n | 0;
}

/** C integer division (truncates toward zero). */
function cdiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

/**
 * The epoch seconds dhcpd computes for these fields. It uses its own
 * arithmetic, not a calendar: no range checks, years from 2038 on become
 * `never` (parse_date_core returns MAX_TIME), two-digit-ish years count from 1900.
 */
export function dhcpdTimeFromFields(f: DateFields): number {
  let year = f.year;
  if (year > 1900) year -= 1900;
  if (year >= 138) return Infinity;
  const mon = f.month - 1;
  const monthDays = mon > 0 ? (daysBeforeMonth[mon - 1] ?? Number.NaN) : 0;
  if (Number.isNaN(monthDays)) return Number.NaN; // month > 12: dhcpd reads past its table
  const leapToday = mon > 1 && ((year - 72) & 3) === 0 ? 1 : 0;
  const days = 365 * (year - 70) + cdiv(year - 69, 4) + monthDays + leapToday + f.day - 1;
  return int32(((days * 24 + f.hour) * 60 + f.minute) * 60 + f.second + (f.tzOffset ?? 0));
}

/** C's isspace in the C locale: space, \t, \n, \v, \f, \r. */
function isCSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** Below 2^53: a decimal of at most this many digits is exact as a double. */
const EXACT_DIGITS = 15;

/**
 * `atoi` on a decimal token: glibc reads it with strtol (clamped to 64 bits), then truncates to int.
 * A token of up to 15 digits (every date field, every epoch) is read with
 * a loop: `| 0` is the same truncation to 32 bits for a value a double
 * holds exactly. Longer ones go through BigInt (slowBigAtoi), the
 * reference the loop is held to (test/model/dhcpd-dates.test.ts).
 */
export function cAtoi(token: string): number {
  let i = 0;
  while (i < token.length && isCSpace(token.charCodeAt(i))) i++;
  const sign = token.charCodeAt(i);
  const negative = sign === 45; // -
  if (negative || sign === 43) i++; // +
  const first = i;
  let value = 0;
  for (; i < token.length; i++) {
    const digit = token.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  if (i - first > EXACT_DIGITS) return slowBigAtoi(token);
  return negative ? -value | 0 : value | 0;
}

/** cAtoi through BigInt: any length of digits, clamped to 64 bits as strtol does. */
export function slowBigAtoi(token: string): number {
  const m = /^\s*([+-]?\d+)/.exec(token);
  if (!m || m[1] === undefined) return 0;
  let v = BigInt(m[1]);
  const max = (1n << 63n) - 1n;
  const min = -(1n << 63n);
  if (v > max) v = max;
  if (v < min) v = min;
  return Number(BigInt.asIntN(32, v));
}

const utcDate =
  /^\s*(\d+)\s+(-?\d+)\s*\/\s*(-?\d+)\s*\/\s*(-?\d+)\s+(-?\d+)\s*:\s*(-?\d+)\s*:\s*(-?\d+)(?:\s+(-?\d+))?\s*;?\s*$/;
const epochDate = /^\s*epoch\s+(-?\d+)\s*;?\s*(?:#[^\n]*)?$/i;
const neverDate = /^\s*never\s*;?\s*$/i;

/**
 * Parse a date as it appears after `starts`/`ends`/`cltt`/… (with or without
 * the keyword's trailing `;`, and for `epoch` the `# …` comment). Returns
 * epoch seconds, Infinity for `never` and years from 2038, or null when the
 * text is not a date dhcpd would read.
 */
export function parseDhcpdDate(text: string): number | null {
  if (neverDate.test(text)) return Infinity;
  const e = epochDate.exec(text);
  if (e?.[1] !== undefined) return cAtoi(e[1]);
  const m = utcDate.exec(text);
  if (!m) return null;
  const n = (i: number): number => cAtoi(m[i] ?? '0');
  const t = dhcpdTimeFromFields({
    year: n(2),
    month: n(3),
    day: n(4),
    hour: n(5),
    minute: n(6),
    second: n(7),
    tzOffset: m[8] === undefined ? 0 : n(8),
  });
  return Number.isNaN(t) ? null : t;
}

/**
 * The body of a UTC date as dhcpd writes it: `6 2026/11/28 12:52:06`
 * (strftime `%w %Y/%m/%d %H:%M:%S`), or `never` for Infinity / MAX_TIME.
 */
export function formatDhcpdDate(seconds: number): string {
  if (seconds === Infinity || seconds === DHCPD_MAX_TIME) return 'never';
  const d = new Date(seconds * 1000);
  return (
    `${d.getUTCDay()} ${d.getUTCFullYear()}/${zeroPadded(d.getUTCMonth() + 1)}/${zeroPadded(d.getUTCDate())} ` +
    `${zeroPadded(d.getUTCHours())}:${zeroPadded(d.getUTCMinutes())}:${zeroPadded(d.getUTCSeconds())}`
  );
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Exactly what print_time returns after `starts ` etc., semicolon included:
 * `6 2026/11/28 12:52:06;`, `never;`, or with `db-time-format local`
 * `epoch 1795870454; # Sat Nov 28 12:54:14 2026`. dhcpd writes the comment in
 * the server's local time zone; this writes it in UTC unless given an offset
 * (seconds east of UTC) for the server's zone.
 */
export function formatDhcpdTime(
  seconds: number,
  options: { format?: 'utc' | 'local'; zoneOffsetSeconds?: number } = {},
): string {
  if (seconds === Infinity || seconds === DHCPD_MAX_TIME) return 'never;';
  if (options.format !== 'local') return `${formatDhcpdDate(seconds)};`;
  const d = new Date((seconds + (options.zoneOffsetSeconds ?? 0)) * 1000);
  const comment =
    `# ${weekdays[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${zeroPadded(d.getUTCDate())} ` +
    `${zeroPadded(d.getUTCHours())}:${zeroPadded(d.getUTCMinutes())}:${zeroPadded(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
  return `epoch ${seconds}; ${comment}`;
}
