/**
 * How dhcpd prints byte strings. All return latin1 text (one char per byte).
 */

/** C `isascii(c) && isprint(c)` in the C locale dhcpd runs in. */
export function isPrintable(byte: number): boolean {
  return byte >= 0x20 && byte <= 0x7e;
}

/**
 * common/print.c quotify_buf with `"`: printable bytes as themselves, `"` and
 * `\` backslashed, everything else as a three-digit octal escape. With
 * `rawHighBytes`, bytes 0x80-0xFE are written raw instead: dhcpd reads them
 * (conflex.c read_string takes any byte) though it never writes them. 0xFF
 * stays escaped: conflex.c get_char reads the file through a signed `char`,
 * so a raw 0xFF is -1, EOF, and dhcpd stops reading there.
 */
export function quotifyBuf(bytes: readonly number[], rawHighBytes = false): string {
  let out = '"';
  for (const byte of bytes) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (isPrintable(byte) || (rawHighBytes && byte >= 0x80 && byte < 0xff))
      out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `${out}"`;
}

/** `%2.2x` joined by `:` (print_hw_addr, buf_to_hex, write_host's uid, print_hash_string). */
export function hexColon(bytes: readonly number[]): string {
  return bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(':');
}

/** `%x` joined by `:` (common/options.c pretty_print_option for binary agent options). */
export function hexShortColon(bytes: readonly number[]): string {
  return bytes.map((byte) => byte.toString(16)).join(':');
}

/** common/print.c format_lease_id: uid, server-duid and IA ids per `lease-id-format`. */
export function formatLeaseId(
  bytes: readonly number[],
  format: 'octal' | 'hex',
  rawHighBytes = false,
): string {
  return format === 'hex' ? hexColon(bytes) : quotifyBuf(bytes, rawHighBytes);
}

/** A latin1 string from bytes. */
export function latin1(bytes: readonly number[]): string {
  return String.fromCharCode(...bytes);
}
