import fc from 'fast-check';
import type { Hardware, Time } from '../types.js';
import type { ResolvedOptions } from '../options.js';

const day = 86_400;

/** A time one to thirty days before or after `now`: never close enough to it for the hour of a run to matter. */
export function time(options: ResolvedOptions): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer({ min: options.now + day, max: options.now + 30 * day }),
    fc.integer({ min: options.now - 30 * day, max: options.now - day }),
  );
}

/** A time, or (rarely) `never`. */
export function timeOrNever(options: ResolvedOptions): fc.Arbitrary<Time> {
  return fc.oneof(
    { weight: 9, arbitrary: time(options) },
    { weight: 1, arbitrary: fc.constant('never' as const) },
  );
}

export function byte(): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: 255 });
}

export function bytes(minLength: number, maxLength: number): fc.Arbitrary<number[]> {
  return fc.array(byte(), { minLength, maxLength });
}

/** Printable ASCII other than `"` and `\`: what dhcpd writes between quotes without escaping; with `rawHighBytes` also 0x80-0xFE (0xFF reads as EOF in dhcpd). */
export function plainText(
  minLength: number,
  maxLength: number,
  rawHighBytes = false,
): fc.Arbitrary<string> {
  const codes = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-.'.split('')),
    },
    {
      weight: 2,
      arbitrary: fc
        .integer({ min: 0x20, max: 0x7e })
        .filter((c) => c !== 0x22 && c !== 0x5c)
        .map((c) => String.fromCharCode(c)),
    },
    ...(rawHighBytes
      ? [
          {
            weight: 1,
            arbitrary: fc.integer({ min: 0x80, max: 0xfe }).map((c) => String.fromCharCode(c)),
          },
        ]
      : []),
  );
  return fc.array(codes, { minLength, maxLength }).map((chars) => chars.join(''));
}

/** Text for `on` block statements: written raw by write_statements, so no quote, backslash or high byte. */
export function statementText(): fc.Arbitrary<string> {
  return plainText(1, 16).filter((s) => !s.includes('#'));
}

export function macAddress(): fc.Arbitrary<number[]> {
  return bytes(6, 6);
}

export function hardware(): fc.Arbitrary<Hardware> {
  return fc.oneof(
    { weight: 8, arbitrary: macAddress().map((b): Hardware => ({ type: 'ethernet', bytes: b })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('token-ring' as const, 'fddi' as const), macAddress())
        .map(([type, b]): Hardware => ({ type, bytes: b })),
    },
    { weight: 1, arbitrary: bytes(1, 16).map((b): Hardware => ({ type: 'infiniband', bytes: b })) },
  );
}

/** A DHCP client identifier: usually type 1 and a MAC address, sometimes any bytes. */
export function clientId(): fc.Arbitrary<number[]> {
  return fc.oneof(
    { weight: 3, arbitrary: macAddress().map((mac) => [1, ...mac]) },
    { weight: 1, arbitrary: bytes(1, 20) },
  );
}

/** DUID-LLT (type 1, hardware type 1, 4-byte time, MAC) or DUID-LL (type 3). */
export function duid(): fc.Arbitrary<number[]> {
  return fc.oneof(
    fc.tuple(bytes(4, 4), macAddress()).map(([t, mac]) => [0, 1, 0, 1, ...t, ...mac]),
    macAddress().map((mac) => [0, 3, 0, 1, ...mac]),
  );
}

/**
 * Names dhcpd reads back as NAME tokens (not keywords). Pools, not free
 * text: shrinking then lands on the first, and files stay readable.
 */
export const names = {
  variables: ['ddns-fwd-name', 'ddns-rev-name', 'ddns-txt', 'ddns-dhcid', 'vendor-tag', 'custom-1'],
  hosts: ['pc-1', 'pc-2', 'pc-3', 'printer-a', 'cam-7', 'ap-9'],
  deletedHosts: ['old-1', 'old-2', 'old-3'],
  groups: ['grp-a', 'grp-b'],
  fileGroups: ['dyn-grp-1', 'dyn-grp-2', 'dyn-grp-3'],
  billingClasses: ['bill-a', 'bill-b'],
  superclasses: ['super-a', 'super-b'],
  dynamicClasses: ['dyn-class-1', 'dyn-class-2', 'dyn-class-3'],
  peers: ['peer-a', 'peer-b'],
} as const;

/**
 * A subclass hash string. db.c print_hash_string writes an all-printable
 * hash raw between quotes without escaping, so a printable hash holding `"`
 * or `\` would make dhcpd write a file it cannot read: never generated.
 */
export function hashString(): fc.Arbitrary<number[]> {
  return fc.oneof(
    plainText(1, 8).map((s) => [...s].map((c) => c.charCodeAt(0))),
    bytes(1, 6).filter(
      (b) => !(b.every((x) => x >= 0x20 && x <= 0x7e) && b.some((x) => x === 0x22 || x === 0x5c)),
    ),
  );
}
