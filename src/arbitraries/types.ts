/**
 * The typed records the arbitraries generate and the writers render. Each
 * mirrors the in-memory object one of dhcpd's writers prints (server/db.c),
 * so a record holds exactly what decides the bytes dhcpd would write.
 *
 * Byte strings (uids, DUIDs, `set` data, class hash strings) are `number[]`
 * of 0-255 so that records shrink element by element and print readably.
 */

/** Seconds since the epoch, or `'never'` (dhcpd's MAX_TIME). */
export type Time = number | 'never';

/** How dates are printed: `utc` is `W YYYY/MM/DD HH:MM:SS;`, `local` is `epoch N; # <ctime>` (db-time-format local). */
export type TimeFormat = 'utc' | 'local';

/** How uids, server-duid and IA ids are printed (dhcpd.conf `lease-id-format`): quoted with octal escapes, or `xx:xx` hex. */
export type LeaseIdFormat = 'octal' | 'hex';

/** States dhcpd 4.4 writes (common/tables.c binding_state_names). */
export type WrittenBindingState =
  'free' | 'active' | 'expired' | 'released' | 'abandoned' | 'reset' | 'backup';

/** Also read by dhcpd for compatibility with 3.x files (confpars.c parse_lease_declaration). */
export type LegacyBindingState = 'reserved' | 'bootp';

export type LeaseBindingState = WrittenBindingState | LegacyBindingState;

/** Hardware types dhcpd reads back by name (common/parse.c parse_hardware_param). */
export type HardwareType = 'ethernet' | 'token-ring' | 'fddi' | 'infiniband';

export interface Hardware {
  type: HardwareType;
  bytes: number[];
}

/** A `set NAME = value;` binding (db.c write_binding_scope), or the 3.x forms dhcpd still reads. */
export type BindingValue =
  | { kind: 'data'; bytes: number[] }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  /** 3.x: data written as colon-separated hex. */
  | { kind: 'hex'; bytes: number[] };

export interface Binding {
  name: string;
  value: BindingValue;
}

/** An executable statement inside an `on` block, as common/execute.c write_statements prints it. */
export type Statement =
  | { kind: 'set'; name: string; value: string }
  | { kind: 'unset'; name: string }
  | { kind: 'log'; priority: 'info' | 'debug' | 'error'; text: string }
  | { kind: 'on'; events: OnEvent[]; body: Statement[] };

export type OnEvent = 'expiry' | 'commit' | 'release';

/** The `on expiry`/`on release` handlers of a lease or IA address; `shared` prints `on expiry or release`. */
export interface OnHandlers {
  expiry: Statement[] | null;
  release: Statement[] | null;
  /** expiry and release are the same statements: written once as `on expiry or release { … }`. */
  shared: boolean;
}

/** `option agent.NAME value;` (relay agent information kept with the lease). */
export type AgentOption =
  | {
      name: 'circuit-id' | 'remote-id';
      value: { kind: 'text'; text: string } | { kind: 'hex'; bytes: number[] };
    }
  | { name: 'agent-id' | 'link-selection'; value: { kind: 'ip'; address: string } };

export type Billing =
  { kind: 'class'; name: string } | { kind: 'subclass'; superclass: string; hash: number[] };

export interface LeaseRecord {
  kind: 'lease';
  address: string;
  starts: Time | null;
  ends: Time | null;
  tstp: Time | null;
  tsfp: Time | null;
  atsfp: Time | null;
  cltt: Time | null;
  /** `null` only with `abandonedFlag` (3.x `abandoned;` stands in for the binding state). */
  bindingState: LeaseBindingState | null;
  nextBindingState: LeaseBindingState | null;
  rewindBindingState: LeaseBindingState | null;
  reserved: boolean;
  dynamicBootp: boolean;
  /** 3.x `abandoned;` statement. */
  abandonedFlag: boolean;
  billing: Billing | null;
  hardware: Hardware | null;
  uid: number[] | null;
  bindings: Binding[];
  /** 3.x `ddns-fwd-name "x";` / `ddns-rev-name "x";` (a `set` without `=`). */
  ddnsNames: { name: 'ddns-fwd-name' | 'ddns-rev-name'; value: string }[];
  agentOptions: AgentOption[];
  clientHostname: string | null;
  on: OnHandlers;
  /** Use the `W YYYY/MM/DD HH:MM:SS OFFSET` date form (read by dhcpd, never written) for these times. */
  tzOffset: number | null;
}

