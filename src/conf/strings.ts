/**
 * Decodes a quoted dhcpd.conf string as conflex.c read_string does: `\t`,
 * `\r`, `\n`, `\b`, octal `\NNN` (first digit 0-3), hex `\xNN`; any other
 * escaped character stands for itself.
 */
export function decodeConfString(quoted: string): string {
  const body = quoted.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[++i] ?? '';
    const simple: Record<string, string> = { t: '\t', r: '\r', n: '\n', b: '\b' };
    if (next in simple) {
      out += simple[next];
    } else if (next >= '0' && next <= '3') {
      const digits = /^[0-7]{0,2}/.exec(body.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(next + digits, 8));
      i += digits.length;
    } else if (next === 'x') {
      const digits = /^[0-9a-fA-F]{0,2}/.exec(body.slice(i + 1))![0];
      out += String.fromCharCode(digits === '' ? 0 : parseInt(digits, 16));
      i += digits.length;
    } else {
      out += next;
    }
  }
  return out;
}
