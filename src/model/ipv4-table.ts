import { BlockIpv4Table, type BlockArrays } from './ipv4-blocks.js';
import { HashedIpv4Table, type HashedArrays } from './ipv4-hashed.js';
import type { AddressStates } from './address-states.js';
import type { LeaseBatch } from './lease-batch.js';

export type { AddressStates } from './address-states.js';

/**
 * Per-address state for IPv4 leases: for each address, the binding state and
 * the byte offset of its last declaration (`check`, `set`), or the line of
 * its first (`verify`, `addFirst`). A 1 GB lease file holds about three
 * million distinct addresses; a Map of objects would need gigabytes. Held
 * in blocks of a /24 each (BlockIpv4Table), the way pools fill them; when
 * the addresses turn out scattered, in an open-addressing hash of the
 * whole address (HashedIpv4Table), which they are moved into once. The
 * answers are the same either way (test/check/address-table.test.ts).
 */
export class Ipv4Table implements AddressStates {
  private table: BlockIpv4Table | HashedIpv4Table;

  /** `blockCapacity`: the blocks to make room for at first (they double as needed). */
  constructor(blockCapacity = 4) {
    this.table = new BlockIpv4Table(blockCapacity);
  }

  /** A table with room for the addresses of `bytes` of a lease file (see BlockIpv4Table.forFileBytes). */
  static forFileBytes(bytes: number): Ipv4Table {
    const table = new Ipv4Table(1);
    table.table = BlockIpv4Table.forFileBytes(bytes);
    return table;
  }

  get size(): number {
    return this.table.size;
  }

  /**
   * Records the latest declaration for `key` (later ones override: the last
   * one wins). `state` is the binding state's index, or -1 for none.
   */
  set(key: number, state: number, offset: number): void {
    this.table.set(key, state, offset);
    this.hashIfSparse();
  }

  /**
   * `set` for each lease of `batch`, in order: the same table as that many
   * calls, in one loop with no call per lease (see LeaseBatch).
   */
  setBatch(batch: LeaseBatch): void {
    const table = this.table;
    if (table instanceof HashedIpv4Table) {
      table.setBatch(batch);
      return;
    }
    // The blocks stop at a lease that leaves them too sparse: the hash takes the rest.
    const stopped = table.setBatch(batch);
    if (table.tooSparse()) this.hashed().setBatch(batch, stopped);
  }

  /**
   * Records `key` with `state` and `offset` unless it is already held;
   * returns the offset already held, or -1 when `key` is new.
   */
  addFirst(key: number, state: number, offset: number): number {
    const held = this.table.addFirst(key, state, offset);
    this.hashIfSparse();
    return held;
  }

  has(key: number): boolean {
    return this.table.has(key);
  }

  get(key: number): { state: number; offset: number } | null {
    return this.table.get(key);
  }

  forEachEntry(visit: (key: number, state: number, offset: number) => void): void {
    this.table.forEachEntry(visit);
  }

  countStates(counts: number[]): void {
    this.table.countStates(counts);
  }

  /** Forgets every address, keeping the room (for a table reused part after part). */
  clear(): void {
    this.table.clear();
  }

  /** The table's arrays, to send to another thread (transfer their buffers). */
  toArrays(): Ipv4TableArrays {
    return this.table.toArrays();
  }

  static fromArrays(arrays: Ipv4TableArrays): Ipv4Table {
    const table = new Ipv4Table(1);
    table.table =
      arrays.layout === 'blocks'
        ? BlockIpv4Table.fromArrays(arrays)
        : HashedIpv4Table.fromArrays(arrays);
    return table;
  }

  /**
   * Records every address of `earlier` (a table of declarations that come
   * before all of this one's in the file) that this one does not hold: the
   * last declaration of an address wins, and this table's are the later.
   */
  absorbEarlier(earlier: Ipv4Table): void {
    if (earlier.table instanceof HashedIpv4Table) {
      // Scattered addresses, walked in the hash's slot order: HashedIpv4Table.absorbEarlier
      // makes this table as large first (see there why).
      const table = this.table instanceof HashedIpv4Table ? this.table : this.hashed();
      table.absorbEarlier(earlier.table);
      return;
    }
    earlier.forEachEntry((key, state, offset) => this.addFirst(key, state, offset));
  }

  private hashIfSparse(): void {
    if (this.table instanceof BlockIpv4Table && this.table.tooSparse()) this.hashed();
  }

  /** Moves the addresses into a hash of them (they are scattered: see BlockIpv4Table.tooSparse). */
  private hashed(): HashedIpv4Table {
    const blocks = this.table;
    let capacity = 16;
    while (capacity * 3 < blocks.size * 8) capacity *= 2;
    const hashed = new HashedIpv4Table(capacity);
    blocks.forEachEntry((key, state, offset) => hashed.set(key, state, offset));
    this.table = hashed;
    return hashed;
  }
}

/** An Ipv4Table's contents as plain typed arrays (structured-clone and transfer friendly). */
export type Ipv4TableArrays = BlockArrays | HashedArrays;

/** The buffers of a table's arrays: what a transfer to another thread moves instead of copying. */
export function buffersOf(arrays: Ipv4TableArrays): ArrayBuffer[] {
  const all =
    arrays.layout === 'blocks'
      ? [arrays.blockPrefixes, arrays.states, arrays.offsetsLow, arrays.offsetsHigh]
      : [arrays.keys, arrays.states, arrays.offsetsLow, arrays.offsetsHigh];
  return all.flatMap((array) => (array === null ? [] : [array.buffer as ArrayBuffer]));
}
