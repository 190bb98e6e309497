/**
 * Options of the arbitraries. Every field is optional; the defaults give
 * files exactly as dhcpd 4.4.3-P1 writes them.
 */
export interface ArbitraryOptions {
  /**
   * The moment the file is written. Every generated time lies between one
   * and thirty days before or after it (or is `never`), so nothing depends
   * on the hour a test runs. Default: 2026-11-28T12:00:00Z, so the same
   * seed gives the same file on every machine and every day.
   */
  now?: Date;
  /** Also generate what dhcpd 3.x wrote and 4.4 still reads: `abandoned;`, `binding state bootp|reserved`, `ddns-fwd-name "x";`, hex `set` values, dates with a time zone offset. Default false. */
  legacy?: boolean;
  /** Bytes 0x80-0xFE raw inside quoted strings (dhcpd reads them; it writes them as octal escapes). Never 0xFF: dhcpd's lexer reads it as end of file. Default false. */
  rawHighBytes?: boolean;
  /** `db-time-format`: `utc` (`6 2026/11/28 12:52:06;`), `local` (`epoch N; # Sat Nov 28 …`), or `any` (either, per file). Default `any`. */
  timeFormat?: 'utc' | 'local' | 'any';
  /** `lease-id-format` for uids, server-duid and IA ids: `octal` (quoted), `hex`, or `any`. Default `any`. */
  leaseIdFormat?: 'octal' | 'hex' | 'any';
  /**
   * Lease statements to leave out, for a reader that does not support them
   * yet (fuzz the rest): `agent-ip-options` (`option agent.agent-id` and
   * `agent.link-selection`, whose value is an IPv4 address), `agent-options`
   * (all `option agent.*`), `on-handlers`, `set`, `billing`,
   * `client-hostname`, `uid`, `hardware`. Default: none.
   */
  omit?: readonly OmittableStatement[];
}

export const omittableStatements = [
  'agent-ip-options',
  'agent-options',
  'on-handlers',
  'set',
  'billing',
  'client-hostname',
  'uid',
  'hardware',
] as const;

export type OmittableStatement = (typeof omittableStatements)[number];

export interface LeasesFileOptions extends ArbitraryOptions {
  /** `v4` (dhcpd), `v6` (dhcpd -6) or `any`. Default `any`. */
  family?: 'v4' | 'v6' | 'any';
  /** Version in the header comment; `null` writes no header comment. Default `4.4.3-P1`. */
  writerVersion?: string | null;
  /** The `authoring-byte-order` entry (4.3+); `null` leaves it out (older writers), `any` picks. Default `little-endian`. */
  byteOrder?: 'little-endian' | 'big-endian' | 'any' | null;
  /** Largest number of leases (v4) or IAs (v6) in the snapshot. Default 6. */
  maxSnapshot?: number;
  /** Largest number of declarations appended after the snapshot (the history). Default 6. */
  maxAppended?: number;
  /** Addresses used per subnet: small, so the history rewrites the same addresses. Default 8. */
  addressesPerSubnet?: number;
  /** A failover peer (v4 only): `true`/`false` force it, `primary`/`secondary` force it and its role; default: either. */
  failover?: boolean | 'primary' | 'secondary';
  /** Hosts, groups and dynamic classes in the file (v4 and v6). Default true. */
  hostsAndClasses?: boolean;
}

export const defaultNow = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));

export interface ResolvedOptions {
  now: number;
  legacy: boolean;
  rawHighBytes: boolean;
  addressesPerSubnet: number;
  omit: ReadonlySet<OmittableStatement>;
}

export function resolve(
  options: ArbitraryOptions & { addressesPerSubnet?: number },
): ResolvedOptions {
  return {
    now: Math.floor((options.now ?? defaultNow).getTime() / 1000),
    legacy: options.legacy ?? false,
    rawHighBytes: options.rawHighBytes ?? false,
    addressesPerSubnet: Math.max(1, Math.min(250, options.addressesPerSubnet ?? 8)),
    omit: new Set(options.omit ?? []),
  };
}
