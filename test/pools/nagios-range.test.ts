// -w/-c take the Nagios plugin range syntax: N alerts outside 0..N, N: below
// N, ~:N above N, A:B outside A..B, @A:B inside; anything else is refused.
import { describe, expect, it } from 'vitest';
import { parseNagiosRange } from '../../src/pools/index.js';

describe('parseNagiosRange', () => {
  it.each([
    ['80', { low: 0, high: 80, inside: false }],
    ['88.8', { low: 0, high: 88.8, inside: false }],
    ['10:', { low: 10, high: Infinity, inside: false }],
    ['~:90', { low: -Infinity, high: 90, inside: false }],
    ['10:20', { low: 10, high: 20, inside: false }],
    ['@10:20', { low: 10, high: 20, inside: true }],
  ])('%s', (text, expected) => {
    expect(parseNagiosRange(text)).toMatchObject(expected);
  });

  it.each(['', '@', 'lots', '20:10', '80%', '1:2:3'])('refuses %j', (text) => {
    expect(parseNagiosRange(text)).toBeNull();
  });
});
