/**
 * Shapes the OMAPI client returns and `leasecheck omapi get --json` /
 * `leasecheck compare --json` print. Attribute keys are dhcpd's own names
 * (`local-state`, `hardware-address`, …): add, never rename.
 */
import type { OmapiKey } from './key.js';

/** A decoded value: state names, dotted addresses, ISO times, `never`, numbers, hex `aa:bb`, or null (unset time). */
export type OmapiValue = string | number | null;

export type OmapiAttributes = Record<string, OmapiValue | undefined>;

/** A lease object as dhcpd sends it (server/omapi.c dhcp_lease_stuff_values). */
export interface OmapiLease extends OmapiAttributes {
  'ip-address': string;
  /** Binding state name: free, active, expired, released, abandoned, reset, backup. */
  state: string;
  /** Absent when dhcpd holds the lease without a hardware address. */
  'hardware-address'?: string;
  'hardware-type'?: number;
  'dhcp-client-identifier'?: string;
  'client-hostname'?: string;
  ends: string | null;
  starts: string | null;
  tstp: string | null;
  tsfp: string | null;
  atsfp: string | null;
  cltt: string | null;
}

/** A failover-state object (server/failover.c dhcp_failover_state_stuff). */
export interface OmapiFailoverState extends OmapiAttributes {
  name: string;
  'local-state': string;
  'partner-state': string;
  /** When each side entered its state ("start time of state"). */
  'local-stos': string | null;
  'partner-stos': string | null;
  mclt: number;
  /** `primary` or `secondary`. */
  hierarchy: string | number;
}

/** A host object (server/omapi.c dhcp_host_stuff_values). */
export interface OmapiHost extends OmapiAttributes {
  name: string;
}

export interface OmapiConnectOptions {
  host: string;
  port: number;
  /** Without a key messages go unsigned, which only a server without `omapi-key` accepts. */
  key?: OmapiKey;
  /** Milliseconds to wait for the connection and for each reply (default 5000). */
  timeoutMs?: number;
}

/** Per-peer answer of omapiFailoverReady. */
export interface OmapiPeerState {
  peer: string;
  /** False when dhcpd has no failover peer of that name. */
  found: boolean;
  localState: string | null;
  partnerState: string | null;
  localStateSince: string | null;
  partnerStateSince: string | null;
  /** `primary` / `secondary` as dhcpd reports its own role. */
  role: string | null;
  /** Both sides `normal`. */
  ready: boolean;
}

export interface OmapiFailoverReadiness {
  /** Every named peer found and in `normal` on both sides. */
  ready: boolean;
  peers: OmapiPeerState[];
}

export type CompareField = 'binding-state' | 'hardware' | 'ends' | 'presence';

export interface LeaseDifference {
  address: string;
  field: CompareField;
  /** The file's value as leasecheck reads it (binding state name, lower-case hardware, ISO time), or null. */
  file: string | null;
  /** The running server's value, or null (absent / no such lease). */
  server: string | null;
  /** Line of the file's declaration that takes effect for this address; null when the file has none. */
  line: number | null;
  /** presence, file null (a lease the file lacks): dhcpd's hardware address and ends for it. */
  serverHardware?: string | null;
  serverEnds?: string | null;
}

/**
 * What dhcpd holds in memory and has not written, by design (src/omapi/unwritten.ts):
 * an offer (DHCPOFFER) never acknowledged, so never committed to the file.
 */
export interface UnwrittenNote {
  address: string;
  kind: 'unacknowledged-offer';
  /** The binding state, the same in memory and in the file (free or backup). */
  state: string;
  /** The hardware address the offer went to. */
  hardware: string | null;
  /** When dhcpd made the offer (its cltt and starts). */
  offeredAt: string | null;
  /** The offered expiry. */
  ends: string | null;
  /** The file's declaration for the address, or null when the file does not name it. */
  line: number | null;
}

export interface CompareReport {
  file: string;
  server: string;
  /** Addresses whose last complete declaration was compared. */
  compared: number;
  /** Addresses in the file (before --sample). */
  addresses: number;
  /** Addresses of the config's ranges the file does not name, looked up too; null without a config. */
  unlisted: number | null;
  /**
   * Whether a lease dhcpd holds and the file lacks could be found: only
   * when the config's ranges were given. Without it, `agree` speaks for
   * the file's addresses only.
   */
  complete: boolean;
  /** No difference among the addresses looked up. */
  agree: boolean;
  differences: LeaseDifference[];
  /** Memory that differs from the file by design (never-acknowledged offers): not differences. */
  unwritten: UnwrittenNote[];
}
