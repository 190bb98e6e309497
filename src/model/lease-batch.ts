/**
 * Leases handed over many at a time: the address, binding state and start
 * (from the batch's base) of each in typed arrays, for a scan's run of
 * ordinary leases (the WebAssembly module summarised them; see
 * leaseRecordsInto). One call per run instead of a chain of calls per
 * lease: on a file of a few tens of MB the lease handling runs mostly
 * before V8 has optimised it, where every call costs, and one loop over
 * typed arrays is optimised early.
 *
 * Every lease of a batch is ordinary: read as the grammar reads it, with
 * hardware that has an address (LeaseSummary's readOtherwise and
 * hardwareTypeOnly are false; leaseInBatch in from-events.ts gives one as
 * a LeaseSummary).
 */
export class LeaseBatch {
  count = 0;
  /** The addresses as unsigned 32-bit numbers. */
  addresses = new Uint32Array(256);
  /**
   * The same words as signed 32-bit numbers, for code that only takes bits
   * of them: unoptimised code boxes an unsigned one of 2^31 or more (any
   * address from 128.0.0.0 on) in a heap object at every read.
   */
  addressWords = new Int32Array(this.addresses.buffer);
  /** Index in `bindingStates` of each binding state, or -1 for none. */
  states = new Int8Array(256);
  /**
   * Where each lease starts, counted from `base` (a scan window's offsets).
   * Not the file offsets themselves in a Float64Array: code V8 has not
   * optimised yet boxes every number it reads from one, a heap object per
   * lease, and a 29 MB check then met a garbage collection (4 ms) in its
   * scan; a signed 32-bit integer it keeps unboxed.
   */
  starts = new Int32Array(256);
  /** The file offset the starts count from (the scan window's). */
  base = 0;

  /** Where lease `k` starts in the file. */
  offsetOf(k: number): number {
    return this.base + this.starts[k]!;
  }

  /** Empties the batch, with room for `count` leases whose starts count from `base`. */
  reset(count: number, base: number): void {
    this.count = 0;
    this.base = base;
    if (this.addresses.length >= count) return;
    const room = Math.max(count, this.addresses.length * 2);
    this.addresses = new Uint32Array(room);
    this.addressWords = new Int32Array(this.addresses.buffer);
    this.states = new Int8Array(room);
    this.starts = new Int32Array(room);
  }
}
