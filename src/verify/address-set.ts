/**
 * A compact set of IPv4 addresses (as 32-bit numbers) with the file line each
 * was first seen on: open addressing over two typed arrays, so that holding a
 * snapshot of a million leases costs a few megabytes, not a Map of objects.
 */
export class AddressSet {
  private readonly keys: Uint32Array;
  /** 0 marks an empty slot (file lines start at 1). */
  private readonly lines: Uint32Array;
  private readonly mask: number;
  size = 0;

  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Uint32Array(capacity);
    this.lines = new Uint32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Adds the address; returns 0 when new, else the line it was first seen on. */
  add(address: number, line: number): number {
    if (this.size * 2 >= this.keys.length) throw new Error('AddressSet is full');
    let slot = Math.imul(address, 0x9e3779b1) >>> 0;
    for (;;) {
      slot &= this.mask;
      const seen = this.lines[slot]!;
      if (seen === 0) {
        this.keys[slot] = address;
        this.lines[slot] = Math.max(1, line);
        this.size++;
        return 0;
      }
      if (this.keys[slot] === address) return seen;
      slot++;
    }
  }
}
