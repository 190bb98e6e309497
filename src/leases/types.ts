import type { CheckProblemCode } from '../check/codes.js';
/**
 * The shapes `leasecheck leases --json` and the library's readLeases promise.
 * Field names are part of the public interface: add, never rename.
 */
import type { BindingState } from '../model/types.js';

/**
 * Where the lease file comes from: a path (a string), its bytes (a Buffer or
 * Uint8Array), or its contents as a string (`{ text }`, taken as latin1).
 */
export type LeaseSource = string | Uint8Array | { text: string };

export interface LeaseRecord {
  family: 4 | 6;
  /** `lease` (v4), or the IA kind of a v6 address or prefix. */
  kind: 'lease' | 'ia-na' | 'ia-ta' | 'ia-pd';
  /** The IPv4 or IPv6 address; a delegated prefix as `ADDRESS/LENGTH`. */
  address: string;
  /** The binding state dhcpd loads (made up from `ends` and the time when the declaration has none). */
  state: BindingState | null;
  /** The declaration had no `binding state`: dhcpd made `state` up (from `ends` and `now`). */
  stateMadeUp: boolean;
  nextState: BindingState | null;
  /**
   * v4: the state dhcpd gives it at start-up, after expiring what ended
   * before `now` (a pool without failover assumed); null for v6.
   */
  startupState: BindingState | null;
  /** v4: whether dhcpd's start-up rewrite writes it (write_leases4); null for v6. */
  written: boolean | null;
  /** ISO 8601 UTC, `never`, or null when absent. */
  starts: string | null;
  ends: string | null;
  cltt: string | null;
  tstp: string | null;
  tsfp: string | null;
  atsfp: string | null;
  hardware: { type: string; address: string } | null;
  /** `text`: as dhcpd writes it (octal escapes for unprintable bytes); `hex`: colon-separated octets. */
  uid: { text: string; hex: string } | null;
  clientHostname: string | null;
  /** v6: the IA the address belongs to, and its lifetimes. */
  ia?: { key: string; iaid: number | null; duid: string | null };
  preferredLife?: number | null;
  maxLife?: number | null;
  /** 1-based line of the declaration it comes from, and its first byte. */
  line: number;
  offset: number;
  /** The declaration is the partial last one of a truncated file, as dhcpd loads it. */
  partial?: true;
}

/** check's error codes for what dhcpd's own reading refuses or loses (check/dhcpd-reading.ts). */
export const dhcpdReadingCodes = [
  'dhcpd-refuses',
  'string-runs-on',
  'group-runs-on',
  'token-too-long',
  'whitespace-too-long',
  'invalid-escape',
  'unwritable-time',
] as const satisfies readonly CheckProblemCode[];

export type DhcpdReadingCode = (typeof dhcpdReadingCodes)[number];

export interface LeaseProblem {
  /**
   * The scan's codes, then those of dhcpd's own reading of text the grammar
   * accepts (check's codes of the same names): a declaration it refuses, or
   * loses with all after it.
   */
  code:
    | 'truncated-tail'
    | 'syntax-error'
    | 'unknown-declaration'
    | 'nesting-too-deep'
    | DhcpdReadingCode;
  line: number;
  column: number;
  offset: number;
  message: string;
  /** What dhcpd does with the damaged declaration. */
  dhcpd: 'loaded' | 'dropped' | 'skipped';
}

export interface ReadLeasesOptions {
  /** The time dhcpd's made-up states and start-up expiry use; default: the clock. */
  now?: Date;
  /** Every lease declaration in file order (the history), not only each address's last one. */
  history?: boolean;
}

/** An async iterable of lease records, with the problems of the file beside it. */
export interface LeaseReading extends AsyncIterable<LeaseRecord> {
  /** The file's problems: complete once an iteration has ended. */
  readonly problems: LeaseProblem[];
}
