/**
 * Questions other features ask of an address plan (`--config` on check,
 * verify and ready): is this lease's address served, are the failover
 * peers, classes and groups a lease file names declared.
 */
import { parseIpv4, parseIpv6 } from './address.js';
import type { AddressPlan, AddressRange, PoolPlan, SubnetPlan } from './types.js';

export interface AddressMatch {
  subnet: SubnetPlan | null;
  pool: PoolPlan;
  range: AddressRange;
}

/**
 * The pool and range that contain an address (IPv4 dotted quad or IPv6),
 * or null when no range does: dhcpd drops such a lease with "no subnet"
 * (v4) or does not load it into any pool.
 */
export function addressInRanges(plan: AddressPlan, address: string): AddressMatch | null {
  const family = address.includes(':') ? 6 : 4;
  const value = family === 4 ? parseIpv4(address) : parseIpv6(address);
  if (value === null) return null;
  for (const pool of plan.pools) {
    for (const range of pool.ranges) {
      if (range.family !== family || range.kind === 'prefix6') continue;
      if (value >= range.low && value <= range.high) {
        const subnet =
          plan.subnets.find((s) => s.family === family && (value & s.mask) === s.network) ?? null;
        return { subnet, pool, range };
      }
    }
  }
  return null;
}

/** The prefix6 range that contains a delegated prefix `ADDR/LEN` (or its address), or null. */
export function prefixInRanges(plan: AddressPlan, prefix: string): AddressMatch | null {
  const [address = '', length] = prefix.split('/');
  const value = parseIpv6(address);
  if (value === null) return null;
  for (const pool of plan.pools) {
    for (const range of pool.ranges) {
      if (range.kind !== 'prefix6') continue;
      if (length !== undefined && Number(length) !== range.prefixLength) continue;
      if (value >= range.low && value <= range.high) {
        const subnet =
          plan.subnets.find((s) => s.family === 6 && (value & s.mask) === s.network) ?? null;
        return { subnet, pool, range };
      }
    }
  }
  return null;
}

/** The subnet an address lies in, range or not (dhcpd's "no subnet" test). */
export function subnetOf(plan: AddressPlan, address: string): SubnetPlan | null {
  const family = address.includes(':') ? 6 : 4;
  const value = family === 4 ? parseIpv4(address) : parseIpv6(address);
  if (value === null) return null;
  return plan.subnets.find((s) => s.family === family && (value & s.mask) === s.network) ?? null;
}

export function failoverPeerNames(plan: AddressPlan): string[] {
  return plan.failoverPeers.map((p) => p.name);
}

/** Names of `class`, `vendor-class` and `user-class` declarations. */
export function classNames(plan: AddressPlan): string[] {
  return [...new Set(plan.classes.map((c) => c.name))];
}

/** Names of named `group` declarations. */
export function groupNames(plan: AddressPlan): string[] {
  return [...new Set(plan.groups.map((g) => g.name))];
}
