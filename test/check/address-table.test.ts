import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ipv4Table, type AddressStates } from '../../src/model/ipv4-table.js';
import { JoinedAddresses } from '../../src/check/joined-addresses.js';
import { LeaseBatch } from '../../src/model/lease-batch.js';
import { propertyParameters } from '../helpers.js';

/** A declaration as the table sees it: address, binding state index (-1: none), byte offset. */
type Entry = [number, number, number];

const entry = fc.tuple(
  fc.oneof(fc.integer({ min: 0, max: 300 }), fc.nat({ max: 0xffffffff })),
  fc.integer({ min: -1, max: 8 }),
  // Offsets below 4 GiB (nearly every file) and beyond (the table stores
  // their high bits only once it meets one), mixed in one table.
  fc.oneof(fc.nat({ max: 2 ** 32 - 1 }), fc.nat({ max: 2 ** 40 - 1 })),
);

/** The longest start of `entries` whose offsets lie within 2 GiB of each other (at least one). */
function withinTwoGiB(entries: readonly Entry[]): Entry[] {
  let low = Infinity;
  let high = -Infinity;
  let end = 0;
  for (; end < entries.length; end++) {
    const offset = entries[end]![2];
    if (Math.max(high, offset) - Math.min(low, offset) >= 2 ** 31) break;
    low = Math.min(low, offset);
    high = Math.max(high, offset);
  }
  return entries.slice(0, Math.max(end, 1));
}

function tableOf(entries: readonly Entry[]): Ipv4Table {
  const table = new Ipv4Table(4);
  for (const [address, state, offset] of entries) table.set(address, state, offset);
  return table;
}

/** The last declaration of each address, as a Map does it. */
function lastOf(entries: readonly Entry[]): Map<number, { state: number; offset: number }> {
  const last = new Map<number, { state: number; offset: number }>();
  for (const [address, state, offset] of entries) last.set(address, { state, offset });
  return last;
}

function contents(table: AddressStates, keys: Iterable<number>) {
  return new Map([...keys].map((key) => [key, table.get(key)]));
}

describe('the IPv4 address table', () => {
  it('keeps the last declaration of every address, like a Map', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 400 }), (entries) => {
        const expected = lastOf(entries);
        const table = tableOf(entries);
        expect(table.size).toBe(expected.size);
        expect(contents(table, expected.keys())).toEqual(expected);
      }),
      propertyParameters(100),
    );
  });

  it('takes a batch of leases exactly as one set() per lease, whatever batches they come in', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 400 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1 }),
        (entries, sizes) => {
          const batched = new Ipv4Table(4);
          const batch = new LeaseBatch();
          // The entries cut into batches of the given sizes, in order (sizes repeat),
          // each cut short where its offsets would spread over 2 GiB: a batch's starts
          // count from its base in 31 bits, as a scan window's do.
          for (let at = 0, n = 0; at < entries.length; n++) {
            const part = withinTwoGiB(entries.slice(at, at + sizes[n % sizes.length]!));
            const base = Math.min(...part.map(([, , offset]) => offset));
            batch.reset(part.length, base);
            part.forEach(([address, state, offset], k) => {
              batch.addresses[k] = address;
              batch.states[k] = state;
              batch.starts[k] = offset - base;
            });
            batch.count = part.length;
            batched.setBatch(batch);
            at += part.length;
          }
          const single = tableOf(entries);
          expect(batched.size).toBe(single.size);
          // The same slots too: the same growth, so the same order for forEachEntry.
          const slots = (table: Ipv4Table) => {
            const seen: Entry[] = [];
            table.forEachEntry((key, state, offset) => seen.push([key, state, offset]));
            return seen;
          };
          expect(slots(batched)).toEqual(slots(single));
        },
      ),
      propertyParameters(100),
    );
  });

  it('joined with the table of a later part, reads as the table of both parts read in order', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 300 }),
        fc.array(entry, { maxLength: 300 }),
        (earlier, later) => {
          const joined = new JoinedAddresses(
            tableOf(earlier),
            Ipv4Table.fromArrays(tableOf(later).toArrays()),
          );
          const expected = lastOf([...earlier, ...later]);
          expect(joined.size).toBe(expected.size);
          expect(contents(joined, expected.keys())).toEqual(expected);
          const entries = new Map<number, { state: number; offset: number }>();
          joined.forEachEntry((key, state, offset) => {
            expect(entries.has(key)).toBe(false);
            entries.set(key, { state, offset });
          });
          expect(entries).toEqual(expected);
          for (const key of expected.keys()) expect(joined.has(key)).toBe(true);
          // countStates: the same states counted, by the joined parts and by one table of both.
          const expectedCounts = new Array<number>(10).fill(0);
          for (const { state } of expected.values()) expectedCounts[state + 1]!++;
          const joinedCounts = new Array<number>(10).fill(0);
          joined.countStates(joinedCounts);
          expect(joinedCounts).toEqual(expectedCounts);
          const oneCounts = new Array<number>(10).fill(0);
          tableOf([...earlier, ...later]).countStates(oneCounts);
          expect(oneCounts).toEqual(expectedCounts);
        },
      ),
      propertyParameters(100),
    );
  });

  it('absorbing the table of an earlier part gives the table of both parts read in order', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 300 }),
        fc.array(entry, { maxLength: 300 }),
        (earlier, later) => {
          const joined = tableOf(later);
          joined.absorbEarlier(Ipv4Table.fromArrays(tableOf(earlier).toArrays()));
          const expected = lastOf([...earlier, ...later]);
          expect(joined.size).toBe(expected.size);
          expect(contents(joined, expected.keys())).toEqual(expected);
        },
      ),
      propertyParameters(100),
    );
  });

  it('absorbs an earlier table larger than itself with every address kept, its own winning', () => {
    const earlier = new Ipv4Table();
    for (let i = 0; i < 200_000; i++) earlier.set(0x0a000000 + i, 1, i * 300);
    const joined = new Ipv4Table();
    joined.set(0x0a000005, 0, 7);
    joined.absorbEarlier(earlier);
    expect(joined.size).toBe(200_000);
    expect(joined.get(0x0a000005)).toEqual({ state: 0, offset: 7 });
    expect(joined.get(0x0a000000 + 199_999)).toEqual({ state: 1, offset: 199_999 * 300 });
  });

  it('keeps no array for the offsets above 4 GiB until one is stored, and keeps the earlier offsets when it makes it', () => {
    const table = new Ipv4Table(4);
    for (let i = 0; i < 100; i++) table.set(i, 1, 2 ** 32 - 1 - i);
    expect(table.toArrays().offsetsHigh).toBeNull();
    table.set(1000, 2, 2 ** 39 + 5);
    table.set(3, 0, 6);
    expect(table.toArrays().offsetsHigh).toBeInstanceOf(Uint8Array);
    expect(table.get(1000)).toEqual({ state: 2, offset: 2 ** 39 + 5 });
    expect(table.get(3)).toEqual({ state: 0, offset: 6 });
    expect(table.get(99)).toEqual({ state: 1, offset: 2 ** 32 - 100 });
  });
});
