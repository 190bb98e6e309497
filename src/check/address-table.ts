/**
 * Per-address state for IPv4 leases in typed arrays: an open-addressing hash
 * table keyed by the 32-bit address. A 1 GB lease file holds about three
 * million distinct addresses; a Map of objects would need gigabytes, this
 * needs about 17 bytes a slot.
 */
export class Ipv4Table {
  private keys: Uint32Array;
  private used: Uint8Array;
  /** Binding state index + 1 (0: none recorded). */
  private states: Uint8Array;
  private offsets: Float64Array;
  private lines: Uint32Array;
  private count = 0;

  constructor(capacity = 1 << 12) {
    this.keys = new Uint32Array(capacity);
    this.used = new Uint8Array(capacity);
    this.states = new Uint8Array(capacity);
    this.offsets = new Float64Array(capacity);
    this.lines = new Uint32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    // Fibonacci hashing spreads sequential addresses across the table.
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.used[i] === 1 && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  /** Records the latest declaration for `key` (later ones override: the last one wins). */
  set(key: number, state: number, offset: number, line: number): void {
    if ((this.count + 1) * 4 > this.keys.length * 3) this.grow();
    const i = this.slot(key);
    if (this.used[i] !== 1) {
      this.used[i] = 1;
      this.keys[i] = key;
      this.count++;
    }
    this.states[i] = state;
    this.offsets[i] = offset;
    this.lines[i] = line;
  }

  get(key: number): { state: number; offset: number; line: number } | null {
    const i = this.slot(key);
    if (this.used[i] !== 1) return null;
    return { state: this.states[i]!, offset: this.offsets[i]!, line: this.lines[i]! };
  }

  /** Calls `visit` with each address's recorded state. */
  forEachState(visit: (state: number) => void): void {
    for (let i = 0; i < this.keys.length; i++) if (this.used[i] === 1) visit(this.states[i]!);
  }

  private grow(): void {
    const old = {
      keys: this.keys,
      used: this.used,
      states: this.states,
      offsets: this.offsets,
      lines: this.lines,
    };
    const capacity = old.keys.length * 2;
    this.keys = new Uint32Array(capacity);
    this.used = new Uint8Array(capacity);
    this.states = new Uint8Array(capacity);
    this.offsets = new Float64Array(capacity);
    this.lines = new Uint32Array(capacity);
    this.count = 0;
    for (let i = 0; i < old.keys.length; i++) {
      if (old.used[i] === 1) this.set(old.keys[i]!, old.states[i]!, old.offsets[i]!, old.lines[i]!);
    }
  }
}

/** `10.0.1.5` -> 32-bit unsigned integer. The grammar guarantees four decimal octets. */
export function ipv4ToNumber(address: string): number {
  let value = 0;
  let octet = 0;
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (c === 46) {
      value = value * 256 + (octet & 255);
      octet = 0;
    } else {
      octet = octet * 10 + (c - 48);
    }
  }
  return (value * 256 + (octet & 255)) >>> 0;
}
