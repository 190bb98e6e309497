import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realFixtureDir } from '../helpers.js';

/** Shared by the verify tests: fixture paths, log conversion, lease-file builders. */

export const realDir = process.env.REAL_DHCPD_FIXTURES ?? realFixtureDir;
/** The log engineer's converted logs (test/fixtures/logs/generate.mjs). */
export const convertedDir = fileURLToPath(new URL('../fixtures/logs/', import.meta.url));
export const verifyFixtures = fileURLToPath(new URL('../fixtures/verify/', import.meta.url));
/** RFC 3164's missing year: just after the fixtures were logged. */
export const now = new Date('2026-11-28T13:10:00Z');

export const real = (name: string): string => join(realDir, name);
export const converted = (name: string): string => join(convertedDir, name);

export { tempDir, write } from '../helpers.js';

export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export type Envelope = 'rfc3164' | 'rfc5424' | 'iso' | 'journal-cat';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

function stamp(envelope: Envelope, t: Date): string {
  if (envelope === 'rfc3164') {
    return `${months[t.getUTCMonth()]} ${String(t.getUTCDate()).padStart(2, ' ')} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  }
  return t.toISOString().replace('Z', '000+00:00');
}

/**
 * A plain `dhcpd -d` log in another envelope, one second per line from
 * `start`, with lines of other programs and of another host's dhcpd mixed in
 * (what a central syslog holds). `journal-cat` has bare messages only.
 */
export function convertLog(
  plain: string,
  envelope: Envelope,
  options: { host: string; pid: number; start: Date; noise?: boolean },
): string {
  const out: string[] = [];
  let t = options.start.getTime();
  const line = (host: string, program: string, pid: number, message: string): string => {
    const when = new Date(t);
    switch (envelope) {
      case 'rfc3164':
      case 'iso':
        return `${stamp(envelope, when)} ${host} ${program}[${pid}]: ${message}`;
      case 'rfc5424':
        return `<30>1 ${stamp(envelope, when)} ${host} ${program} ${pid} - - ${message}`;
      case 'journal-cat':
        return message;
    }
  };
  for (const [i, message] of linesOf(plain).entries()) {
    if (options.noise !== false && envelope !== 'journal-cat' && i % 4 === 1) {
      out.push(line(options.host, 'systemd', 1, 'Started Session 7 of user root.'));
      out.push(line('other-host', 'dhcpd', 999, 'Wrote 12345 leases to leases file.'));
      out.push(line(options.host, 'CRON', 4242, '(root) CMD (run-parts /etc/cron.hourly)'));
    }
    out.push(line(options.host, 'dhcpd', options.pid, message));
    t += 1000;
  }
  return `${out.join('\n')}\n`;
}

/** The header dhcpd writes (server/db.c new_lease_file). */
export function header(version = '4.4.3-P1'): string {
  return (
    '# The format of this file is documented in the dhcpd.leases(5) manual page.\n' +
    `# This lease file was written by isc-dhcp-${version}\n\n` +
    '# authoring-byte-order entry is generated, DO NOT DELETE\n' +
    'authoring-byte-order little-endian;\n\n'
  );
}

export function lease(address: string, state = 'active', mac = '00:11:22:33:44:55'): string {
  return (
    `lease ${address} {\n  starts 6 2026/11/28 12:52:06;\n  ends 6 2026/11/28 13:02:06;\n` +
    `  cltt 6 2026/11/28 12:52:06;\n  binding state ${state};\n  next binding state free;\n` +
    `  rewind binding state free;\n  hardware ethernet ${mac};\n}\n`
  );
}

export function leases(from: number, count: number, prefix = '10.0.1.'): string {
  let text = '';
  for (let i = from; i < from + count; i++) text += lease(`${prefix}${i}`);
  return text;
}

/** Lines that make a `Wrote` group a start-up (plain stderr). */
export function startupLog(
  wrote: string[],
  database = '/var/lib/dhcp/dhcpd.leases',
  version = '4.4.3-P1',
): string {
  return [
    `Internet Systems Consortium DHCP Server ${version}`,
    'Copyright 2004-2022 Internet Systems Consortium.',
    'All rights reserved.',
    'For info, please visit https://www.isc.org/software/dhcp/',
    'Config file: /etc/dhcp/dhcpd.conf',
    `Database file: ${database}`,
    'PID file: /run/dhcpd.pid',
    ...wrote,
    'Listening on LPF/v1/8e:17:30:ed:f0:ad/10.0.0.0/16',
    'Sending on   LPF/v1/8e:17:30:ed:f0:ad/10.0.0.0/16',
    'Server starting service.',
    '',
  ].join('\n');
}

export function read(path: string): string {
  return readFileSync(path, 'latin1');
}
