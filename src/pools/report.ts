/**
 * `leasecheck pools`: how full each range, shared network and the whole
 * server is, counted by the state of each address's last declaration as
 * dhcpd loads it, with dhcpd-pools' meanings (see types.ts).
 */
import { formatAddress, parseIpv4, parseIpv6 } from '../conf/address.js';
import { formatIso } from '../check/time.js';
import type { AddressPlan, AddressRange, PoolPlan, SubnetPlan } from '../conf/types.js';
import { gatherLeases, type Gathered } from './gather.js';
import { emptyCounts, type Counts, type RangeCounter } from './tally.js';
import { poolBalances } from './balance.js';
import type { PoolsReport, RangeUsage, SharedNetworkUsage, Usage } from './types.js';

export interface PoolsOptions {
  /** Also count the leases dhcpd would expire at start-up at this time. */
  now?: Date;
}

/** dhcpd-pools' name for the ranges outside every shared-network, and for the summary. */
export const ALL_NETWORKS = 'All networks';

export async function poolsReport(
  leaseFile: string,
  config: { file: string; plan: AddressPlan },
  options: PoolsOptions = {},
): Promise<PoolsReport> {
  const plan = config.plan;
  const gathered = await gatherLeases(leaseFile, {
    ...(options.now ? { now: options.now } : {}),
    v6: plan.family === 6,
  });
  return buildReport(leaseFile, config.file, plan, gathered, options.now ?? null);
}

export function buildReport(
  leaseFile: string,
  configFile: string,
  plan: AddressPlan,
  gathered: Gathered,
  now: Date | null,
): PoolsReport {
  const withExpiring = now !== null;
  const subnets: RangeUsage[] = [];
  for (const pool of plan.pools) {
    for (const range of pool.ranges) {
      subnets.push(rangeUsage(plan, pool, range, gathered, withExpiring));
    }
  }
  // dhcpd-pools lists ranges by their first address.
  subnets.sort((a, b) =>
    a.family !== b.family ? a.family - b.family : compareAddresses(a.family, a.first, b.first),
  );
  // Sums count addresses: delegated prefixes (prefix6) are listed, not added in
  // (dhcpd-pools does not read prefix6 at all).
  const addressRanges = subnets.filter((r) => r.kind !== 'prefix6');
  const shared: SharedNetworkUsage[] = plan.sharedNetworks.map((s) => ({
    location: s.name,
    ...sumOf(
      addressRanges.filter((r) => r.sharedNetwork === s.name),
      withExpiring,
    ),
  }));
  const summary = { location: ALL_NETWORKS, ...sumOf(addressRanges, withExpiring) };
  const ranges = plan.pools.flatMap((p) => p.ranges);
  const fixed = plan.hosts.flatMap((h) => h.fixedAddresses);
  const inRanges = fixed.filter((address) => {
    const value = address.includes(':') ? parseIpv6(address) : parseIpv4(address);
    return (
      value !== null &&
      ranges.some(
        (r) => r.family === (address.includes(':') ? 6 : 4) && value >= r.low && value <= r.high,
      )
    );
  });
  return {
    file: leaseFile,
    config: configFile,
    now: now === null ? null : formatIso(now.getTime() / 1000),
    failover: subnets.some((r) => r.backup > 0),
    subnets,
    'shared-networks': shared,
    summary,
    fixedAddresses: { count: fixed.length, inRanges },
    balance: poolBalances(plan, gathered.v4),
    problems: gathered.problems,
  };
}

function compareAddresses(family: 4 | 6, a: string, b: string): number {
  const x = family === 4 ? parseIpv4(a) : parseIpv6(a.split(' ')[0]!);
  const y = family === 4 ? parseIpv4(b) : parseIpv6(b.split(' ')[0]!);
  return x === null || y === null ? 0 : x < y ? -1 : x > y ? 1 : 0;
}

function rangeUsage(
  plan: AddressPlan,
  pool: PoolPlan,
  range: AddressRange,
  gathered: Gathered,
  withExpiring: boolean,
): RangeUsage {
  const subnet = subnetOfRange(plan, range);
  const sharedNetwork =
    subnet?.sharedNetwork ?? /^shared-network "(.*)"$/.exec(pool.container)?.[1] ?? null;
  let defined: number;
  let counter: RangeCounter | undefined;
  if (range.kind === 'prefix6') {
    const length = range.prefixLength ?? 128;
    defined = Number(((range.high - range.low) >> BigInt(128 - length)) + 1n);
    counter = gathered.prefixes.get(length);
  } else {
    defined = Number(range.high - range.low + 1n);
    counter = range.family === 4 ? gathered.v4 : gathered.v6;
  }
  const counts = counter?.count(range.low, range.high) ?? emptyCounts();
  const first = formatAddress(range.family, range.low);
  // prefix6: the last prefix delegated, as dhcpd.conf writes it.
  const last = formatAddress(
    range.family,
    range.kind === 'prefix6'
      ? (range.high >> BigInt(128 - (range.prefixLength ?? 128))) <<
          BigInt(128 - (range.prefixLength ?? 128))
      : range.high,
  );
  return {
    location: sharedNetwork ?? ALL_NETWORKS,
    range: `${first} - ${last}${range.kind === 'prefix6' ? ` /${range.prefixLength}` : ''}`,
    first,
    last,
    kind: range.kind,
    family: range.family,
    subnet: subnet?.cidr ?? null,
    sharedNetwork,
    failoverPeer: pool.failoverPeer?.name ?? null,
    dynamicBootp: range.dynamicBootp,
    at: range.at,
    ...usage(defined, counts, withExpiring),
  };
}

function subnetOfRange(plan: AddressPlan, range: AddressRange): SubnetPlan | null {
  return (
    plan.subnets.find((s) => s.family === range.family && (range.low & s.mask) === s.network) ??
    null
  );
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((100000 * part) / whole) / 1000;
}

function usage(defined: number, c: Counts, withExpiring: boolean): Usage {
  return {
    defined,
    used: c.used,
    touched: c.touched,
    free: defined - c.used,
    backup: c.backup,
    percent: percent(c.used, defined),
    touchedUsedPercent: percent(c.touched + c.used, defined),
    backupPercent: percent(c.backup, defined),
    ...(withExpiring ? { expiring: c.expiring } : {}),
  };
}

function sumOf(ranges: Usage[], withExpiring: boolean): Usage {
  const c: Counts = emptyCounts();
  let defined = 0;
  for (const r of ranges) {
    defined += r.defined;
    c.used += r.used;
    c.touched += r.touched;
    c.backup += r.backup;
    c.expiring += r.expiring ?? 0;
  }
  return usage(defined, c, withExpiring);
}
