import { afterEach, describe, expect, it } from 'vitest';
import { parseTimeArgument } from '../../src/model/time-argument.js';
import { parseTime } from '../../src/cli/options.js';
import { parseSince } from '../../src/ready/since.js';

const now = new Date('2026-11-28T13:10:00Z');
const iso = (text: string) => {
  const parsed = parseTimeArgument(text, now);
  return parsed.ok ? parsed.date.toISOString() : `error: ${parsed.reason}`;
};

describe('the one reader of typed times (--now, --since)', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('reads ISO 8601 with a zone, epoch seconds, relative times and now', () => {
    expect(iso('2026-11-28T12:52:55Z')).toBe('2026-11-28T12:52:55.000Z');
    expect(iso('2026-11-28 12:52:55+0100')).toBe('2026-11-28T11:52:55.000Z');
    expect(iso('2026-11-28T12:52:55.250-02:30')).toBe('2026-11-28T15:22:55.250Z');
    expect(iso('@1795870375')).toBe('2026-11-28T12:52:55.000Z');
    expect(iso('1795870375')).toBe('2026-11-28T12:52:55.000Z');
    expect(iso('-15m')).toBe('2026-11-28T12:55:00.000Z');
    expect(iso('now')).toBe(now.toISOString());
  });

  it('reads a date as the lease file writes it, in UTC, with or without its weekday', () => {
    expect(iso('6 2026/11/28 12:52:06')).toBe('2026-11-28T12:52:06.000Z');
    expect(iso('2026/11/28 12:52:06')).toBe('2026-11-28T12:52:06.000Z');
    expect(iso('epoch 1795870454')).toBe('2026-11-28T12:54:14.000Z');
  });

  it('reads a time without a zone as local time, the same way for --now and --since', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(iso('2026-11-28T13:52:55')).toBe('2026-11-28T12:52:55.000Z');
    expect(iso('2026-11-28')).toBe('2026-11-27T23:00:00.000Z');
    expect(parseTime('2026-11-28 13:52:55').toISOString()).toBe(
      parseSince('2026-11-28 13:52:55').toISOString(),
    );
  });

  it('refuses what Date.parse would quietly move or guess: every such time is an error', () => {
    for (const bad of [
      '2026-02-30T00:00:00Z',
      '2026-02-29',
      '2026-11-28T24:30:00Z',
      '2026-11-28 12:60',
      '2026/13/01 00:00:00',
      '2026-11-28T12:00:00+15:00',
      'yesterday',
      '12:52',
      '',
      '1e9',
      '@99999999999999999',
    ]) {
      expect(iso(bad), bad).toMatch(/^error: /);
      expect(() => parseTime(bad), bad).toThrow();
      expect(() => parseSince(bad, now), bad).toThrow(/--since/);
    }
  });
});
