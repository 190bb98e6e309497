/**
 * The typed view of one top-level declaration of a lease file, as the scanner
 * extracts it from the grammar's events. Only what some report needs is kept;
 * times are seconds since the epoch (UTC), `null` when absent, `Infinity` for `never`.
 */

export type DeclarationKind =
  | 'lease'
  | 'host'
  | 'group'
  | 'class'
  | 'subclass'
  | 'failover-state'
  | 'server-duid'
  | 'authoring-byte-order'
  | 'ia-na'
  | 'ia-ta'
  | 'ia-pd';

export const declarationKinds: readonly DeclarationKind[] = [
  'lease',
  'host',
  'group',
  'class',
  'subclass',
  'failover-state',
  'server-duid',
  'authoring-byte-order',
  'ia-na',
  'ia-ta',
  'ia-pd',
];

/**
 * dhcpd's binding states in the order of includes/dhcpd.h FTS_* (FTS_FREE is
 * 1): common/tables.c binding_state_names[state - 1].
 */
export const ftsBindingStates = [
  'free',
  'active',
  'expired',
  'released',
  'abandoned',
  'reset',
  'backup',
] as const;

/** dhcpd's binding states, plus the legacy spellings it reads (`reserved`, `bootp`). */
export const bindingStates = [...ftsBindingStates, 'reserved', 'bootp'] as const;

export type BindingState = (typeof bindingStates)[number];

/** Failover states as dhcpd writes them (failover.c dhcp_failover_state_name_print). */
export const failoverStateNames = [
  'unknown-state',
  'partner-down',
  'normal',
  'communications-interrupted',
  'conflict-done',
  'resolution-interrupted',
  'potential-conflict',
  'recover',
  'recover-done',
  'recover-wait',
  'shutdown',
  'paused',
  'startup',
] as const;

export type FailoverStateName = (typeof failoverStateNames)[number];

export interface Declaration {
  kind: DeclarationKind;
  /** Byte offset of the declaration's first byte. */
  offset: number;
  /** Byte length, up to and including its closing `}` or `;`. */
  length: number;
  /** 1-based line of the first byte. */
  line: number;
  /** lease: the IPv4 address; ia-*: the IAID+DUID string as written (with its quotes/escapes); host/group/class: the name; failover-state: the peer name. */
  key: string | null;
  /** v6: the iaaddr/iaprefix addresses inside an IA. */
  addresses?: string[];
  bindingState: BindingState | null;
  nextBindingState: BindingState | null;
  rewindBindingState: BindingState | null;
  starts: number | null;
  ends: number | null;
  cltt: number | null;
  tstp: number | null;
  tsfp: number | null;
  atsfp: number | null;
  /** `hardware ethernet 00:11:..` as written after `hardware`. */
  hardware: string | null;
  /**
   * lease/host: `hardware ethernet ;`, a type with no address. dhcpd writes it
   * for a lease it loaded from a file cut right after the type, and reads it back.
   */
  hardwareTypeOnly?: boolean;
  /** `uid` exactly as written (quoted string or hex list). */
  uid: string | null;
  clientHostname: string | null;
  /** lease: `reserved;` present (dhcpd queues a free or backup lease on its reserved list). */
  reserved?: boolean;
  /** lease: has an `on expiry` or `on release` block (a lease without a binding state is then active). */
  onExpiryOrRelease?: boolean;
  /** host/class/group: `deleted;` present. */
  deleted: boolean;
  /** host/class/group: `dynamic;` present. */
  dynamic: boolean;
  /**
   * Its text, from the end of the declaration before it (so with the white
   * space and comments before it), when dhcpd's token-level reading may
   * differ from the grammar's: IAs, groups, declarations of 1,499 bytes or more
   * (dhcpd's token buffer) and strings with escapes its lexer reads
   * otherwise. `sourceOffset` is where that text starts in the file.
   */
  source?: string;
  sourceOffset?: number;
  /** failover-state only. */
  failover?: {
    myState: FailoverStateName | null;
    myStateAt: number | null;
    partnerState: FailoverStateName | null;
    partnerStateAt: number | null;
    mclt: number | null;
  };
}
