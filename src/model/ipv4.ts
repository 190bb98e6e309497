/**
 * `10.0.1.7` -> 167772423, or null when the text is not a dotted quad of
 * octets 0-255 of at most `octetDigits` digits each: 3 in a lease file (its
 * grammar's `octet`), any number in dhcpd.conf, whose parse_numeric_aggregate
 * reads `010.0.0.0001` too. The one IPv4 parser of the project. A character
 * loop: it runs for every lease of a large file.
 */
export function ipv4Number(text: string, octetDigits = 3): number | null {
  // The longest dotted quad of 3-digit octets is 15 characters.
  if (text.length <= 15) {
    for (let i = 0; i < text.length; i++) scratch[i] = text.charCodeAt(i);
    return ipv4NumberIn(scratch, 0, text.length, octetDigits);
  }
  if (octetDigits <= 3) return null;
  return ipv4NumberIn(
    Uint16Array.from(text, (c) => c.charCodeAt(0)),
    0,
    text.length,
    octetDigits,
  );
}

const scratch = new Uint16Array(15);

/** ipv4Number of the characters `[start, end)` of `codes` (latin1 codes, as the recogniser reads them). */
export function ipv4NumberIn(
  codes: Uint16Array,
  start: number,
  end: number,
  octetDigits = 3,
): number | null {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = codes[i]!;
    if (c === 46 /* . */) {
      if (digits === 0 || ++dots > 3) return null;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < octetDigits) {
      octet = octet * 10 + (c - 48);
      if (octet > 255) return null;
      digits++;
    } else {
      return null;
    }
  }
  if (dots !== 3 || digits === 0) return null;
  return (value * 256 + octet) >>> 0;
}
