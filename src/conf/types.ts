/**
 * The address plan of a dhcpd.conf: what `pair` compares and what
 * `--config` checks leases against. Every part says where it was written
 * (file and line, after includes are followed).
 */
import type { FailoverSettingName } from './ast.js';

export interface SourceRef {
  file: string;
  line: number;
}

/**
 * One parameter in force in a scope: `key` names what it sets (e.g.
 * `default-lease-time`, `option routers`, `authoritative`, `allow-deny
 * unknown-clients`), `value` its normalised value, `at` where it was set
 * (possibly an enclosing scope: parameters are inherited as dhcpd does).
 */
export interface Parameter {
  key: string;
  value: string;
  at: SourceRef;
}

export type RangeKind = 'range' | 'range6' | 'temporary' | 'prefix6';

export interface AddressRange {
  family: 4 | 6;
  kind: RangeKind;
  /** First address covered. */
  low: bigint;
  /** Last address covered (prefix6: the last address of its last prefix). */
  high: bigint;
  /** prefix6: the length of the delegated prefixes. */
  prefixLength: number | null;
  dynamicBootp: boolean;
  /** Canonical spelling, e.g. `10.0.1.0 - 10.0.1.20`, `fd00::/64 temporary`. */
  text: string;
  at: SourceRef;
}

export interface Permit {
  verb: 'allow' | 'deny';
  what: string;
  at: SourceRef;
}

export interface PoolPlan {
  family: 4 | 6;
  /** Ranges written directly in a subnet form one implicit pool per subnet. */
  implicit: boolean;
  /** Where the pool is declared: `subnet 10.0.0.0/16` or `shared-network "name"`. */
  container: string;
  ranges: AddressRange[];
  /** The failover peer the pool uses (its own statement or its shared network's), or null. */
  failoverPeer: { name: string; at: SourceRef } | null;
  permits: Permit[];
  parameters: Parameter[];
  at: SourceRef;
}

export interface SubnetPlan {
  family: 4 | 6;
  network: bigint;
  mask: bigint;
  prefixLength: number | null;
  /** Canonical spelling: `10.0.0.0/16` (or `10.0.0.0 netmask 255.0.255.0` for odd masks), `fd00::/64`. */
  cidr: string;
  /** The explicit shared-network it is declared in, or null. */
  sharedNetwork: string | null;
  parameters: Parameter[];
  at: SourceRef;
}

export interface SharedNetworkPlan {
  name: string;
  subnets: string[];
  failoverPeer: { name: string; at: SourceRef } | null;
  parameters: Parameter[];
  at: SourceRef;
}

export interface FailoverPeerSettingPlan {
  /** `peer address`, `peer port`, ... for partner settings. */
  name: string;
  setting: FailoverSettingName;
  partner: boolean;
  value: string | null;
  at: SourceRef;
}

export interface FailoverPeerPlan {
  name: string;
  /** As written; dhcpd takes a block with neither `primary` nor `secondary` as primary. */
  role: 'primary' | 'secondary';
  /** Every setting as written, in order. */
  settings: FailoverPeerSettingPlan[];
  at: SourceRef;
}

export interface HostPlan {
  name: string;
  hardware: string | null;
  fixedAddresses: string[];
  parameters: Parameter[];
  at: SourceRef;
}

export interface NamedDeclaration {
  name: string;
  at: SourceRef;
}

export interface ClassPlan {
  kind: 'class' | 'vendor-class' | 'user-class';
  name: string;
  /** The class's own statements, normalised, in order. */
  statements: string[];
  at: SourceRef;
}

export interface SubclassPlan {
  className: string;
  value: string;
  at: SourceRef;
}

export interface AddressPlan {
  /** The file given, then every included file in the order read. */
  files: string[];
  /** DHCPv4 or DHCPv6 configuration (6 when any subnet6/range6/prefix6/pool6 appears). */
  family: 4 | 6;
  /** Parameters at the outermost scope. */
  parameters: Parameter[];
  sharedNetworks: SharedNetworkPlan[];
  subnets: SubnetPlan[];
  pools: PoolPlan[];
  failoverPeers: FailoverPeerPlan[];
  hosts: HostPlan[];
  groups: NamedDeclaration[];
  classes: ClassPlan[];
  subclasses: SubclassPlan[];
  keys: NamedDeclaration[];
}

/** A dhcpd.conf as the `--config` options carry it: the file named, and what it plans. */
export interface LoadedConfig {
  file: string;
  plan: AddressPlan;
}
