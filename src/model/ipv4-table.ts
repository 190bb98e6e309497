import type { LeaseBatch } from './lease-batch.js';

/** What `check` reads of the IPv4 addresses of a file, each with its last declaration. */
export interface AddressStates {
  /** How many distinct addresses. */
  readonly size: number;
  has(key: number): boolean;
  /** The state index (-1: none) and offset of `key`'s last declaration, or null. */
  get(key: number): { state: number; offset: number } | null;
  /** Calls `visit` with each address, its state index (-1: none) and offset, in no set order. */
  forEachEntry(visit: (key: number, state: number, offset: number) => void): void;
  /** Calls `visit` with each address's state index (-1: none recorded). */
  forEachState(visit: (state: number) => void): void;
  /**
   * Counts the addresses by state: adds one to `counts[state + 1]` for each
   * (`counts[0]`: no state recorded). What forEachState gives, with no call
   * per address: it runs once per check, before V8 has optimised it.
   */
  countStates(counts: number[]): void;
}

/** The fewest bytes a lease file usually spends on a lease: see Ipv4Table.forFileBytes. */
const BYTES_PER_LEASE = 200;
/** The most slots Ipv4Table.forFileBytes makes a table with (a power of two). */
const MAX_PRESIZED = 2 ** 20;

/**
 * Per-address state for IPv4 leases in typed arrays: an open-addressing hash
 * table keyed by the 32-bit address. A 1 GB lease file holds about three
 * million distinct addresses; a Map of objects would need gigabytes, this
 * needs 10 bytes a slot: the key, the state, and the byte offset of the
 * address's last declaration (40 bits: files up to 1 TB). `check` keeps
 * each address's last declaration (`set`); `verify` keeps the line of each
 * snapshot address's first one (`addFirst`, the line in place of the offset).
 */
export class Ipv4Table implements AddressStates {
  private keys: Uint32Array;
  /** Binding state index + 2; 1: no binding state recorded; 0: empty slot. */
  private states: Uint8Array;
  private offsetsLow: Uint32Array;
  /**
   * Bits 32-39 of the offsets, made when the first offset of 4 GiB or more
   * is stored: smaller files, nearly all of them, save a tenth of the table.
   */
  private offsetsHigh: Uint8Array | null = null;
  private count = 0;

  /**
   * A table starts small and doubles as it fills. Small on purpose: its
   * first doublings then happen within a few leases, before V8 optimises
   * the code that adds them, which therefore knows the call to grow(); a
   * first doubling later, inside optimised code, threw that code away.
   */
  constructor(capacity = 16) {
    this.keys = new Uint32Array(capacity);
    this.states = new Uint8Array(capacity);
    this.offsetsLow = new Uint32Array(capacity);
  }

  /**
   * A table for the leases in `bytes` of a lease file, made at once as large
   * as such a file's addresses need (dhcpd writes 200 to 300 bytes a lease).
   * Each doubling rehashes every address so far, and on a file of a few MB
   * that runs before V8 has optimised it: growing from 16 slots cost a check
   * of a 3.6 MB file some milliseconds. Beyond MAX_PRESIZED slots (9 MB of
   * table) it doubles as it fills, like any table: a file that large spends
   * its time elsewhere. A wrong guess costs time, never a wrong answer.
   */
  static forFileBytes(bytes: number): Ipv4Table {
    const addresses = Math.ceil(bytes / BYTES_PER_LEASE);
    let capacity = 16;
    while (capacity < MAX_PRESIZED && capacity * 3 < addresses * 4) capacity *= 2;
    return new Ipv4Table(capacity);
  }

  /** Forgets every address, keeping the capacity (for a table reused part after part). */
  clear(): void {
    this.states.fill(0);
    this.count = 0;
  }

  get size(): number {
    return this.count;
  }

  private slot(key: number): number {
    const keys = this.keys;
    const states = this.states;
    const mask = keys.length - 1;
    // Fibonacci hashing spreads sequential addresses across the table. The
    // mask keeps the same low bits of the signed product as of the unsigned
    // one: no `>>> 0`, whose result above 2^31 was a heap number per lease in
    // the code V8 had not optimised yet.
    let i = Math.imul(key, 0x9e3779b1) & mask;
    // Every load and comparison runs on every call, an empty slot's key too:
    // one that ran only on a collision had no type feedback when V8 optimised
    // the callers, and the first collision after that threw their optimised
    // code away (the key's comparison is a statement of its own for that).
    for (;;) {
      const empty = states[i] === 0;
      const same = keys[i] === key;
      if (empty || same) return i;
      i = (i + 1) & mask;
    }
  }

  /**
   * Records the latest declaration for `key` (later ones override: the last
   * one wins). `state` is the binding state's index, or -1 for none.
   */
  set(key: number, state: number, offset: number): void {
    if ((this.count + 1) * 4 > this.keys.length * 3) this.grow();
    const i = this.slot(key);
    if (this.states[i] === 0) {
      this.keys[i] = key;
      this.count++;
    }
    this.store(i, state + 2, offset);
  }

  /**
   * `set` for each lease of `batch`, in order: the same table as that many
   * calls, in one loop with no call per lease (see LeaseBatch).
   */
  setBatch(batch: LeaseBatch): void {
    const { addresses, states, offsets, count } = batch;
    let keys = this.keys;
    let stored = this.states;
    let low = this.offsetsLow;
    let mask = keys.length - 1;
    for (let k = 0; k < count; k++) {
      if ((this.count + 1) * 4 > keys.length * 3) {
        this.grow();
        keys = this.keys;
        stored = this.states;
        low = this.offsetsLow;
        mask = keys.length - 1;
      }
      const key = addresses[k]!;
      // slot(), written out; every load and comparison on every lease, as there.
      let i = Math.imul(key, 0x9e3779b1) & mask;
      for (;;) {
        const empty = stored[i] === 0;
        const same = keys[i] === key;
        if (empty || same) break;
        i = (i + 1) & mask;
      }
      if (stored[i] === 0) {
        keys[i] = key;
        this.count++;
      }
      stored[i] = states[k]! + 2;
      const offset = offsets[k]!;
      if (offset < 2 ** 32 && this.offsetsHigh === null) low[i] = offset;
      else this.storeOffset(i, offset);
    }
  }

