import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoUtc } from '../../src/model/iso-time.js';
import { propertyParameters } from '../helpers.js';

/**
 * isoUtc writes what Date.prototype.toISOString writes (without `.000`),
 * without the time zone lookup toISOString makes: over Date's whole range,
 * whole and fractional seconds, and past it, where both throw.
 */

/** What the reports wrote before: toISOString, `.000Z` shortened to `Z`. */
const viaToIsoString = (seconds: number): string =>
  new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

const DATE_LIMIT_SECONDS = 8.64e12;

describe('isoUtc', () => {
  it.each([
    [0, '1970-01-01T00:00:00Z'],
    [1795870454, '2026-11-28T12:54:14Z'],
    [1795870454.5, '2026-11-28T12:54:14.500Z'],
    [-1, '1969-12-31T23:59:59Z'],
    [253402300800, '+010000-01-01T00:00:00Z'],
    [-62198755200, '-000001-01-01T00:00:00Z'],
    [-62167219200, '0000-01-01T00:00:00Z'],
  ])('%d seconds: %s', (seconds, iso) => {
    expect(isoUtc(seconds)).toBe(iso);
    expect(isoUtc(seconds)).toBe(viaToIsoString(seconds));
  });

  it('equals toISOString for any time in Date range, to the millisecond and between', () => {
    const seconds = fc.oneof(
      fc.integer({ min: -DATE_LIMIT_SECONDS, max: DATE_LIMIT_SECONDS }),
      fc.double({ min: -DATE_LIMIT_SECONDS, max: DATE_LIMIT_SECONDS, noNaN: true }),
      fc.integer({ min: -8.64e15, max: 8.64e15 }).map((ms) => ms / 1000),
    );
    fc.assert(
      fc.property(seconds, (s) => isoUtc(s) === viaToIsoString(s)),
      propertyParameters(2000),
    );
  });

  it('throws the RangeError toISOString throws past Date range', () => {
    for (const seconds of [DATE_LIMIT_SECONDS + 0.001, -DATE_LIMIT_SECONDS - 1, NaN]) {
      expect(() => viaToIsoString(seconds)).toThrow(RangeError);
      expect(() => isoUtc(seconds)).toThrow(RangeError);
    }
  });
});