export interface HostRecord {
  kind: 'host';
  name: string;
  dynamic: boolean;
  deleted: boolean;
  hardware: Hardware | null;
  uid: number[] | null;
  fixedAddresses: string[];
  group: string | null;
  /** `supersede NAME = "value";` statements of the host's own group, written with indent 8. */
  statements: { option: 'domain-name' | 'host-name'; value: string }[];
}

export interface GroupRecord {
  kind: 'group';
  name: string;
  dynamic: boolean;
  static: boolean;
  deleted: boolean;
  statements: { option: 'domain-name' | 'host-name'; value: string }[];
}

export interface ClassRecord {
  kind: 'class';
  name: string;
  deleted: boolean;
  leaseLimit: number | null;
  /** `match if option vendor-class-identifier = "…";` */
  matchVendor: string | null;
  /** `match` on a new line: `option agent.circuit-id;` (submatch, no spawn). */
  submatchCircuitId: boolean;
}

export interface SubclassRecord {
  kind: 'subclass';
  superclass: string;
  hash: number[];
  deleted: boolean;
}

export type { FailoverStateName } from '../model/types.js';
import type { FailoverStateName } from '../model/types.js';

export interface FailoverStateRecord {
  kind: 'failover-state';
  peer: string;
  myState: FailoverStateName;
  myStateAt: Time;
  partnerState: FailoverStateName;
  partnerStateAt: Time;
  /** Written only by the secondary (db.c write_failover_state). */
  mclt: number | null;
}

export type IaBindingState = 'active' | 'free' | 'expired' | 'released' | 'abandoned';

export interface IaAddressRecord {
  /** IPv6 address (ia-na, ia-ta) or prefix without its length (ia-pd). */
  address: string;
  /** Prefix length, ia-pd only. */
  prefixLength: number | null;
  bindingState: IaBindingState;
  preferredLife: number;
  maxLife: number;
  ends: Time;
  bindings: Binding[];
  on: OnHandlers;
}

export interface IaRecord {
  kind: 'ia-na' | 'ia-ta' | 'ia-pd';
  /** IAID (4 bytes) followed by the client DUID. */
  iaidDuid: number[];
  cltt: Time | null;
  addresses: IaAddressRecord[];
}

export interface ServerDuidRecord {
  kind: 'server-duid';
  duid: number[];
}

export type DeclarationRecord =
  | LeaseRecord
  | HostRecord
  | GroupRecord
  | ClassRecord
  | SubclassRecord
  | FailoverStateRecord
  | IaRecord
  | ServerDuidRecord;

export interface FailoverPeerConfig {
  name: string;
  role: 'primary' | 'secondary';
}

/** Everything a file and the dhcpd.conf that loads it are made from. */
export interface LeasesFileModel {
  family: 'v4' | 'v6';
  /** Version in the header comment, e.g. `4.4.3-P1`; `null` leaves the header comment out. */
  writerVersion: string | null;
  /** `authoring-byte-order` (dhcpd 4.3+); `null` leaves it out. */
  byteOrder: 'little-endian' | 'big-endian' | null;
  timeFormat: TimeFormat;
  leaseIdFormat: LeaseIdFormat;
  /** The complete snapshot dhcpd writes at start-up, in write_leases order. */
  snapshot: DeclarationRecord[];
  /** Declarations appended afterwards, oldest first. */
  appended: DeclarationRecord[];
  /** What dhcpd.conf must declare for the file to load without warnings. */
  config: {
    subnets: number[];
    failover: FailoverPeerConfig | null;
    /** Subnet index whose pool the failover peer serves. */
    failoverSubnet: number | null;
    billingClasses: string[];
    superclasses: string[];
    groups: string[];
  };
}

/** A top-level declaration's place in rendered text: `start` is its first byte, `end` is one past its closing `}` or `;`. */
export interface DeclarationSpan {
  kind: DeclarationRecord['kind'] | 'authoring-byte-order';
  start: number;
  end: number;
}

export interface RenderedLeasesFile {
  text: string;
  declarations: DeclarationSpan[];
}
