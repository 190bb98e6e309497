import type { Time, TimeFormat } from '../types.js';

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * common/print.c print_time: the date and its `;`, as dhcpd writes it.
 * `utc`: `%w %Y/%m/%d %H:%M:%S;`. `local` (db-time-format local):
 * `epoch N; # %a %b %d %H:%M:%S %Y`, the comment in the writer's local time;
 * here the writer's zone is UTC so output does not depend on this machine.
 * `tzOffset` gives the form dhcpd reads but never writes (parse_date_core):
 * the fields in local time followed by the offset in seconds.
 */
export function printTime(time: Time, format: TimeFormat, tzOffset: number | null = null): string {
  if (time === 'never') return 'never;';
  if (format === 'local') {
    const d = new Date(time * 1000);
    const comment = `# ${weekdays[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
    return `epoch ${time}; ${comment}`;
  }
  // parse_date_core adds the offset to the fields: print the fields of (time - offset).
  const shown = tzOffset === null ? time : time - tzOffset;
  const d = new Date(shown * 1000);
  const fields = `${d.getUTCDay()} ${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return tzOffset === null ? `${fields};` : `${fields} ${tzOffset};`;
}
