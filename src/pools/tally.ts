/**
 * The state of every address a lease file declares, classed as dhcpd-pools
 * counts them (used, touched, backup), sorted by address so that each range
 * is counted by two binary searches.
 */
import type { BindingState } from '../model/types.js';

export const USED = 0;
export const TOUCHED = 1;
export const BACKUP = 2;
/** Loaded but in no queue (state 0): counted nowhere. */
export const UNCOUNTED = 3;
/** State free: touched, and on the free queue that failover balancing counts. */
export const FREE = 4;

/** The class of a binding state as dhcpd loads it. */
export function classOf(state: BindingState | null): number {
  switch (state) {
    case 'active':
    case 'bootp':
    case 'reserved':
      return USED;
    case 'backup':
      return BACKUP;
    case null:
      return UNCOUNTED;
    case 'free':
      return FREE;
    default:
      return TOUCHED;
  }
}

export interface Counts {
  used: number;
  touched: number;
  backup: number;
  expiring: number;
  /** Declared in state free (part of touched). */
  free: number;
  /** Declared at all. */
  declared: number;
}

export function emptyCounts(): Counts {
  return { used: 0, touched: 0, backup: 0, expiring: 0, free: 0, declared: 0 };
}

function tallyOne(counts: Counts, cls: number, expiring: boolean): void {
  counts.declared++;
  if (cls === USED) {
    counts.used++;
    if (expiring) counts.expiring++;
  } else if (cls === TOUCHED) counts.touched++;
  else if (cls === FREE) {
    counts.touched++;
    counts.free++;
  } else if (cls === BACKUP) counts.backup++;
}

/** Counts the addresses of a range: v4 and v6 tallies both answer it. */
export interface RangeCounter {
  count(low: bigint, high: bigint): Counts;
}

/**
 * IPv4 addresses, packed with their class as `address * 16 + class * 2 +
 * expiring` in one Float64Array: sorted without a comparator, a few
 * hundred milliseconds for millions of addresses.
 */
export class Ipv4Tally implements RangeCounter {
  private packed = new Float64Array(1024);
  private length = 0;
  /** Later states of addresses already added (a partial last lease, a made-up state). */
  private readonly overrides = new Map<number, number>();

  /** Adds an address not added before. */
  add(address: number, cls: number, expiring = false): void {
    if (this.length === this.packed.length) {
      const bigger = new Float64Array(this.packed.length * 2);
      bigger.set(this.packed);
      this.packed = bigger;
    }
    this.packed[this.length++] = address * 16 + cls * 2 + (expiring ? 1 : 0);
  }

  /** Replaces the class of an address, added or not. */
  override(address: number, cls: number, expiring = false): void {
    this.overrides.set(address, cls * 2 + (expiring ? 1 : 0));
  }

  get size(): number {
    return this.length;
  }

  /** Sorts by address; call once, after the last add(). */
  seal(): void {
    const seen = new Set<number>();
    for (let i = 0; i < this.length; i++) {
      const address = Math.floor(this.packed[i]! / 16);
      const low = this.overrides.get(address);
      if (low !== undefined) {
        this.packed[i] = address * 16 + low;
        seen.add(address);
      }
    }
    for (const [address, low] of this.overrides) {
      if (!seen.has(address)) this.add(address, low >> 1, (low & 1) === 1);
    }
    this.overrides.clear();
    this.packed = this.packed.subarray(0, this.length).sort();
  }

  count(low: bigint, high: bigint): Counts {
    const counts = emptyCounts();
    const from = Number(low) * 16;
    const to = Number(high) * 16 + 15;
    let lo = 0;
    let hi = this.packed.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.packed[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.packed.length && this.packed[i]! <= to; i++) {
      const low4 = this.packed[i]! % 16;
      tallyOne(counts, low4 >> 1, (low4 & 1) === 1);
    }
    return counts;
  }
}

/** IPv6 addresses or delegated prefixes with their class; a later set() of one replaces it. */
export class Ipv6Tally implements RangeCounter {
  private readonly byKey = new Map<bigint, number>();
  private keys: bigint[] = [];
  private values: number[] = [];

  set(key: bigint, cls: number, expiring = false): void {
    this.byKey.set(key, cls * 2 + (expiring ? 1 : 0));
  }

  seal(): void {
    this.keys = [...this.byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.values = this.keys.map((k) => this.byKey.get(k)!);
  }

  count(low: bigint, high: bigint): Counts {
    const counts = emptyCounts();
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! < low) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.keys.length && this.keys[i]! <= high; i++) {
      tallyOne(counts, this.values[i]! >> 1, (this.values[i]! & 1) === 1);
    }
    return counts;
  }
}
