import { describe, expect, it } from 'vitest';
import {
  declarationLineAfter,
  kindAt,
  lastDeclarationLine,
} from '../../src/scan/declaration-lines.js';

/** Where the scanner may cut and resynchronise: lines that begin a top-level declaration. */
describe('declaration lines', () => {
  const text =
    'authoring-byte-order little-endian;\n' +
    'lease 10.0.0.1 {\n  binding state free;\n}\n' +
    '  lease 10.0.0.2 {\n}\n' +
    'leases 3;\n' +
    'host "h" {\n}\n' +
    'failover peer "p" state {\n}\n' +
    'server-duid "x";\n';
  const bytes = Buffer.from(text, 'latin1');

  it('names the kind of declaration a top-level keyword starts, and nothing for other words', () => {
    expect(kindAt(text, 0)).toBe('authoring-byte-order');
    expect(kindAt(text, text.indexOf('lease 10.0.0.1'))).toBe('lease');
    expect(kindAt(text, text.indexOf('failover'))).toBe('failover-state');
    expect(kindAt(text, text.indexOf('server-duid'))).toBe('server-duid');
    expect(kindAt(text, text.indexOf('leases 3'))).toBeNull();
    expect(kindAt(text, text.indexOf('binding'))).toBeNull();
  });

  it("reads the word as dhcpd's lexer does: a keyword followed by a letter, digit or `_` is another name", () => {
    for (const word of ['leaseX', 'lease9', 'lease_1', 'host2', 'ia-na0', 'LEASE', 'constructor']) {
      expect(kindAt(`${word} x;`, 0), word).toBeNull();
    }
    expect(kindAt('lease.x;', 0)).toBe('lease');
    expect(kindAt('lease{', 0)).toBe('lease');
  });

  it('finds the next line that starts with a keyword followed by white space or a quote', () => {
    const first = declarationLineAfter(text, 0);
    expect(first).toBe(text.indexOf('lease 10.0.0.1'));
    // An indented keyword and a longer word (`leases`) do not begin a declaration line.
    const next = declarationLineAfter(text, first);
    expect(next).toBe(text.indexOf('host "h"'));
    expect(declarationLineAfter(text, next)).toBe(text.indexOf('failover'));
    expect(declarationLineAfter(text, text.indexOf('server-duid'))).toBe(-1);
    expect(declarationLineAfter('host"x" {}\nhost"y" {}\n', 1)).toBe(11);
  });

  it('finds the last such line in bytes, looking back no further than asked', () => {
    expect(lastDeclarationLine(bytes, bytes.length, bytes.length)).toBe(
      text.indexOf('server-duid'),
    );
    expect(lastDeclarationLine(bytes, text.indexOf('server-duid'), bytes.length)).toBe(
      text.indexOf('failover'),
    );
    // The keyword must be followed by a separator inside the bytes given.
    const cut = text.indexOf('failover') + 'failover'.length;
    expect(lastDeclarationLine(bytes, cut, bytes.length)).toBe(text.indexOf('host "h"'));
    expect(lastDeclarationLine(bytes, bytes.length, 10)).toBe(-1);
    // The first line has no newline before it: it is never the answer.
    expect(lastDeclarationLine(bytes, text.indexOf('lease 10.0.0.1'), bytes.length)).toBe(-1);
  });
});
