import type { AddressStates } from './address-states.js';
import { Ipv4Slots, LOW_OFFSETS_END, type SlotArrays } from './ipv4-slots.js';
import type { LeaseBatch } from './lease-batch.js';

/** Addresses in a block: one /24, indexed by the address's last octet. */
const BLOCK = 256;
/** The fewest bytes a lease file usually spends on a lease: see BlockIpv4Table.forFileBytes. */
const BYTES_PER_LEASE = 200;
/** The most blocks forFileBytes makes room for at once (about 100 MB of leases); more double as they come. */
const MAX_PRESIZED_BLOCKS = 2048;
/**
 * The table is too sparse (see tooSparse) once it has this many blocks and
 * fewer than one address in SPARSE_RATIO of their slots is held.
 */
const SPARSE_FROM_BLOCKS = 64;
const SPARSE_RATIO = 8;

/**
 * Per-address state for IPv4 leases, a block of slots per /24: the state
 * and the offset of each address's last declaration, at the block's slot
 * for the address's last octet. A small hash of /24 prefixes finds the
 * block. dhcpd's addresses come from pools, ranges of consecutive
 * addresses, so a file's addresses fill few blocks nearly whole: a lease
 * touches the memory its neighbours touched, where a hash of the whole
 * address sends every lease to a slot of its own, anywhere in the table.
 * 100,000 leases of 80,000 addresses touch 98 pages, not 576 (this
 * machine's page faults cost 13-20 µs each), and 3.6 million inserts took
 * 100-220 ms against 360-640 ms, in less memory (docs/internals.md).
 *
 * Addresses scattered over the address space would fill a block each:
 * tooSparse() says when, and Ipv4Table moves them into a HashedIpv4Table.
 */
export class BlockIpv4Table extends Ipv4Slots implements AddressStates {
  /** Open addressing, a power of two: each block's /24 prefix + 1 (0: empty slot)... */
  private prefixKeys = new Int32Array(256);
  /** ...and its block number. */
  private prefixBlocks = new Int32Array(256);
  /** The /24 prefix of each block, by block number. */
  private blockPrefixes: Int32Array;
  private blocks = 0;
  /** The last block looked up: a file in address order, or a /24 pool's leases, stays in one for many leases. */
  private lastPrefix = -1;
  private lastBase = 0;

  constructor(blockCapacity = 4) {
    super(blockCapacity * BLOCK);
    this.blockPrefixes = new Int32Array(blockCapacity);
  }

  /**
   * A table with room for the blocks a file of `bytes` fills (dhcpd writes
   * 200 to 300 bytes a lease): the room is reserved, not touched, so a
   * generous guess costs nothing, and no doubling copies the blocks.
   */
  static forFileBytes(bytes: number): BlockIpv4Table {
    const blocks = Math.ceil(bytes / BYTES_PER_LEASE / BLOCK);
    return new BlockIpv4Table(Math.min(Math.max(blocks, 4), MAX_PRESIZED_BLOCKS));
  }

  /**
   * Fewer than one address in SPARSE_RATIO of the blocks' slots is held
   * (past the first SPARSE_FROM_BLOCKS blocks): the addresses are scattered,
   * and a hash of them takes less memory. Asked after each new block.
   */
  tooSparse(): boolean {
    return this.blocks >= SPARSE_FROM_BLOCKS && this.blocks * BLOCK > SPARSE_RATIO * this.count;
  }

  /** The slot of `key`, or -1 when its /24 has no block. */
  private slotOf(key: number): number {
    const prefix = key >>> 8;
    if (prefix === this.lastPrefix) return this.lastBase | (key & 255);
    const block = this.blockOf(prefix);
    if (block < 0) return -1;
    this.lastPrefix = prefix;
    this.lastBase = block * BLOCK;
    return this.lastBase | (key & 255);
  }

  /** The block of `prefix`, or -1. */
  private blockOf(prefix: number): number {
    const keys = this.prefixKeys;
    const mask = keys.length - 1;
    for (let i = Math.imul(prefix, 0x9e3779b1) & mask; ; i = (i + 1) & mask) {
      const held = keys[i]!;
      if (held === prefix + 1) return this.prefixBlocks[i]!;
      if (held === 0) return -1;
    }
  }

