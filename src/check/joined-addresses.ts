import type { AddressStates } from '../model/ipv4-table.js';

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

  /** Distinct addresses: counted by a walk of both parts, once. */
  get size(): number {
    if (this.distinct < 0) this.forEachEntry(() => undefined);
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
    // The earlier part's addresses the later part does not declare: `size`.
    let onlyEarlier = 0;
    this.earlier.forEachEntry((key, state, offset) => {
      if (this.later.has(key)) return;
      onlyEarlier++;
      visit(key, state, offset);
    });
    this.distinct = this.later.size + onlyEarlier;
  }

  countStates(counts: number[]): void {
    this.forEachEntry((_key, state) => {
      counts[state + 1]!++;
    });
  }
}
