import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyParameters } from '../helpers.js';
import {
  cAtoi,
  slowBigAtoi,
  DHCPD_MAX_TIME,
  dhcpdTimeFromFields,
  formatDhcpdDate,
  formatDhcpdTime,
  parseDhcpdDate,
} from '../../src/model/dates.js';

describe('reading dates as dhcpd does (parse_date_core)', () => {
  it('reads `W YYYY/MM/DD HH:MM:SS` as UTC, with or without the semicolon', () => {
    expect(parseDhcpdDate('6 2026/11/28 12:52:06;')).toBe(Date.UTC(2026, 10, 28, 12, 52, 6) / 1000);
    expect(parseDhcpdDate('6 2026/11/28 12:52:06')).toBe(Date.UTC(2026, 10, 28, 12, 52, 6) / 1000);
  });

  it('ignores the weekday, as dhcpd does', () => {
    expect(parseDhcpdDate('0 2026/11/28 12:52:06;')).toBe(parseDhcpdDate('6 2026/11/28 12:52:06;'));
  });

  it('adds an optional timezone offset in seconds', () => {
    expect(parseDhcpdDate('6 2026/11/28 12:52:06 3600;')).toBe(
      Date.UTC(2026, 10, 28, 13, 52, 6) / 1000,
    );
    expect(parseDhcpdDate('6 2026/11/28 12:52:06 -60;')).toBe(
      Date.UTC(2026, 10, 28, 12, 51, 6) / 1000,
    );
  });

  it('reads `never` and every date from 2038 on as never (MAX_TIME)', () => {
    expect(parseDhcpdDate('never;')).toBe(Infinity);
    expect(parseDhcpdDate('5 2038/01/01 00:00:00;')).toBe(Infinity);
    expect(parseDhcpdDate('4 2037/12/31 23:59:59;')).toBe(
      Date.UTC(2037, 11, 31, 23, 59, 59) / 1000,
    );
  });

  it('reads `epoch N` (db-time-format local) with its trailing comment', () => {
    expect(parseDhcpdDate('epoch 1795870454; # Sat Nov 28 12:54:14 2026')).toBe(1795870454);
    expect(parseDhcpdDate('epoch 0;')).toBe(0);
  });

  it('counts leap days the way dhcpd does, including 2000 and its own arithmetic past February', () => {
    expect(parseDhcpdDate('2 2000/02/29 00:00:00;')).toBe(Date.UTC(2000, 1, 29) / 1000);
    expect(parseDhcpdDate('3 2024/03/01 00:00:00;')).toBe(Date.UTC(2024, 2, 1) / 1000);
    // dhcpd does no range checks: the 30th of February is two days after the 28th.
    expect(
      dhcpdTimeFromFields({ year: 2025, month: 2, day: 30, hour: 0, minute: 0, second: 0 }),
    ).toBe(Date.UTC(2025, 2, 2) / 1000);
  });

  it('rejects text that is no date', () => {
    expect(parseDhcpdDate('6 2026/11/28 12:52')).toBeNull();
    expect(parseDhcpdDate('tomorrow')).toBeNull();
    expect(parseDhcpdDate('')).toBeNull();
  });
});

describe('writing dates as dhcpd does (print_time)', () => {
  it('writes `%w %Y/%m/%d %H:%M:%S;` in UTC', () => {
    expect(formatDhcpdTime(Date.UTC(2026, 10, 28, 12, 52, 6) / 1000)).toBe(
      '6 2026/11/28 12:52:06;',
    );
    expect(formatDhcpdDate(Date.UTC(2001, 0, 1) / 1000)).toBe('1 2001/01/01 00:00:00');
  });

  it('writes never for Infinity and MAX_TIME', () => {
    expect(formatDhcpdTime(Infinity)).toBe('never;');
    expect(formatDhcpdTime(DHCPD_MAX_TIME)).toBe('never;');
    expect(formatDhcpdDate(Infinity)).toBe('never');
  });

  it('writes `epoch N; # …` for db-time-format local', () => {
    expect(formatDhcpdTime(1795870454, { format: 'local' })).toBe(
      'epoch 1795870454; # Sat Nov 28 12:54:14 2026',
    );
  });

  it('round-trips every time dhcpd can write before 2038', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2037, 11, 31, 23, 59, 59) / 1000 }), (t) => {
        expect(parseDhcpdDate(formatDhcpdTime(t))).toBe(t);
        expect(parseDhcpdDate(formatDhcpdTime(t, { format: 'local' }))).toBe(t);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('atoi as dhcpd calls it (strtol, then int)', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    ['-7', -7],
    ['+9', 9],
    [' \t12x', 12],
    ['2147483647', 2147483647],
    ['2147483648', -2147483648],
    ['4294967297', 1],
    ['999999999999999', -1530494977],
    ['99999999999999999999999', -1],
    ['-99999999999999999999999', 0],
    ['x1', 0],
    ['-', 0],
    ['', 0],
  ])('%j is %d', (token, value) => {
    expect(cAtoi(token)).toBe(value);
  });

  it('reads every token as the BigInt reading does (digits of any length, C white space, a sign)', () => {
    const token = fc
      .tuple(
        fc.array(fc.constantFrom(' ', '\t', '\n', '\v', '\f', '\r'), { maxLength: 2 }),
        fc.constantFrom('', '-', '+'),
        fc.oneof(
          fc.array(fc.constantFrom(...'0123456789'), { maxLength: 30 }).map((d) => d.join('')),
          // Every length up to 30 digits, around 2^53, 2^63 and past them.
          fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
          fc.bigInt({ min: 2n ** 52n, max: 2n ** 54n }).map(String),
          fc.bigInt({ min: 2n ** 62n, max: 2n ** 65n }).map(String),
        ),
        fc.constantFrom('', ';', 'x', ' 5', '.5'),
      )
      .map(([space, sign, digits, rest]) => `${space.join('')}${sign}${digits}${rest}`);
    fc.assert(
      fc.property(token, (t) => cAtoi(t) === slowBigAtoi(t)),
      propertyParameters(3000),
    );
  });
});
