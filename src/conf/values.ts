/**
 * How the text of a matched item becomes a value in a statement. Shared by
 * src/conf/from-events.ts and the Ohm semantics the tests hold it to
 * (test/conf/ohm-semantics.ts), so they cannot disagree on spelling.
 */

/**
 * Addresses, host names and hex lists without the spaces and comments dhcpd
 * also skips between their tokens (`10 . 0 .0. 1 # low` is `10.0.0.1`).
 */
export function compactText(text: string): string {
  return text.replace(/\s+|#[^\n]*/g, '');
}

/** `0:1:02:aB` -> `00:01:02:ab`, the way dhcpd stores a hardware address. */
export function normaliseHexList(list: string): string {
  return list
    .toLowerCase()
    .split(':')
    .map((byte) => byte.padStart(2, '0'))
    .join(':');
}
