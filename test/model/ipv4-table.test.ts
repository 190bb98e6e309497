import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ipv4Table } from '../../src/model/ipv4-table.js';
import { propertyParameters } from '../helpers.js';

describe("the IPv4 table used as a set of first lines (verify's snapshot addresses)", () => {
  it('answers like a Map of first lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 0xffffffff }), fc.integer({ min: 1, max: 1e6 })), {
          maxLength: 500,
        }),
        (entries) => {
          const table = new Ipv4Table();
          const first = new Map<number, number>();
          for (const [address, line] of entries) {
            expect(table.addFirst(address, -1, line)).toBe(first.get(address) ?? -1);
            if (!first.has(address)) first.set(address, line);
          }
          expect(table.size).toBe(first.size);
        },
      ),
      propertyParameters(100),
    );
  });

  it('keeps the state and line it was first given, as get and the walks report them', () => {
    const table = new Ipv4Table();
    expect(table.addFirst(0x0a000001, -1, 7)).toBe(-1);
    expect(table.addFirst(0x0a000002, 3, 9)).toBe(-1);
    // A later declaration of the same address changes nothing.
    expect(table.addFirst(0x0a000001, 2, 20)).toBe(7);
    expect(table.get(0x0a000001)).toEqual({ state: -1, offset: 7 });
    expect(table.get(0x0a000002)).toEqual({ state: 3, offset: 9 });
    const entries: number[][] = [];
    table.forEachEntry((key, state, line) => entries.push([key, state, line]));
    expect(entries.sort((a, b) => a[0]! - b[0]!)).toEqual([
      [0x0a000001, -1, 7],
      [0x0a000002, 3, 9],
    ]);
  });

  it('keeps an offset of exactly 4 GiB (the first that needs the high bits)', () => {
    const table = new Ipv4Table();
    table.set(0x0a000001, 2, 2 ** 32 - 1);
    table.set(0x0a000002, 2, 2 ** 32);
    expect(table.get(0x0a000001)).toEqual({ state: 2, offset: 2 ** 32 - 1 });
    expect(table.get(0x0a000002)).toEqual({ state: 2, offset: 2 ** 32 });
  });

  it('grows past a hundred thousand addresses and still finds the first line', () => {
    const table = new Ipv4Table();
    let held = 0;
    for (let i = 0; i < 100_000; i++) if (table.addFirst(0x0a000000 + i, -1, i + 1) !== -1) held++;
    expect(held).toBe(0);
    expect(table.addFirst(0x0a000005, -1, 99)).toBe(6);
    expect(table.size).toBe(100_000);
  });
});

describe("the IPv4 table reused block after block (check's two-thread scan)", () => {
  it('cleared and reused for an earlier block of the file, gives offsets below 4 GiB again, not the old high bits', () => {
    // The two-thread scan's worker reuses one table for block after block from the back of
    // the file (back-blocks.ts): past 4 GiB first, then below it.
    const table = new Ipv4Table();
    table.set(0x0a000001, 2, 5 * 2 ** 30);
    table.clear();
    table.set(0x0a000001, 1, 2 ** 30);
    table.set(0x0a000002, 1, 2 ** 30 + 100);
    expect(table.get(0x0a000001)).toEqual({ state: 1, offset: 2 ** 30 });
    expect(table.get(0x0a000002)).toEqual({ state: 1, offset: 2 ** 30 + 100 });
  });
});

describe("the IPv4 table made for a file's size (check's one-thread scan)", () => {
  it('holds what a table grown from the smallest holds, whatever size it was made for', () => {
    // The size only spares the doublings of a growing table: too small a guess
    // (an empty file, a file of short leases) or too large must answer the same.
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(0), fc.nat({ max: 4000 }), fc.nat({ max: 2 ** 31 })),
        fc.array(
          fc.tuple(
            fc.nat({ max: 0xffffffff }),
            fc.integer({ min: -1, max: 7 }),
            // An offset has 40 bits: files up to 1 TB.
            fc.nat({ max: 2 ** 40 - 1 }),
          ),
          { maxLength: 400 },
        ),
        (bytes, entries) => {
          const sized = Ipv4Table.forFileBytes(bytes);
          const grown = new Ipv4Table();
          const last = new Map<number, { state: number; offset: number }>();
          for (const [address, state, offset] of entries) {
            sized.set(address, state, offset);
            grown.set(address, state, offset);
            last.set(address, { state, offset });
          }
          expect(sized.size).toBe(last.size);
          for (const [address, held] of last) expect(sized.get(address)).toEqual(held);
          const walked = (table: Ipv4Table): [number, number, number][] => {
            const all: [number, number, number][] = [];
            table.forEachEntry((key, state, offset) => all.push([key, state, offset]));
            return all.sort((a, b) => a[0] - b[0]);
          };
          expect(walked(sized)).toEqual(walked(grown));
        },
      ),
      propertyParameters(60),
    );
  });

  it('holds a 3.6 MB file of leases (12,500, 10,000 addresses) and more than its guess', () => {
    const table = Ipv4Table.forFileBytes(3_600_000);
    for (let i = 0; i < 40_000; i++) table.set(0x0a000000 + (i % 30_000), i % 8, i * 290);
    expect(table.size).toBe(30_000);
    expect(table.get(0x0a000000 + 29_999)).toEqual({ state: 29_999 % 8, offset: 29_999 * 290 });
    expect(table.get(0x0a000000)).toEqual({ state: 30_000 % 8, offset: 30_000 * 290 });
  });
});

describe('the IPv4 table: blocks of a /24 for pools, a hash for scattered addresses', () => {
  it("keeps a pool's addresses in blocks, and moves scattered ones into a hash, answering the same", () => {
    // dhcpd's addresses come from ranges: 80,000 consecutive addresses fill 313 blocks.
    const pool = new Ipv4Table();
    for (let i = 0; i < 80_000; i++) pool.set(0x0a000000 + i, 1, i * 290);
    expect(pool.toArrays().layout).toBe('blocks');
    // One address per /24 would cost a block (1.25 KiB) per address: a hash holds them.
    const scattered = new Ipv4Table();
    for (let i = 0; i < 2_000; i++) scattered.set(Math.imul(i, 0x9e3779b1) >>> 0, 1, i);
    expect(scattered.toArrays().layout).toBe('hashed');
    expect(scattered.size).toBe(2_000);
    for (let i = 0; i < 2_000; i++) {
      expect(scattered.get(Math.imul(i, 0x9e3779b1) >>> 0)).toEqual({ state: 1, offset: i });
    }
    expect(pool.get(0x0a000000 + 79_999)).toEqual({ state: 1, offset: 79_999 * 290 });
    expect(pool.has(0x0a000000 + 80_000)).toBe(false);
  });
});
