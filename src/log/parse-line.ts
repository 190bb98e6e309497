import type { LogLine } from './types.js';

/** Context a line needs that the line itself does not carry. */
export interface LineContext {
  source: string;
  line: number;
  /** RFC 3164 timestamps have no year: the year is chosen so the time is not after `now` (+1 day). */
  now?: Date;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// `<30>` is present when syslog is read off the wire or written raw by some
// daemons; microseconds in journalctl -o short-precise.
const rfc3164 =
  /^(?:<\d{1,3}>)?((Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?) (\S+) ([^\s[:]+)(?:\[(\d+)\])?: ?(.*)$/;

// journalctl -o short-full: `Sat 2026-11-28 21:36:53 CET`, local time named by its zone's abbreviation.
const journalFull =
  /^((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))? ([A-Za-z][\w+-]*)) (\S+) ([^\s[:]+)(?:\[(\d+)\])?: ?(.*)$/;

// journalctl -o short-unix: seconds since the epoch, with microseconds.
const journalUnix = /^(\d{1,12}\.\d{6}) (\S+) ([^\s[:]+)(?:\[(\d+)\])?: ?(.*)$/;

// journalctl -o short-monotonic / short-delta: seconds since boot, no wall time.
const journalMonotonic =
  /^\[ *\d+\.\d+(?: <\s*\d+\.\d+>)?\] (\S+) ([^\s[:]+)(?:\[(\d+)\])?: ?(.*)$/;

// rsyslog RSYSLOG_FileFormat and journalctl -o short-iso / short-iso-precise.
const iso =
  /^(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?) (\S+) ([^\s[:]+)(?:\[(\d+)\])?: ?(.*)$/;

// <PRI>VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]
const rfc5424 =
  /^<\d{1,3}>\d{1,2} (\S+) (\S+) (\S+) (\S+) (\S+) (-|(?:\[(?:[^\]"\\]|\\.|"(?:[^"\\]|\\.)*")*\])+)(?: (.*))?$/;

// journalctl decorations: `-- Logs begin at …`, `-- Boot 0123… --`, `-- No entries --`, `-- Reboot --`.
const journalMeta = /^-- (?:Logs begin|Journal begins|Boot |Reboot|No entries)/;

/**
 * Splits one log line into its envelope and message. Returns null for lines
 * that carry no message at all (blank lines, journalctl's `-- Boot … --`).
 * Lines in no known envelope are taken as plain dhcpd messages (stderr,
 * `journalctl -o cat`).
 */
export function parseLogLine(text: string, context: LineContext): LogLine | null {
  const raw = text.endsWith('\r') ? text.slice(0, -1) : text;
  if (raw.trim() === '' || journalMeta.test(raw)) return null;
  // Indexed access and one object literal per format: destructuring the match and
  // spreading a base object made this function ten times slower on large logs (measured).
  let m = rfc3164.exec(raw);
  if (m) {
    const time = inferYear(
      months.indexOf(m[2]!),
      +m[3]!,
      +m[4]!,
      +m[5]!,
      +m[6]!,
      context.now ?? new Date(),
    );
    time.setMilliseconds(milliseconds(m[7]));
    return {
      source: context.source,
      line: context.line,
      format: 'rfc3164',
      time,
      timeText: m[1]!,
      host: m[8]!,
      program: m[9]!,
      pid: m[10] === undefined ? null : Number(m[10]),
      message: m[11]!,
    };
  }
  m = iso.exec(raw);
  if (m) {
    return {
      source: context.source,
      line: context.line,
      format: 'iso',
      time: parseIsoTime(m[1]!),
      timeText: m[1]!,
      host: m[2]!,
      program: m[3]!,
      pid: m[4] === undefined ? null : Number(m[4]),
      message: m[5]!,
    };
  }
  m = journalFull.exec(raw);
  if (m) {
    const utc = m[9] === 'UTC' || m[9] === 'GMT';
    const parts = [+m[2]!, +m[3]! - 1, +m[4]!, +m[5]!, +m[6]!, +m[7]!, milliseconds(m[8])] as const;
    // Another zone's abbreviation is read as this machine's local time, as
    // the short format is: journalctl names the zone it printed in.
    const time = utc ? new Date(Date.UTC(...parts)) : new Date(...parts);
    return {
      source: context.source,
      line: context.line,
      format: 'journal-full',
      time,
      timeText: m[1]!,
      host: m[10]!,
      program: m[11]!,
      pid: m[12] === undefined ? null : Number(m[12]),
      message: m[13]!,
    };
  }
  m = journalUnix.exec(raw);
  if (m) {
    return {
      source: context.source,
      line: context.line,
      format: 'journal-unix',
      time: new Date(Math.floor(Number(m[1]!) * 1000)),
      timeText: m[1]!,
      host: m[2]!,
      program: m[3]!,
      pid: m[4] === undefined ? null : Number(m[4]),
      message: m[5]!,
    };
  }
  m = journalMonotonic.exec(raw);
  if (m) {
    return {
      source: context.source,
      line: context.line,
      format: 'journal-monotonic',
      time: null,
      timeText: null,
      host: m[1]!,
      program: m[2]!,
      pid: m[3] === undefined ? null : Number(m[3]),
      message: m[4]!,
    };
  }
  m = rfc5424.exec(raw);
  if (m) {
    const stamp = m[1]!;
    return {
      source: context.source,
      line: context.line,
      format: 'rfc5424',
      time: stamp === '-' ? null : parseIsoTime(stamp),
      timeText: stamp === '-' ? null : stamp,
      host: m[2] === '-' ? null : m[2]!,
      program: m[3] === '-' ? null : m[3]!,
      pid: /^\d+$/.test(m[4]!) ? Number(m[4]) : null,
      // RFC 5424 allows a UTF-8 byte order mark before the message.
      message: (m[7] ?? '').replace(/^\uFEFF/, ''),
    };
  }
  return {
    source: context.source,
    line: context.line,
    format: 'plain',
    time: null,
    timeText: null,
    host: null,
    program: null,
    pid: null,
    message: raw,
  };
}

/** True when the line is dhcpd's (or has no program name to tell, as in plain stderr). */
export function isDhcpdLine(line: LogLine): boolean {
  // Debian's and Red Hat's units log as `dhcpd`; some installs run `dhcpd6` or a full path.
  return line.program === null || /(^|\/)dhcpd\d?$/.test(line.program);
}

/** `123456` (the digits after a decimal point of seconds) -> 123 milliseconds. */
function milliseconds(fraction: string | undefined): number {
  return fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
}

function parseIsoTime(stamp: string): Date | null {
  // journalctl writes `+0000`; Date wants `+00:00`. A comma may separate fractions.
  const normal = stamp
    .replace(' ', 'T')
    .replace(',', '.')
    .replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  const date = new Date(normal);
  return Number.isNaN(date.getTime()) ? null : date;
}

function inferYear(
  month: number,
  day: number,
  hours: number,
  minutes: number,
  seconds: number,
  now: Date,
): Date {
  // Syslog writes local time, without the year: it is the latest year that
  // puts the time no more than a day after now. (A line just after midnight
  // on New Year's Day, from a host whose clock runs ahead, is next year's.)
  for (const year of [now.getFullYear() + 1, now.getFullYear()]) {
    const time = new Date(year, month, day, hours, minutes, seconds);
    if (time.getTime() <= now.getTime() + 86_400_000) return time;
  }
  return new Date(now.getFullYear() - 1, month, day, hours, minutes, seconds);
}
