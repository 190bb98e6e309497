/**
 * `10.0.1.7` -> 167772423, or null when the text is not a dotted quad of
 * octets 0-255. A character loop: it runs for every lease of a large file.
 */
export function ipv4Number(text: string): number | null {
  return ipv4NumberAt(text, 0, text.length);
}

/** ipv4Number of `text.slice(start, end)`, without making the slice. */
export function ipv4NumberAt(text: string, start: number, end: number): number | null {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (digits === 0 || ++dots > 3) return null;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
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
