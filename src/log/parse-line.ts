import type { LogLine } from './types.js';

/** Context a line needs that the line itself does not carry. */
export interface LineContext {
  source: string;
  line: number;
  /** RFC 3164 timestamps have no year: the year is chosen so the time is not after `now` (+1 day). */
  now?: Date;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// `<30>` is present when syslog is read off the wire or written raw by some daemons.
const rfc3164 =
  /^(?:<\d{1,3}>)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d) (\S+) ([^\s[:]+)(?:\[(\d+)\])?: ?(.*)$/;

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
    return {
      source: context.source,
      line: context.line,
      format: 'rfc3164',
      time: inferYear(
        months.indexOf(m[1]!),
        +m[2]!,
        +m[3]!,
        +m[4]!,
        +m[5]!,
        context.now ?? new Date(),
      ),
      timeText: raw.slice(raw.indexOf(m[1]!), raw.indexOf(m[6]!) - 1),
      host: m[6]!,
      program: m[7]!,
      pid: m[8] === undefined ? null : Number(m[8]),
      message: m[9]!,
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
  // Syslog writes local time. A time more than a day ahead of now belongs to last year.
  const thisYear = new Date(now.getFullYear(), month, day, hours, minutes, seconds);
  if (thisYear.getTime() > now.getTime() + 86_400_000) {
    return new Date(now.getFullYear() - 1, month, day, hours, minutes, seconds);
  }
  return thisYear;
}
