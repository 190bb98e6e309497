/**
 * Leases handed over many at a time: the address, binding state and file
 * offset of each in typed arrays, for a scan's run of ordinary leases (the
 * WebAssembly module summarised them; see leaseRecordsInto). One call per
 * run instead of a chain of calls per lease: on a file of a few tens of MB
 * the lease handling runs mostly before V8 has optimised it, where every
 * call costs, and one loop over typed arrays is optimised early.
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
  /** Index in `bindingStates` of each binding state, or -1 for none. */
  states = new Int8Array(256);
  /** Where each lease starts in the file. */
  offsets = new Float64Array(256);

  /** Empties the batch, with room for `count` leases. */
  reset(count: number): void {
    this.count = 0;
    if (this.addresses.length >= count) return;
    const room = Math.max(count, this.addresses.length * 2);
    this.addresses = new Uint32Array(room);
    this.states = new Int8Array(room);
    this.offsets = new Float64Array(room);
  }
}
