import { describe, expect, it } from 'vitest';
import { lastTokenEnd } from '../../src/dhcpd/conflex.js';
import { statementName } from '../../src/dhcpd/statement-name.js';

describe('the name of a lease statement (check and the dhcpd model read the same one)', () => {
  it.each([
    ['starts 4 2026/11/26 10:00:00;', 'starts'],
    ['binding state active;', 'binding state'],
    ['next binding state free;', 'next binding state'],
    ['rewind binding state free;', 'rewind binding state'],
    ['billing class "foo";', 'billing'],
    ['billing subclass "foo" 1:2:3;', 'billing'],
    ['abandoned;', 'abandoned'],
    ['iaaddr 2001:db8::1 {', 'iaaddr'],
    ['hardware ethernet 00:11:22:33:44:55;', 'hardware'],
    ['  # a comment\n  uid "\\001";', 'uid'],
    ['client-hostn', 'client-hostn'],
    ['bin', 'bin'],
    ['', ''],
    ['   ', ''],
  ])('%j is %j', (text, name) => {
    expect(statementName(text)).toBe(name);
  });
});

describe('the end of the last token dhcpd reads (where it reports the end of a cut file)', () => {
  it.each([
    ['lease 10.0.0.1 {\n  starts 4', 'lease 10.0.0.1 {\n  starts 4'.length],
    ['lease 10.0.0.1 {\n  starts 4  \n\n', 'lease 10.0.0.1 {\n  starts 4'.length],
    ['lease 10.0.0.1 {\n  # a comment\n', 'lease 10.0.0.1 {'.length],
    ['lease 10.0.0.1 {\n  uid "a#b" # c', 'lease 10.0.0.1 {\n  uid "a#b"'.length],
    ['lease 10.0.0.1 {\n  uid "a\\"b', 'lease 10.0.0.1 {\n  uid "a\\"b'.length],
    ['lease 10.0.0.1 {\n  uid "cut\\', 'lease 10.0.0.1 {\n  uid "cut\\'.length],
    ['  \n', 0],
  ])('%j ends at %i', (text, end) => {
    expect(lastTokenEnd(text)).toBe(end);
  });

  it('stops before white space too long for dhcpd, which exits there', () => {
    expect(lastTokenEnd(`lease 10.0.0.1 {${' '.repeat(2000)}x`)).toBe('lease 10.0.0.1 {'.length);
  });
});
