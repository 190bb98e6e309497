/**
 * IPv4 and IPv6 addresses as numbers, so that ranges can be compared,
 * merged and searched; and their canonical spelling for messages.
 */
import { ipv4Number } from '../model/ipv4.js';
import { formatIpv6Groups, isIpv6Text } from '../model/ipv6.js';

/**
 * An IPv4 address `a.b.c.d` as a number, or null when it is not one (an
 * octet over 255). dhcpd.conf's octets may have any number of digits.
 */
export function parseIpv4(text: string): bigint | null {
  const value = ipv4Number(text, Infinity);
  return value === null ? null : BigInt(value);
}

/** An IPv6 address in any RFC 4291 spelling as a number, or null when inet_pton would refuse it. */
export function parseIpv6(text: string): bigint | null {
  if (!isIpv6Text(text)) return null;
  let head = text;
  let tailV4: bigint | null = null;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === null) return null;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, null];
  const leftGroups = left === '' ? [] : left!.split(':');
  const rightGroups = right === null || right === '' ? [] : right.split(':');
  const missing = 8 - leftGroups.length - rightGroups.length;
  const groups = [
    ...leftGroups,
    ...Array<string>(right === null ? 0 : missing).fill('0'),
    ...rightGroups,
  ];
  if (groups.length !== 8) return null;
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(parseInt(group, 16));
  if (tailV4 !== null) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

/** The dotted-quad spelling of a 32-bit number. */
export function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** The RFC 5952 spelling of a 128-bit number (lower case, longest zero run as `::`). */
export function formatIpv6(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  return formatIpv6Groups(groups);
}

export function formatAddress(family: 4 | 6, value: bigint): string {
  return family === 4 ? formatIpv4(value) : formatIpv6(value);
}

/** The mask of a prefix length: the top `length` bits of a `bits`-bit number set. */
export function prefixMask(bits: 32 | 128, length: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return all ^ ((1n << BigInt(bits - length)) - 1n);
}

/** The prefix length of a contiguous netmask, or null when its one bits are not contiguous. */
export function maskPrefixLength(mask: bigint, bits: 32 | 128): number | null {
  for (let length = 0; length <= bits; length++) {
    if (prefixMask(bits, length) === mask) return length;
  }
  return null;
}

/** Inclusive intervals merged where they overlap or touch, sorted; the meaning of a list of ranges. */
export function mergeIntervals(intervals: Array<[bigint, bigint]>): Array<[bigint, bigint]> {
  const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: Array<[bigint, bigint]> = [];
  for (const [low, high] of sorted) {
    const last = merged[merged.length - 1];
    if (last && low <= last[1] + 1n) {
      if (high > last[1]) last[1] = high;
    } else {
      merged.push([low, high]);
    }
  }
  return merged;
}
