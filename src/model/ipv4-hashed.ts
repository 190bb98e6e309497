import type { LeaseBatch } from './lease-batch.js';
import type { AddressStates } from './address-states.js';
import { Ipv4Slots, LOW_OFFSETS_END, type SlotArrays } from './ipv4-slots.js';

/**
 * The IPv4 address table (see Ipv4Table) as an open-addressing hash keyed by
 * the 32-bit address, for addresses too scattered for blocks of a /24 (see
 * BlockIpv4Table.tooSparse): 10 bytes a slot, the key, the state and the
 * offset, whatever the addresses.
 */
export class HashedIpv4Table extends Ipv4Slots implements AddressStates {
  private keys: Uint32Array;

  /**
   * `capacity` slots, a power of two: Ipv4Table makes the table with room for
   * the addresses it moves in, and it doubles as it fills (at three quarters).
   */
  constructor(capacity: number) {
    super(capacity);
    this.keys = new Uint32Array(capacity);
  }

  /** Forgets every address, keeping the capacity (for a table reused part after part). */
  clear(): void {
    this.states.fill(0);
    this.count = 0;
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
  setBatch(batch: LeaseBatch, from = 0): void {
    const { addresses, states, starts, base: batchBase, count } = batch;
    let keys = this.keys;
    let stored = this.states;
    let low = this.offsetsLow;
    let mask = keys.length - 1;
    for (let k = from; k < count; k++) {
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
      const offset = batchBase + starts[k]!;
      if (offset < LOW_OFFSETS_END && this.offsetsHigh === null) low[i] = offset;
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

  countStates(counts: number[]): void {
    const states = this.states;
    for (let i = 0; i < states.length; i++) {
      // A stored state is the index + 2: counts[stored - 1] is counts[index + 1].
      const stored = states[i]!;
      if (stored !== 0) counts[stored - 1]!++;
    }
  }

  /** The table's arrays, to send to another thread (transfer their buffers). */
  toArrays(): HashedArrays {
    return { layout: 'hashed', keys: this.keys, ...this.slotArrays() };
  }

  static fromArrays(arrays: HashedArrays): HashedIpv4Table {
    const table = new HashedIpv4Table(1);
    table.adoptSlotArrays(arrays);
    table.keys = arrays.keys;
    return table;
  }

  /**
   * Records every address of `earlier` (a table of declarations that come
   * before all of this one's in the file) that this one does not hold: the
   * last declaration of an address wins, and this table's are the later.
   */
  absorbEarlier(earlier: HashedIpv4Table): void {
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

  private store(i: number, storedState: number, offset: number): void {
    this.states[i] = storedState;
    this.storeOffset(i, offset);
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

/** A HashedIpv4Table's contents as plain typed arrays (structured-clone and transfer friendly). */
export interface HashedArrays extends SlotArrays {
  layout: 'hashed';
  keys: Uint32Array;
}