  /** The slot of `key`, its block made when it has none. */
  private slotFor(key: number): number {
    const slot = this.slotOf(key);
    if (slot >= 0) return slot;
    const prefix = key >>> 8;
    this.lastPrefix = prefix;
    this.lastBase = this.newBlock(prefix) * BLOCK;
    return this.lastBase | (key & 255);
  }

  private newBlock(prefix: number): number {
    const block = this.blocks++;
    if (this.blocks > this.blockPrefixes.length) this.growBlocks();
    this.blockPrefixes[block] = prefix;
    if (this.blocks * 2 > this.prefixKeys.length) this.growPrefixes();
    this.addPrefix(prefix, block);
    return block;
  }

  private addPrefix(prefix: number, block: number): void {
    const keys = this.prefixKeys;
    const mask = keys.length - 1;
    let i = Math.imul(prefix, 0x9e3779b1) & mask;
    while (keys[i] !== 0) i = (i + 1) & mask;
    keys[i] = prefix + 1;
    this.prefixBlocks[i] = block;
  }

  /** The prefix hash made anew with `length` slots, holding blocks 0 to `upTo` - 1. */
  private indexPrefixes(length: number, upTo: number): void {
    this.prefixKeys = new Int32Array(length);
    this.prefixBlocks = new Int32Array(length);
    for (let b = 0; b < upTo; b++) this.addPrefix(this.blockPrefixes[b]!, b);
  }

  /** Twice the prefix slots, for newBlock: the block it is making is added after. */
  private growPrefixes(): void {
    this.indexPrefixes(this.prefixKeys.length * 2, this.blocks - 1);
  }

  private growBlocks(): void {
    const capacity = this.blockPrefixes.length * 2;
    const grown = <T extends Int32Array | Uint8Array | Uint32Array>(
      old: T,
      make: (n: number) => T,
      per: number,
    ): T => {
      const array = make(capacity * per);
      array.set(old);
      return array;
    };
    this.blockPrefixes = grown(this.blockPrefixes, (n) => new Int32Array(n), 1);
    this.states = grown(this.states, (n) => new Uint8Array(n), BLOCK);
    this.offsetsLow = grown(this.offsetsLow, (n) => new Uint32Array(n), BLOCK);
    if (this.offsetsHigh !== null)
      this.offsetsHigh = grown(this.offsetsHigh, (n) => new Uint8Array(n), BLOCK);
  }

  /** Records the latest declaration of `key` (see Ipv4Table.set). */
  set(key: number, state: number, offset: number): void {
    const i = this.slotFor(key);
    if (this.states[i] === 0) this.count++;
    this.states[i] = state + 2;
    this.storeOffset(i, offset);
  }

  /**
   * `set` for the leases of `batch` from `from` on, in order, until one
   * makes a new block and the table tooSparse(): returns the index after
   * that lease, or the batch's count when all were set.
   */
  setBatch(batch: LeaseBatch, from = 0): number {
    const count = batch.count;
    let k = from;
    for (;;) {
      k = this.setInBlocks(batch, k, count);
      if (k === count) return count;
      // Lease k's /24 has no block yet: make it, set that lease alone, and ask
      // whether the table turned sparse before going on.
      this.newBlock(batch.addressWords[k]! >>> 8);
      k = this.setInBlocks(batch, k, k + 1);
      if (this.tooSparse()) return k;
    }
  }

