import { describe, expect, it } from 'vitest';
import {
  dhcpdEofLine,
  dhcpdTest,
  parseDhcpdTestOutput,
  requireRealDhcpd,
} from '../harness/index.js';
import { fixture } from './fixtures.js';

const gate = requireRealDhcpd();

describe.skipIf(gate.skip)('harness: dhcpdTest runs `dhcpd -T` on a copy', () => {
  it('reports the three parse warnings at line 452 of the disk-full fixture', async () => {
    const result = await dhcpdTest(fixture('enospc.conf'), fixture('enospc-truncated.leases'));
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 452, message: 'numeric day of week expected.' }),
      expect.objectContaining({ line: 452, message: 'semicolon expected.' }),
      expect.objectContaining({ line: 452, message: 'unexpected end of file' }),
    ]);
    expect(result.warnings[0]?.context).toEqual(['  cltt ', '   ^']);
    expect(result.successful).toBe(true);
    expect(result.exitCode).toBe(0);
    expect(result.wrote.leases).toBeGreaterThanOrEqual(0);
    expect(result.noSubnet).toEqual([]);
  });

  it.each([
    ['srv.conf', 'srv.leases'],
    ['fo-primary.conf', 'fo-primary.leases'],
    ['fo-secondary.conf', 'fo-secondary.leases'],
  ])('finds no warning in the whole fixture %s + %s', async (conf, leases) => {
    const result = await dhcpdTest(fixture(conf), fixture(leases));
    expect(result.warnings).toEqual([]);
    expect(result.noSubnet).toEqual([]);
    expect(result.wrote.leases).toEqual(expect.any(Number));
  });

  it('runs v6 files with -6 and reads the NA/TA/PD counts', async () => {
    const result = await dhcpdTest(fixture('v6.conf'), fixture('v6.leases'));
    expect(result.warnings).toEqual([]);
    expect(result.wrote).toEqual(
      expect.objectContaining({ na: expect.any(Number), ta: 0, pd: expect.any(Number) }),
    );
  });

  it('sees a stray top-level word as the line-less "Corrupt lease file" warning', async () => {
    const leases = { content: 'lease 10.0.0.10 {\n  binding state free;\n}\nl' };
    const result = await dhcpdTest(fixture('srv.conf'), leases);
    expect(result.warnings.map((w) => w.message)).toContain(
      'Corrupt lease file - possible data loss!',
    );
  });
});

describe('harness: parseDhcpdTestOutput', () => {
  it('separates warnings, no-subnet drops and Wrote counts', () => {
    const raw = [
      'Internet Systems Consortium DHCP Server 4.4.3-P1',
      'Config file: /t/c',
      'Database file: /t/l',
      '/t/l line 3: semicolon expected.',
      '  cltt ',
      '   ^',
      'lease 10.9.9.9: no subnet.',
      'Wrote 2 deleted host decls to leases file.',
      'Wrote 5 leases to leases file.',
      'Lease file test successful, removing temp lease file: /t/l.123',
    ].join('\n');
    const result = parseDhcpdTestOutput(raw, '/t/l', '/t/c', 0);
    expect(result.warnings).toEqual([
      { line: 3, message: 'semicolon expected.', context: ['  cltt ', '   ^'] },
    ]);
    expect(result.noSubnet).toEqual(['10.9.9.9']);
    expect(result.wrote).toEqual({ deletedHosts: 2, leases: 5 });
    expect(result.successful).toBe(true);
    expect(result.other).toEqual([]);
  });

  it('keeps the context of a warning whose message ends in a newline', () => {
    const raw = [
      '/t/l line 3: Too many starts parameters in lease 10.0.0.10',
      '',
      '  starts ',
      '   ^',
      '/t/l line 3: unexpected end of file',
      '',
      '^',
    ].join('\n');
    const result = parseDhcpdTestOutput(raw, '/t/l', '/t/c', 0);
    expect(result.warnings).toEqual([
      {
        line: 3,
        message: 'Too many starts parameters in lease 10.0.0.10',
        context: ['  starts ', '   ^'],
      },
      { line: 3, message: 'unexpected end of file', context: ['', '^'] },
    ]);
    expect(result.other).toEqual([]);
  });

  it('names the line of the last token as where dhcpd meets the end of file', () => {
    expect(dhcpdEofLine('lease 10.0.0.1 {\n  starts 6 2026/11/28 12:55:18;')).toBe(2);
    expect(dhcpdEofLine('lease 10.0.0.1 {\n  starts 6 2026/11/28 12:55:18;\n\n  ')).toBe(2);
    expect(dhcpdEofLine('lease 10.0.0.1 {\n  starts 1;\n# a comment\n')).toBe(2);
    expect(dhcpdEofLine('lease 10.0.0.1 {\n  starts 1;\n  ends')).toBe(3);
  });

  it('refuses output that complains about the config rather than the lease file', () => {
    expect(() =>
      parseDhcpdTestOutput('/t/c line 1: expecting a parameter', '/t/l', '/t/c', 1),
    ).toThrow(/rejected the generated config/);
  });
});