  /**
   * Records `key` with `state` and `offset` unless it is already held;
   * returns the offset already held, or -1 when `key` is new.
   */
  addFirst(key: number, state: number, offset: number): number {
    if ((this.count + 1) * 4 > this.keys.length * 3) this.grow();
    const i = this.slot(key);
    if (this.states[i] !== 0) return this.offsetAt(i);
    this.keys[i] = key;
    this.count++;
    this.store(i, state + 2, offset);
    return -1;
  }

  has(key: number): boolean {
    return this.states[this.slot(key)] !== 0;
  }

  get(key: number): { state: number; offset: number } | null {
    const i = this.slot(key);
    if (this.states[i] === 0) return null;
    return { state: this.states[i]! - 2, offset: this.offsetAt(i) };
  }

  forEachEntry(visit: (key: number, state: number, offset: number) => void): void {
    for (let i = 0; i < this.states.length; i++) {
      if (this.states[i] !== 0) visit(this.keys[i]!, this.states[i]! - 2, this.offsetAt(i));
    }
  }

  forEachState(visit: (state: number) => void): void {
    for (let i = 0; i < this.states.length; i++)
      if (this.states[i] !== 0) visit(this.states[i]! - 2);
  }

  countStates(counts: number[]): void {
    const states = this.states;
    for (let i = 0; i < states.length; i++) {
      // A stored state is the index + 2: counts[stored - 1] is counts[index + 1].
      const stored = states[i]!;
      if (stored !== 0) counts[stored - 1]!++;
    }
  }

  /** The table's arrays, to send to another thread (transfer their buffers). */
  toArrays(): Ipv4TableArrays {
    return {
      keys: this.keys,
      states: this.states,
      offsetsLow: this.offsetsLow,
      offsetsHigh: this.offsetsHigh,
      count: this.count,
    };
  }

  static fromArrays(arrays: Ipv4TableArrays): Ipv4Table {
    const table = new Ipv4Table(1);
    table.keys = arrays.keys;
    table.states = arrays.states;
    table.offsetsLow = arrays.offsetsLow;
    table.offsetsHigh = arrays.offsetsHigh;
    table.count = arrays.count;
    return table;
  }

  /**
   * Records every address of `earlier` (a table of declarations that come
   * before all of this one's in the file) that this one does not hold: the
   * last declaration of an address wins, and this table's are the later.
   */
  absorbEarlier(earlier: Ipv4Table): void {
    // At least as large as `earlier` first: `earlier` is walked in its slot
    // order, which is hash order; inserted into a smaller table, keys that
    // were apart there land on the same few slots, and linear probing turns
    // quadratic (6.9 s instead of milliseconds for 1.2 million addresses).
    while (
      this.keys.length < earlier.keys.length ||
      (this.count + earlier.count) * 4 > this.keys.length * 3
    ) {
      this.grow();
    }
    for (let j = 0; j < earlier.keys.length; j++) {
      if (earlier.states[j] === 0) continue;
      const key = earlier.keys[j]!;
      const i = this.slot(key);
      if (this.states[i] !== 0) continue;
      this.keys[i] = key;
      this.count++;
      this.states[i] = earlier.states[j]!;
      this.storeOffset(i, earlier.offsetAt(j));
    }
  }

  private offsetAt(i: number): number {
    const high = this.offsetsHigh === null ? 0 : this.offsetsHigh[i]!;
    return high * 2 ** 32 + this.offsetsLow[i]!;
  }

  private store(i: number, storedState: number, offset: number): void {
    this.states[i] = storedState;
    this.storeOffset(i, offset);
  }

  private storeOffset(i: number, offset: number): void {
    this.offsetsLow[i] = offset >>> 0;
    if (offset < 2 ** 32 && this.offsetsHigh === null) return;
    this.offsetsHigh ??= new Uint8Array(this.keys.length);
    this.offsetsHigh[i] = Math.floor(offset / 2 ** 32);
  }

  private grow(): void {
    const old = {
      keys: this.keys,
      states: this.states,
      low: this.offsetsLow,
      high: this.offsetsHigh,
    };
    const capacity = old.keys.length * 2;
    this.keys = new Uint32Array(capacity);
    this.states = new Uint8Array(capacity);
    this.offsetsLow = new Uint32Array(capacity);
    this.offsetsHigh = old.high === null ? null : new Uint8Array(capacity);
    for (let j = 0; j < old.keys.length; j++) {
      if (old.states[j] === 0) continue;
      const i = this.slot(old.keys[j]!);
      this.keys[i] = old.keys[j]!;
      this.states[i] = old.states[j]!;
      this.offsetsLow[i] = old.low[j]!;
      if (old.high !== null) this.offsetsHigh![i] = old.high[j]!;
    }
  }
}

/** An Ipv4Table's contents as plain typed arrays (structured-clone and transfer friendly). */
export interface Ipv4TableArrays {
  keys: Uint32Array;
  states: Uint8Array;
  offsetsLow: Uint32Array;
  /** null while every offset is below 4 GiB. */
  offsetsHigh: Uint8Array | null;
  count: number;
}
