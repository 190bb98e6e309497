/**
 * A compact set of IPv4 addresses (as 32-bit numbers) with the file line each
 * was first seen on: open addressing over two typed arrays, so that holding a
 * snapshot of a million leases costs a few megabytes, not a Map of objects.
 */
export class AddressSet {
  private keys: Uint32Array;
  /** 0 marks an empty slot (file lines start at 1). */
  private lines: Uint32Array;
  size = 0;

  /**
   * `expected` is what the log says the snapshot holds: a hint for the first
   * size, never trusted further (a log line can claim billions), so the set
   * starts at most at a million slots and grows as addresses come.
   */
  constructor(expected: number) {
    let capacity = 16;
    while (capacity < Math.min(expected, 1 << 19) * 2) capacity *= 2;
    this.keys = new Uint32Array(capacity);
    this.lines = new Uint32Array(capacity);
  }

  /** Adds the address; returns 0 when new, else the line it was first seen on. */
  add(address: number, line: number): number {
    if (this.size * 2 >= this.keys.length) this.grow();
    const slot = this.slot(address);
    const seen = this.lines[slot]!;
    if (seen !== 0) return seen;
    this.keys[slot] = address;
    this.lines[slot] = Math.max(1, line);
    this.size++;
    return 0;
  }

  /** The slot holding `address`, or the empty one where it would go. */
  private slot(address: number): number {
    const mask = this.keys.length - 1;
    let slot = (Math.imul(address, 0x9e3779b1) >>> 0) & mask;
    while (this.lines[slot] !== 0 && this.keys[slot] !== address) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { keys, lines } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.lines = new Uint32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (lines[i] === 0) continue;
      const slot = this.slot(keys[i]!);
      this.keys[slot] = keys[i]!;
      this.lines[slot] = lines[i]!;
    }
  }
}
