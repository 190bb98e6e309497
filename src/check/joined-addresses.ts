import type { AddressStates } from './address-table.js';

/**
 * The addresses of two consecutive parts of a file read as one, without
 * merging their tables: an address the later part declares has its last
 * declaration there; any other has it in the earlier part. A parallel check
 * joins its two threads' parts this way: merging would build a third table
 * of millions of slots at the moment both parts' tables are in memory (about
 * 40 MB more at the peak for a 1 GB file).
 */
export class JoinedAddresses implements AddressStates {
  private distinct = -1;

  constructor(
    private readonly earlier: AddressStates,
    private readonly later: AddressStates,
  ) {}

  get size(): number {
    if (this.distinct < 0) {
      let count = this.later.size;
      this.earlier.forEachEntry((key) => {
        if (!this.later.has(key)) count++;
      });
      this.distinct = count;
    }
    return this.distinct;
  }

  has(key: number): boolean {
    return this.later.has(key) || this.earlier.has(key);
  }

  get(key: number): { state: number; offset: number } | null {
    return this.later.get(key) ?? this.earlier.get(key);
  }

  forEachEntry(visit: (key: number, state: number, offset: number) => void): void {
    this.later.forEachEntry(visit);
    this.earlier.forEachEntry((key, state, offset) => {
      if (!this.later.has(key)) visit(key, state, offset);
    });
  }

  forEachState(visit: (state: number) => void): void {
    this.forEachEntry((_key, state) => visit(state));
  }
}
