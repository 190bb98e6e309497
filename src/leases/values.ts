/**
 * The values of a lease as people and scripts read them: a uid as dhcpd
 * prints it and in hex, a hardware address in dhcpd's spelling, strings
 * decoded. Input is the text the grammar matched (latin1: one char a byte).
 */
import { decodeConfString } from '../conf/strings.js';
import { formatIso } from '../check/time.js';

/** The bytes (latin1 string) of a quoted string or a colon-separated hex list. */
export function bytesOfValue(written: string): string {
  if (written.startsWith('"')) return decodeConfString(written);
  return written
    .split(':')
    .map((octet) => String.fromCharCode(parseInt(octet, 16)))
    .join('');
}

/**
 * Bytes as dhcpd quotes them in its lease file (common/print.c quotify_buf):
 * printable ASCII as is, the shell's special characters with a backslash,
 * every other byte as a three-digit octal escape.
 */
export function quotify(bytes: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    const ch = bytes[i]!;
    if (ch === '"' || ch === "'" || ch === '$' || ch === '`' || ch === '\\') out += `\\${ch}`;
    else if (c < 0x20 || c > 0x7e) out += `\\${c.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return out;
}

export function hexOf(bytes: string): string {
  return [...bytes].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(':');
}

/** A uid as written (quoted or hex), as dhcpd prints it and in hex. */
export function uidValue(written: string | null): { text: string; hex: string } | null {
  if (written === null) return null;
  const bytes = bytesOfValue(written);
  return { text: quotify(bytes), hex: hexOf(bytes) };
}

/** `ethernet 0:1:a2:…` as dhcpd writes it back: the type and two lower-case hex digits an octet. */
export function hardwareValue(written: string | null): { type: string; address: string } | null {
  if (written === null) return null;
  const [type = '', list = ''] = written.trim().split(/\s+/, 2);
  const address = list === '' ? '' : hexOf(bytesOfValue(list));
  return { type, address };
}

/** client-hostname as written: a quoted string (decoded) or a bare host name. */
export function hostnameValue(written: string | null): string | null {
  if (written === null) return null;
  return written.startsWith('"') ? decodeConfString(written) : written;
}

/** Epoch seconds (dhcpd's 0: absent) as ISO 8601 UTC or `never`. */
export function timeValue(seconds: number | null): string | null {
  return seconds === null || seconds === 0 ? null : formatIso(seconds);
}
