/**
 * The shapes `leasecheck pools --json` promises. The top-level keys and the
 * meanings of `defined`, `used`, `touched` and `free` are dhcpd-pools'
 * (`dhcpd-pools -f j`), so that scripts written for it keep working:
 * `subnets` lists ranges, `shared-networks` the shared networks, `summary`
 * all ranges together. Field names: add, never rename.
 */

/** Address counts of a range, a shared network or all of them. */
export interface Usage {
  /** Addresses the ranges define (prefix6: delegable prefixes). */
  defined: number;
  /** Addresses whose last declaration is active (bootp and reserved read as active). */
  used: number;
  /** Addresses declared in the file in a free-like state: free, expired, released, abandoned, reset. */
  touched: number;
  /** defined - used, as dhcpd-pools counts it (touched and backup addresses are free). */
  free: number;
  /** Addresses in state backup: the failover partner may allocate them. */
  backup: number;
  /** used / defined, in percent (0 when nothing is defined). */
  percent: number;
  /** (touched + used) / defined, in percent. */
  touchedUsedPercent: number;
  backupPercent: number;
  /** With --now: used addresses whose lease ended by then, which dhcpd would expire at start-up. */
  expiring?: number;
}

export interface RangeUsage extends Usage {
  /** The shared-network's name, or `All networks` (dhcpd-pools' location). */
  location: string;
  /** `FIRST - LAST` (prefix6: `FIRST - LAST /LEN`). */
  range: string;
  first: string;
  last: string;
  kind: 'range' | 'range6' | 'temporary' | 'prefix6';
  family: 4 | 6;
  /** The subnet it lies in (`10.0.0.0/16`), the explicit shared network, the pool's failover peer. */
  subnet: string | null;
  sharedNetwork: string | null;
  failoverPeer: string | null;
  dynamicBootp: boolean;
  /** Where the range is written in dhcpd.conf. */
  at: { file: string; line: number };
}

export interface SharedNetworkUsage extends Usage {
  location: string;
}

export interface PoolsReport {
  file: string;
  config: string;
  /** With --now: the time `expiring` uses. */
  now: string | null;
  /** True when some address is in state backup (dhcpd-pools then shows the bu columns). */
  failover: boolean;
  subnets: RangeUsage[];
  'shared-networks': SharedNetworkUsage[];
  summary: Usage & { location: string };
  /** Host declarations with fixed addresses: not in any pool, counted apart. */
  fixedAddresses: { count: number; inRanges: string[] };
  /**
   * Failover pools: what dhcpd's pool balancing computes from these leases
   * (server/failover.c dhcp_failover_pool_dobalance) and logs as
   * `balancing pool … total T  free F  backup B  lts L  max-own (+/-)H`.
   */
  balance: PoolBalance[];
  /** Damage in the lease file: counts are those of what dhcpd loads; these say where. */
  problems: Array<{ line: number; message: string }>;
}

export interface PoolBalance {
  /** The pool: where it is declared and its ranges. */
  pool: string;
  failoverPeer: string;
  role: 'primary' | 'secondary';
  /** The pool's addresses (dhcpd's lease_count). */
  total: number;
  /** Addresses on the free queue: declared free, or not declared at all. */
  free: number;
  backup: number;
  /** Leases to send: primary (free - backup) / 2, secondary (backup - free) / 2, truncated. */
  lts: number;
  /** max-lease-ownership percent of free + backup: how far lts may stay from 0 after balancing. */
  maxOwn: number;
  /** max-lease-misbalance percent of free + backup: above it, the pool is IMBALANCED. */
  maxMisbalance: number;
  /**
   * `gives`: this server moves leases to its peer (lts above max-own);
   * `needs`: it lacks leases and asks the peer to rebalance (lts below
   * -2 × max-misbalance: "requesting peer rebalance!"); `balanced` otherwise.
   */
  outcome: 'balanced' | 'gives' | 'needs';
}
