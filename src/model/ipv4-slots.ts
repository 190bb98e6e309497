/**
 * Offsets below this fit offsetsLow alone. A constant, not `2 ** 32` where it
 * is compared: code V8 has not optimised yet computes that anew, a heap
 * number each time, in a loop that runs once per lease.
 */
export const LOW_OFFSETS_END = 2 ** 32;

/**
 * What both layouts of the IPv4 address table keep in each slot
 * (ipv4-blocks.ts, ipv4-hashed.ts): the binding state, as its index + 2 (1:
 * no binding state recorded; 0: an empty slot), and the byte offset of the
 * declaration, 40 bits: files up to 1 TB. Bits 32-39 are kept only once an
 * offset of 4 GiB or more is stored: smaller files, nearly all of them, save
 * a tenth of the table.
 */
export abstract class Ipv4Slots {
  protected states: Uint8Array;
  protected offsetsLow: Uint32Array;
  protected offsetsHigh: Uint8Array | null = null;
  protected count = 0;

  constructor(slots: number) {
    this.states = new Uint8Array(slots);
    this.offsetsLow = new Uint32Array(slots);
  }

  /** How many distinct addresses. */
  get size(): number {
    return this.count;
  }

  protected offsetAt(i: number): number {
    const high = this.offsetsHigh === null ? 0 : this.offsetsHigh[i]!;
    return high * LOW_OFFSETS_END + this.offsetsLow[i]!;
  }

  protected storeOffset(i: number, offset: number): void {
    this.offsetsLow[i] = offset >>> 0;
    if (offset < LOW_OFFSETS_END && this.offsetsHigh === null) return;
    this.offsetsHigh ??= new Uint8Array(this.states.length);
    this.offsetsHigh[i] = Math.floor(offset / LOW_OFFSETS_END);
  }

  /** The slots' arrays and count, to send to another thread (transfer their buffers). */
  protected slotArrays(): SlotArrays {
    return {
      states: this.states,
      offsetsLow: this.offsetsLow,
      offsetsHigh: this.offsetsHigh,
      count: this.count,
    };
  }

  /** Takes the arrays slotArrays() gave (in another thread). */
  protected adoptSlotArrays(arrays: SlotArrays): void {
    this.states = arrays.states;
    this.offsetsLow = arrays.offsetsLow;
    this.offsetsHigh = arrays.offsetsHigh;
    this.count = arrays.count;
  }
}

/** An Ipv4Slots' arrays as plain typed arrays (structured-clone and transfer friendly). */
export interface SlotArrays {
  states: Uint8Array;
  offsetsLow: Uint32Array;
  /** null while every offset is below 4 GiB. */
  offsetsHigh: Uint8Array | null;
  count: number;
}
