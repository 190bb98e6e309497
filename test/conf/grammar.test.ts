import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OpaqueStatement, Statement } from '../../src/conf/ast.js';
import { parseConfText } from '../../src/conf/parse.js';
import { parseError } from './parse-error.js';
import { realFixtureDir } from '../helpers.js';

const realDhcpd = realFixtureDir;
const fixtures = ['fo-primary', 'fo-secondary', 'srv', 'v6', 'enospc'];

describe('the dhcpd.conf grammar', () => {
  it.each(fixtures)('reads the real dhcpd fixture %s.conf', (name) => {
    const statements = parseConfText(readFileSync(`${realDhcpd}/${name}.conf`, 'latin1'), name);
    expect(statements.length).toBeGreaterThan(2);
  });

  it('models the failover block of fo-primary.conf setting by setting, with lines', () => {
    const statements = parseConfText(readFileSync(`${realDhcpd}/fo-primary.conf`, 'latin1'), 'p');
    const peer = statements.find((s) => s.kind === 'failover-peer');
    expect(peer).toMatchObject({ name: 'foo', line: 5 });
    expect(
      peer?.kind === 'failover-peer' &&
        peer.settings.map((s) => [s.line, s.partner, s.name, s.value]),
    ).toEqual([
      [6, false, 'primary', null],
      [7, false, 'address', '10.0.0.1'],
      [8, false, 'port', '647'],
      [9, true, 'address', '10.0.0.3'],
      [10, true, 'port', '647'],
      [11, false, 'max-response-delay', '60'],
      [12, false, 'max-unacked-updates', '10'],
      [13, false, 'load balance max seconds', '3'],
      [14, false, 'mclt', '600'],
      [14, false, 'split', '128'],
    ]);
  });

  it('reads range6, prefix6 and subnet6 of v6.conf', () => {
    const [subnet] = parseConfText(readFileSync(`${realDhcpd}/v6.conf`, 'latin1'), 'v6').filter(
      (s) => s.kind === 'subnet6',
    );
    expect(subnet).toMatchObject({
      network: 'fd00::',
      prefixLength: 64,
      body: [
        { kind: 'range6', low: 'fd00::100', end: { kind: 'high', address: 'fd00::1ff' } },
        { kind: 'prefix6', low: 'fd00:0:0:100::', high: 'fd00:0:0:1ff::', bits: 64 },
      ],
    });
  });

  it('keeps unmodelled statements opaque, delimited by ; and balanced braces, even inside strings', () => {
    const statements = parseConfText(
      'option domain-name "a;b{c}";\nif option user-class = "}{" { if x { y; } z; } else { w; }\nauthoritative;\n',
      't',
    );
    expect(statements.map((s) => (s as OpaqueStatement).tokens[0])).toEqual([
      'option',
      'if',
      'else',
      'authoritative',
    ]);
    expect((statements[1] as OpaqueStatement).block).toBe('{ if x { y ; } z ; }');
    expect((statements[0] as OpaqueStatement).tokens).toEqual([
      'option',
      'domain-name',
      '"a;b{c}"',
    ]);
  });

  it('compares keywords case-insensitively, as dhcpd does, and keeps names as written', () => {
    const [subnet, host] = parseConfText(
      'SUBNET 10.0.0.0 NetMask 255.0.0.0 { RANGE 10.0.0.1 10.0.0.9; }\nHost MyPrinter { Hardware Ethernet 0:A:b:C:d:E; }\n',
      't',
    );
    expect(subnet).toMatchObject({
      kind: 'subnet',
      body: [{ kind: 'range', low: '10.0.0.1', high: '10.0.0.9' }],
    });
    expect(host).toMatchObject({
      kind: 'host',
      name: 'MyPrinter',
      body: [{ kind: 'hardware', hardwareType: 'ethernet', address: '00:0a:0b:0c:0d:0e' }],
    });
  });

  it('skips # comments and allows space inside an IPv4 address, like conflex.c', () => {
    const [range] = parseConfText(
      '# comment { ;\nrange 10 . 0 .0. 1 # low\n 10.0.0.2;',
      't',
    ) as Statement[];
    expect(range).toMatchObject({ kind: 'range', line: 2, low: '10.0.0.1', high: '10.0.0.2' });
  });

  it('decodes escapes in names: failover peer "a\\"b"', () => {
    const [peer] = parseConfText('failover peer "a\\"b\\101";', 't');
    expect(peer).toMatchObject({ kind: 'failover-reference', name: 'a"bA' });
  });

  it('reports a missing semicolon with line, column and what was expected', () => {
    const error = parseError('subnet 10.0.0.0 netmask 255.0.0.0 {\n  range 10.0.0.1 10.0.0.9\n}\n');
    expect(error.exitCode).toBe(8);
    expect([error.line, error.column]).toEqual([3, 1]);
    expect(error.expected).toContain('";"');
    expect(error.message).toMatch(/^test\.conf:3:1: syntax error: expected/);
  });

  it('does not let a malformed modelled statement pass as opaque', () => {
    const error = parseError('range 10.0.0.1 banana;\n');
    expect(error.line).toBe(1);
    expect(error.column).toBe(16);
  });

  it('rejects a stray closing brace, an unterminated block and an unterminated string', () => {
    expect(parseError('authoritative;\n}\n').line).toBe(2);
    expect(parseError('subnet 10.0.0.0 netmask 255.0.0.0 {\n').line).toBe(2);
    expect(parseError('option domain-name "abc;\n').column).toBe(20); // the unterminated string
  });

  it('rejects an empty statement, as dhcpd does, saying what a statement is', () => {
    const error = parseError('authoritative;\n;\n');
    expect(error.line).toBe(2);
    expect(error.expected).toBe('end of input or a parameter or declaration');
  });

  it('answers hostile nesting with a clear error, not a stack overflow', () => {
    let error: unknown;
    try {
      parseConfText(`if a ${'{ '.repeat(200_000)}`, 'deep.conf');
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toMatch(/deep\.conf/);
    expect((error as { exitCode?: number }).exitCode).toBe(8);
  });
});