  /**
   * Sets leases `from` to `to` of `batch` (exclusive), in order, while their
   * /24 has a block: returns the index of the first whose /24 has none, or
   * `to`. The loop of setBatch, which runs once per lease of a file, mostly
   * before V8 has optimised it: the arrays are in locals and the block lookup
   * is written out. Nothing in it is reached only now and then (a new block,
   * the sparseness test): V8 collects no type feedback in a function's first
   * calls, and optimised code that reached a property read it had no
   * feedback for was thrown away, three times in a 29 MB check.
   */
  private setInBlocks(batch: LeaseBatch, from: number, to: number): number {
    // A file dhcpd wrote lists a pool's leases by state and time, not by
    // address: most leases are of another /24 than the one before, so the
    // lookup runs for nearly every lease.
    const { addressWords, states, starts, base: batchBase } = batch;
    const stored = this.states;
    const low = this.offsetsLow;
    const prefixKeys = this.prefixKeys;
    const prefixBlocks = this.prefixBlocks;
    const mask = prefixKeys.length - 1;
    let prefix = this.lastPrefix;
    let base = this.lastBase;
    let k = from;
    for (; k < to; k++) {
      // Signed: only its bits are used (see LeaseBatch.addressWords).
      const key = addressWords[k]!;
      if (key >>> 8 !== prefix) {
        const wanted = key >>> 8;
        let p = Math.imul(wanted, 0x9e3779b1) & mask;
        let held = prefixKeys[p]!;
        while (held !== wanted + 1 && held !== 0) {
          p = (p + 1) & mask;
          held = prefixKeys[p]!;
        }
        if (held === 0) break;
        prefix = wanted;
        base = prefixBlocks[p]! * BLOCK;
      }
      const i = base | (key & 255);
      if (stored[i] === 0) this.count++;
      stored[i] = states[k]! + 2;
      const offset = batchBase + starts[k]!;
      if (offset < LOW_OFFSETS_END && this.offsetsHigh === null) low[i] = offset;
      else this.storeOffset(i, offset);
    }
    this.lastPrefix = prefix;
    this.lastBase = base;
    return k;
  }

  /** See Ipv4Table.addFirst. */
  addFirst(key: number, state: number, offset: number): number {
    const i = this.slotFor(key);
    if (this.states[i] !== 0) return this.offsetAt(i);
    this.count++;
    this.states[i] = state + 2;
    this.storeOffset(i, offset);
    return -1;
  }

  has(key: number): boolean {
    const i = this.slotOf(key);
    return i >= 0 && this.states[i] !== 0;
  }

  get(key: number): { state: number; offset: number } | null {
    const i = this.slotOf(key);
    if (i < 0 || this.states[i] === 0) return null;
    return { state: this.states[i]! - 2, offset: this.offsetAt(i) };
  }

  forEachEntry(visit: (key: number, state: number, offset: number) => void): void {
    const states = this.states;
    for (let b = 0; b < this.blocks; b++) {
      const base = b * BLOCK;
      const high = this.blockPrefixes[b]! * BLOCK;
      for (let o = 0; o < BLOCK; o++) {
        const stored = states[base + o]!;
        if (stored !== 0) visit((high + o) >>> 0, stored - 2, this.offsetAt(base + o));
      }
    }
  }

  countStates(counts: number[]): void {
    const states = this.states;
    const end = this.blocks * BLOCK;
    for (let i = 0; i < end; i++) {
      // A stored state is the index + 2: counts[stored - 1] is counts[index + 1].
      const stored = states[i]!;
      if (stored !== 0) counts[stored - 1]!++;
    }
  }

  /** Forgets every address, keeping the room (for a table reused part after part). */
  clear(): void {
    this.states.fill(0, 0, this.blocks * BLOCK);
    this.offsetsHigh?.fill(0, 0, this.blocks * BLOCK);
    this.prefixKeys.fill(0);
    this.blocks = 0;
    this.count = 0;
    this.lastPrefix = -1;
  }

  /** The table's arrays, to send to another thread (transfer their buffers). */
  toArrays(): BlockArrays {
    return {
      layout: 'blocks',
      blockPrefixes: this.blockPrefixes,
      blocks: this.blocks,
      ...this.slotArrays(),
    };
  }

  static fromArrays(arrays: BlockArrays): BlockIpv4Table {
    const table = new BlockIpv4Table(1);
    table.adoptSlotArrays(arrays);
    table.blockPrefixes = arrays.blockPrefixes;
    table.blocks = arrays.blocks;
    let length = table.prefixKeys.length;
    while (table.blocks * 2 > length) length *= 2;
    table.indexPrefixes(length, table.blocks);
    return table;
  }
}

/** A BlockIpv4Table's contents as plain typed arrays (structured-clone and transfer friendly). */
export interface BlockArrays extends SlotArrays {
  layout: 'blocks';
  blockPrefixes: Int32Array;
  blocks: number;
}
