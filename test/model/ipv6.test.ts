import fc from 'fast-check';
import { isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isIpv6Text } from '../../src/model/ipv6.js';
import { propertyParameters } from '../helpers.js';

/**
 * isIpv6Text is inet_pton(AF_INET6), which dhcpd's parse_ip6_addr calls,
 * step for step. node:net's isIPv6 answered the same before it replaced
 * it (loading node:net cost every v6 check 12 ms): held to it on the text
 * parse_ip6_addr can gather (hex digits, `:` and `.`).
 */
describe('isIpv6Text', () => {
  it.each([
    ['::', true],
    ['::1', true],
    ['fd00::0:1', true],
    ['FD00:0:0:300::', true],
    ['1:2:3:4:5:6:7:8', true],
    ['::ffff:192.0.2.1', true],
    ['1:2:3:4:5:6:1.2.3.4', true],
    ['1:2:3:4:5:6:7:8::', false],
    ['1:2:3:4:5:6:7', false],
    [':1::', false],
    ['1::2::3', false],
    ['12345::', false],
    ['1:', false],
    ['::1.2.3', false],
    ['::01.2.3.4', false],
    ['::256.1.1.1', false],
    ['1:2:3:4:5:6:7:1.2.3.4', false],
    ['', false],
  ])('%j: %s', (text, valid) => {
    expect(isIpv6Text(text)).toBe(valid);
    expect(isIPv6(text)).toBe(valid);
  });

  it('answers as node:net isIPv6 does on text of hex digits, colons and dots', () => {
    const anyText = fc
      .array(fc.constantFrom(...'0123456789abcdefABCDEF::::....'), { maxLength: 40 })
      .map((chars) => chars.join(''));
    const group = fc.integer({ min: 0, max: 0x1ffff }).map((n) => n.toString(16));
    const quad = fc
      .array(fc.integer({ min: 0, max: 300 }), { minLength: 3, maxLength: 5 })
      .map((n) => n.join('.'));
    const addressLike = fc
      .tuple(fc.array(group, { maxLength: 9 }), fc.option(fc.nat(9)), fc.option(quad))
      .map(([groups, gap, tail]) => {
        const parts: string[] = [...groups];
        if (gap !== null) parts.splice(Math.min(gap, parts.length), 0, '');
        let text = parts.join(':');
        if (gap !== null && (text.startsWith(':') || text === '')) text = `:${text}`;
        if (gap !== null && text.endsWith(':')) text = `${text}:`;
        return tail === null ? text : `${text}${text.endsWith(':') ? '' : ':'}${tail}`;
      });
    fc.assert(
      fc.property(fc.oneof(anyText, addressLike), (text) => isIpv6Text(text) === isIPv6(text)),
      propertyParameters(20000),
    );
  });
});
