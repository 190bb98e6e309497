/**
 * What dhcpd's failover pool balancing computes for each failover pool
 * (server/failover.c dhcp_failover_pool_dobalance), from the addresses'
 * states: every address of a pool's ranges is a lease in dhcpd's memory;
 * those declared free, or not declared at all, are on its free queue.
 */
import type { AddressPlan } from '../conf/types.js';
import { formatAddress } from '../conf/address.js';
import type { Ipv4Tally } from './tally.js';
import type { PoolBalance } from './types.js';

/** failover.c: DEFAULT_MAX_LEASE_MISBALANCE and DEFAULT_MAX_LEASE_OWNERSHIP (percent). */
const DEFAULT_MISBALANCE = 15;
const DEFAULT_OWNERSHIP = 10;

/** C's integer division: truncates toward zero (and never gives -0). */
const cdiv = (a: number, b: number): number => Math.trunc(a / b) + 0;

export function poolBalances(plan: AddressPlan, v4: Ipv4Tally): PoolBalance[] {
  const out: PoolBalance[] = [];
  for (const pool of plan.pools) {
    if (pool.family !== 4 || pool.failoverPeer === null || pool.ranges.length === 0) continue;
    const peer = plan.failoverPeers.find((p) => p.name === pool.failoverPeer!.name);
    if (!peer) continue;
    const setting = (name: string, fallback: number): number => {
      const s = peer.settings.find((x) => x.setting === name && !x.partner);
      const value = s?.value === null || s === undefined ? NaN : Number(s.value);
      return Number.isFinite(value) ? value : fallback;
    };
    let total = 0;
    let free = 0;
    let backup = 0;
    for (const range of pool.ranges) {
      const size = Number(range.high - range.low + 1n);
      const c = v4.count(range.low, range.high);
      total += size;
      free += size - c.declared + c.free;
      backup += c.backup;
    }
    const lts = peer.role === 'primary' ? cdiv(free - backup, 2) : cdiv(backup - free, 2);
    const both = free + backup;
    const maxMisbalance = cdiv(
      both * setting('max-lease-misbalance', DEFAULT_MISBALANCE) + 50,
      100,
    );
    const maxOwn = cdiv(both * setting('max-lease-ownership', DEFAULT_OWNERSHIP) + 50, 100);
    const panic = maxMisbalance * -2 === 0 ? -1 : maxMisbalance * -2;
    out.push({
      pool: `${pool.container}: ${pool.ranges
        .map((r) => `${formatAddress(4, r.low)} - ${formatAddress(4, r.high)}`)
        .join(', ')}`,
      failoverPeer: peer.name,
      role: peer.role,
      total,
      free,
      backup,
      lts,
      maxOwn,
      maxMisbalance,
      outcome: lts < panic ? 'needs' : lts > maxOwn ? 'gives' : 'balanced',
    });
  }
  return out;
}
