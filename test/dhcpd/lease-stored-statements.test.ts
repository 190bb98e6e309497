// What parse_lease_declaration's model says it stored of each statement: check
// names these when it explains what dhcpd keeps of a partial last lease
// (partial-declaration.ts). One entry per statement name, at the keyword of
// its last copy, marked partial (with a note) when dhcpd warned while reading
// it; a date dhcpd read as 0 removes the earlier copy.
import { describe, expect, it } from 'vitest';
import { parseLeaseDeclaration } from '../../src/dhcpd/confpars-lease.js';

const now = Date.UTC(2026, 10, 28) / 1000;

function stored(body: string) {
  const text = ` 10.0.0.5 {\n${body}}\n`;
  const r = parseLeaseDeclaration(text, now);
  return r.stored.map((s) => ({ ...s, at: text.slice(s.offset, s.offset + 8) }));
}

describe('the statements the lease model stored', () => {
  it('names each statement dhcpd stores, at its keyword', () => {
    const body =
      '  starts 1 2001/01/01 00:10:00;\n  ends never;\n  tstp 1 2001/01/01 00:10:00;\n  tsfp 1 2001/01/01 00:10:00;\n' +
      '  atsfp 1 2001/01/01 00:10:00;\n  cltt 1 2001/01/01 00:10:00;\n  binding state active;\n  next binding state free;\n' +
      '  rewind binding state free;\n  hardware ethernet 00:01:02:03:04:05;\n  uid "ab";\n  client-hostname "h";\n' +
      '  reserved;\n  dynamic-bootp;\n  abandoned;\n  on expiry { set x = "1"; }\n  option agent.circuit-id "c";\n' +
      '  set v = "1";\n  ddns-fwd-name "f";\n  ddns-rev-name "r";\n';
    expect(stored(body).map((s) => [s.name, s.partial, s.at])).toEqual([
      ['starts', false, 'starts 1'],
      ['ends', false, 'ends nev'],
      ['tstp', false, 'tstp 1 2'],
      ['tsfp', false, 'tsfp 1 2'],
      ['atsfp', false, 'atsfp 1 '],
      ['cltt', false, 'cltt 1 2'],
      ['binding state', false, 'binding '],
      ['next binding state', false, 'next bin'],
      ['rewind binding state', false, 'rewind b'],
      ['hardware', false, 'hardware'],
      ['uid', false, 'uid "ab"'],
      ['client-hostname', false, 'client-h'],
      ['reserved', false, 'reserved'],
      ['dynamic-bootp', false, 'dynamic-'],
      ['abandoned', false, 'abandone'],
      ['on', false, 'on expir'],
      ['option', false, 'option a'],
      ['set v', false, 'set v = '],
      ['ddns-fwd-name', false, 'ddns-fwd'],
      ['ddns-rev-name', false, 'ddns-rev'],
    ]);
    expect(stored(body).every((s) => s.note === undefined)).toBe(true);
  });

  it('keeps one entry per statement, at its last copy', () => {
    const s = stored('  uid "a";\n  hardware ethernet 1:2;\n  uid "b";\n');
    expect(s.map((x) => [x.name, x.at])).toEqual([
      ['hardware', 'hardware'],
      ['uid', 'uid "b";'],
    ]);
  });

  it('drops a date dhcpd read as 0, and the earlier copy with it', () => {
    expect(
      stored('  starts 1 2001/01/01 00:10:00;\n  starts x;\n  ends never;\n').map((x) => x.name),
    ).toEqual(['ends']);
  });

  it('marks a statement dhcpd warned about as partial, with what it kept', () => {
    expect(stored('  hardware ethernet 00:01\n').map((x) => [x.name, x.partial, x.note])).toEqual([
      ['hardware', true, 'hardware address cut to 00:01'],
    ]);
    expect(
      stored('  uid 01:02\n  starts 1 2001/01/01 00:10:00;\n').map((x) => [
        x.name,
        x.partial,
        x.note,
      ]),
    ).toEqual([['uid', true, '2 byte(s) of the uid']]);
    expect(
      stored('  hardware ethernet;\n  hardware ethernet\n').map((x) => [x.partial, x.note]),
    ).toEqual([[true, 'hardware type only, no address']]);
  });
});
