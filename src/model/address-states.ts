/** What `check` reads of the IPv4 addresses of a file, each with its last declaration. */
export interface AddressStates {
  /** How many distinct addresses. */
  readonly size: number;
  has(key: number): boolean;
  /** The state index (-1: none) and offset of `key`'s last declaration, or null. */
  get(key: number): { state: number; offset: number } | null;
  /** Calls `visit` with each address, its state index (-1: none) and offset, in no set order. */
  forEachEntry(visit: (key: number, state: number, offset: number) => void): void;
  /**
   * Counts the addresses by state: adds one to `counts[state + 1]` for each
   * (`counts[0]`: no state recorded), with no call per address: it runs once
   * per check, before V8 has optimised it.
   */
  countStates(counts: number[]): void;
}
