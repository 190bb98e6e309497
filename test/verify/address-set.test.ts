import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressSet } from '../../src/verify/address-set.js';
import { propertyParameters } from '../helpers.js';

describe('the set of snapshot addresses', () => {
  it('answers like a Map of first lines, whatever the size hint', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 0xffffffff }), fc.integer({ min: 1, max: 1e6 })), {
          maxLength: 500,
        }),
        fc.nat({ max: 1000 }),
        (entries, hint) => {
          const set = new AddressSet(hint);
          const first = new Map<number, number>();
          for (const [address, line] of entries) {
            expect(set.add(address, line)).toBe(first.get(address) ?? 0);
            if (!first.has(address)) first.set(address, line);
          }
          expect(set.size).toBe(first.size);
        },
      ),
      propertyParameters(100),
    );
  });

  it('takes a hint of billions (a log line) without allocating for it', () => {
    const set = new AddressSet(2 ** 40);
    for (let i = 0; i < 100_000; i++) expect(set.add(0x0a000000 + i, i + 1)).toBe(0);
    expect(set.add(0x0a000005, 99)).toBe(6);
    expect(set.size).toBe(100_000);
  });
});
