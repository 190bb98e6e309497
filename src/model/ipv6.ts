/**
 * An IPv6 address's eight 16-bit groups as inet_ntop(AF_INET6) and RFC 5952
 * print them: lower-case hex, the longest run of two or more zero groups as
 * `::` (the first such run on a tie).
 */
export function formatIpv6Groups(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Whether a character code is a hex digit. */
function isHexDigit(code: number): boolean {
  const lower = code | 32;
  return (code >= 48 && code <= 57) || (lower >= 97 && lower <= 102);
}

/** Whether inet_pton(AF_INET) reads `text[from, to)`: four decimal octets, none above 255 or with a leading zero. */
function isDottedQuad(text: string, from: number, to: number): boolean {
  let octets = 0;
  let value = 0;
  let sawDigit = false;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      if (sawDigit && value === 0) return false;
      value = value * 10 + (code - 48);
      if (value > 255) return false;
      if (!sawDigit) {
        if (++octets > 4) return false;
        sawDigit = true;
      }
    } else if (code === 46 && sawDigit) {
      if (octets === 4) return false;
      value = 0;
      sawDigit = false;
    } else {
      return false;
    }
  }
  return octets === 4;
}

/**
 * Whether inet_pton(AF_INET6) reads `text` (glibc's inet_pton6, step for
 * step): groups of one to four hex digits between colons, one `::` for one
 * or more zero groups, the last 32 bits possibly a dotted quad, 128 bits in
 * all. dhcpd's parse_ip6_addr calls inet_pton; node:net's isIPv6 gives the
 * same answers on such text (test/model/ipv6.test.ts), but loading node:net
 * cost a v6 check 12 ms.
 */
export function isIpv6Text(text: string): boolean {
  const length = text.length;
  let i = 0;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return false;
    i = 1;
  }
  /** Bytes filled so far (of 16), where `::` stands, and the current group. */
  let filled = 0;
  let doubleColon = -1;
  let digits = 0;
  let tokenStart = i;
  while (i < length) {
    const code = text.charCodeAt(i++);
    if (isHexDigit(code)) {
      if (digits === 4) return false;
      digits++;
      continue;
    }
    if (code === 58) {
      tokenStart = i;
      if (digits === 0) {
        if (doubleColon >= 0) return false;
        doubleColon = filled;
        continue;
      }
      if (i === length) return false;
      if (filled + 2 > 16) return false;
      filled += 2;
      digits = 0;
      continue;
    }
    if (code === 46 && filled + 4 <= 16 && isDottedQuad(text, tokenStart, length)) {
      filled += 4;
      digits = 0;
      break;
    }
    return false;
  }
  if (digits > 0) {
    if (filled + 2 > 16) return false;
    filled += 2;
  }
  if (doubleColon >= 0) {
    // `::` must stand for at least one group.
    if (filled === 16) return false;
    filled = 16;
  }
  return filled === 16;
}
