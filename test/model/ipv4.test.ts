import { describe, expect, it } from 'vitest';
import { ipv4Number } from '../../src/model/ipv4.js';

describe('ipv4Number, the one IPv4 key of check and verify', () => {
  it('reads dotted quads', () => {
    expect(ipv4Number('10.0.1.7')).toBe(167772423);
    expect(ipv4Number('255.255.255.255')).toBe(0xffffffff);
    expect(ipv4Number('0.0.0.0')).toBe(0);
  });

  it('refuses what dhcpd cannot read instead of folding it onto another address', () => {
    for (const bad of [
      '10.0.1.256',
      '10.0.1',
      '10.0.1.7.8',
      '10..1.7',
      '1000.0.0.1',
      '10.0.1.x',
      '',
    ]) {
      expect(ipv4Number(bad)).toBeNull();
    }
  });
});
