// The summary fields of a check report that monitoring and people read:
// the date format the file uses, the states of leases that have none written
// (dhcpd makes one up as it reads them), the v6 IA counts, and the failover
// block's times and line.
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { readFixture, tempDir, write } from '../helpers.js';

const dir = tempDir('check-summary');
let counter = 0;
function leases(text: string): string {
  return write(dir, `f${counter++}.leases`, text);
}
const now = new Date('2026-11-28T13:00:00Z');

describe('the date format the file is written in', () => {
  it.each([
    ['utc', 'lease 10.0.0.1 {\n  starts 6 2026/11/28 12:00:00;\n  binding state free;\n}\n'],
    ['local', 'lease 10.0.0.1 {\n  starts epoch 1764331200;\n  binding state free;\n}\n'],
    [
      'mixed',
      'lease 10.0.0.1 {\n  starts epoch 1764331200;\n  ends 6 2026/11/28 12:00:00;\n  binding state free;\n}\n',
    ],
    ['none', 'lease 10.0.0.1 {\n  binding state free;\n}\n'],
    ['none', ''],
  ])('is %s', async (format, text) => {
    expect((await checkLeaseFile(leases(text), { now })).timeFormat).toBe(format);
  });
});

describe('leases with no binding state (files of old dhcpd versions)', () => {
  it('count in the state dhcpd makes up: active while not ended or with an on expiry/release, else free', async () => {
    const text =
      'lease 10.0.0.1 {\n  ends 6 2026/11/28 14:00:00;\n}\n' +
      'lease 10.0.0.2 {\n  ends 6 2026/11/28 12:00:00;\n}\n' +
      'lease 10.0.0.3 {\n  ends 6 2026/11/28 12:00:00;\n  on expiry { set x = 1; }\n}\n' +
      'lease 10.0.0.4 {\n  binding state backup;\n}\n' +
      // An address declared again with a state: the last declaration counts.
      'lease 10.0.0.5 {\n  ends 6 2026/11/28 14:00:00;\n}\n' +
      'lease 10.0.0.5 {\n  binding state abandoned;\n}\n';
    const report = await checkLeaseFile(leases(text), { now });
    expect(report.verdict).toBe('clean');
    expect(report.leases).toEqual({
      distinct: 5,
      byState: { active: 2, free: 1, backup: 1, abandoned: 1 },
    });
  });

  it('depend on the time of the check (`now`)', async () => {
    const path = leases('lease 10.0.0.1 {\n  ends 6 2026/11/28 14:00:00;\n}\n');
    expect((await checkLeaseFile(path, { now })).leases.byState).toEqual({ active: 1 });
    const later = new Date('2026-11-28T15:00:00Z');
    expect((await checkLeaseFile(path, { now: later })).leases.byState).toEqual({ free: 1 });
  });
});

describe('the address 0.0.0.0', () => {
  it('is a lease like any other', async () => {
    const report = await checkLeaseFile(
      leases(
        'lease 0.0.0.0 {\n  binding state free;\n}\nlease 10.0.0.1 {\n  binding state active;\n}\n',
      ),
      { now },
    );
    expect(report.leases).toEqual({ distinct: 2, byState: { free: 1, active: 1 } });
  });
});

describe('v6 IAs', () => {
  it('count each kind of IA by its key, each address once, and states of the last copy', async () => {
    const ia = (kind: string, id: string, addresses: string[], state: string) =>
      `${kind} "${id}" {\n  cltt 6 2026/11/28 12:54:02;\n${addresses
        .map(
          (a) =>
            `  ${kind === 'ia-pd' ? 'iaprefix' : 'iaaddr'} ${a} {\n    binding state ${state};\n    preferred-life 375;\n    max-life 600;\n    ends 6 2026/11/28 13:04:02;\n  }\n`,
        )
        .join('')}}\n`;
    // An IAID+DUID as dhcpd writes it (from the real v6 fixture).
    const a = String.raw`:\336R\335\000\001\000\0012\235\213hz%\335R\336:`;
    const text =
      ia('ia-na', a, ['fd00::1', 'fd00::2'], 'expired') +
      ia('ia-ta', a, ['fd00::3'], 'active') +
      ia('ia-pd', a, ['fd00:0:0:1ff::/64'], 'released') +
      // The same IA again: its last copy replaces the first.
      ia('ia-na', a, ['fd00::1', 'fd00::2'], 'active');
    const report = await checkLeaseFile(leases(text), { now });
    expect(report.problems).toEqual([]);
    expect(report.declarations).toMatchObject({ 'ia-na': 2, 'ia-ta': 1, 'ia-pd': 1 });
    expect(report.ia).toEqual({ distinct: 3, addresses: 4, byState: { active: 3, released: 1 } });
  });

  it('an IA with no iaaddr block counts as an IA with no address', async () => {
    const a = String.raw`:\336R\335\000\001\000\0012\235\213hz%\335R\336:`;
    const report = await checkLeaseFile(
      leases(`ia-na "${a}" {\n  cltt 6 2026/11/28 12:54:02;\n}\n`),
      { now },
    );
    expect(report.verdict).toBe('clean');
    expect(report.ia).toEqual({ distinct: 1, addresses: 0, byState: {} });
  });
});

describe('the failover summary', () => {
  it('gives the last state block of a peer with its times and line', async () => {
    const report = await checkLeaseFile(leases(readFixture('fo-secondary.leases')), { now });
    expect(report.failover).toHaveLength(1);
    const text = readFixture('fo-secondary.leases');
    const lastBlock = text.lastIndexOf('failover peer "foo" state {');
    expect(report.failover[0]).toEqual({
      peer: 'foo',
      myState: 'normal',
      myStateAt: '2026-11-28T12:52:46Z',
      partnerState: 'normal',
      partnerStateAt: '2026-11-28T12:53:00Z',
      mclt: 600,
      role: 'secondary',
      line: text.slice(0, lastBlock).split('\n').length,
    });
  });

  it('keeps one entry per peer, in the order first seen', async () => {
    const block = (peer: string, my: string) =>
      `failover peer "${peer}" state {\n  my state ${my} at 6 2026/11/28 12:00:00;\n  partner state normal at 6 2026/11/28 12:00:01;\n}\n`;
    const text =
      block('b', 'normal') + block('a', 'normal') + block('b', 'communications-interrupted');
    const report = await checkLeaseFile(leases(text), { now });
    expect(report.failover.map((f) => [f.peer, f.myState, f.line, f.role])).toEqual([
      ['b', 'communications-interrupted', 9, 'primary'],
      ['a', 'normal', 5, 'primary'],
    ]);
    expect(report.failover[0]!.partnerStateAt).toBe('2026-11-28T12:00:01Z');
  });

  it('a state block with no statements: a primary with no states', async () => {
    const report = await checkLeaseFile(leases('failover peer "x" state {\n}\n'), { now });
    expect(report.failover).toEqual([
      {
        peer: 'x',
        myState: null,
        myStateAt: null,
        partnerState: null,
        partnerStateAt: null,
        mclt: null,
        role: 'primary',
        line: 1,
      },
    ]);
  });
});
