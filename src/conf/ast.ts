/**
 * The statements of one dhcpd.conf file as the grammar reads them, before
 * includes are followed and scopes resolved. `line` is 1-based in the file
 * the statement was read from. Names and strings are decoded; words that
 * dhcpd compares case-insensitively are lower case.
 */

export type Statement =
  | IncludeStatement
  | SharedNetworkStatement
  | SubnetStatement
  | Subnet6Statement
  | PoolStatement
  | RangeStatement
  | Range6Statement
  | Prefix6Statement
  | FailoverPeerStatement
  | FailoverReferenceStatement
  | FailoverStateStatement
  | NoFailoverPeerStatement
  | HostStatement
  | GroupStatement
  | ClassStatement
  | SubclassStatement
  | KeyStatement
  | PermitStatement
  | HardwareStatement
  | FixedAddressStatement
  | OpaqueStatement;

export interface IncludeStatement {
  kind: 'include';
  line: number;
  path: string;
}

export interface SharedNetworkStatement {
  kind: 'shared-network';
  line: number;
  name: string;
  body: Statement[];
}

export interface SubnetStatement {
  kind: 'subnet';
  line: number;
  network: string;
  netmask: string;
  body: Statement[];
}

export interface Subnet6Statement {
  kind: 'subnet6';
  line: number;
  network: string;
  prefixLength: number;
  body: Statement[];
}

export interface PoolStatement {
  kind: 'pool';
  line: number;
  family: 4 | 6;
  body: Statement[];
}

export interface RangeStatement {
  kind: 'range';
  line: number;
  dynamicBootp: boolean;
  low: string;
  /** null for the one-address form `range A;`. */
  high: string | null;
}

export interface Range6Statement {
  kind: 'range6';
  line: number;
  low: string;
  end:
    | { kind: 'high'; address: string }
    | { kind: 'cidr'; bits: number; temporary: boolean }
    | { kind: 'temporary' };
}

export interface Prefix6Statement {
  kind: 'prefix6';
  line: number;
  low: string;
  high: string;
  /** The length of the prefixes delegated from this range. */
  bits: number;
}

/** The names parse_failover_peer knows; `peer` settings describe the partner. */
export type FailoverSettingName =
  | 'primary'
  | 'secondary'
  | 'address'
  | 'port'
  | 'load balance max seconds'
  | 'split'
  | 'hba'
  | 'max-response-delay'
  | 'max-unacked-updates'
  | 'max-lease-misbalance'
  | 'max-lease-ownership'
  | 'max-balance'
  | 'min-balance'
  | 'auto-partner-down'
  | 'mclt';

export interface FailoverSetting {
  line: number;
  /** Written after `peer`: the partner's value. */
  partner: boolean;
  name: FailoverSettingName;
  /** The value as written (normalised spacing); null for primary/secondary. */
  value: string | null;
}

export interface FailoverPeerStatement {
  kind: 'failover-peer';
  line: number;
  /** Line of the closing `}`: where parse_failover_peer's checks after the block point. */
  endLine: number;
  name: string;
  settings: FailoverSetting[];
}

export interface FailoverReferenceStatement {
  kind: 'failover-reference';
  line: number;
  name: string;
}

export interface FailoverStateStatement {
  kind: 'failover-state';
  line: number;
  name: string;
}

export interface NoFailoverPeerStatement {
  kind: 'no-failover-peer';
  line: number;
}

export interface HostStatement {
  kind: 'host';
  line: number;
  name: string;
  body: Statement[];
}

export interface GroupStatement {
  kind: 'group';
  line: number;
  name: string | null;
  body: Statement[];
}

export interface ClassStatement {
  kind: 'class';
  line: number;
  classKind: 'class' | 'vendor-class' | 'user-class';
  name: string;
  body: Statement[];
}

export interface SubclassStatement {
  kind: 'subclass';
  line: number;
  className: string;
  /** The match value as written (a quoted string or a hex list). */
  value: string;
  body: Statement[] | null;
}

export interface KeyStatement {
  kind: 'key';
  line: number;
  name: string;
  algorithm: string | null;
}

export interface PermitStatement {
  kind: 'permit';
  line: number;
  verb: 'allow' | 'deny' | 'ignore';
  /** The words after the verb, normalised, e.g. `unknown-clients`, `members of "vip"`. */
  what: string;
}

export interface HardwareStatement {
  kind: 'hardware';
  line: number;
  hardwareType: string;
  address: string;
}

export interface FixedAddressStatement {
  kind: 'fixed-address';
  line: number;
  family: 4 | 6;
  addresses: string[];
}

/** A statement the grammar keeps without modelling it: its tokens, normalised. */
export interface OpaqueStatement {
  kind: 'opaque';
  line: number;
  /** The tokens before the `;` or block: words lower case, strings as written. */
  tokens: string[];
  /** The block's tokens joined by single spaces, or null for a `;` statement. */
  block: string | null;
}
