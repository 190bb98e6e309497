// readLeases: the leases of a file as dhcpd loads them, from a path, a Buffer
// or a string; the last declaration of each address wins; a made-up state is
// said to be made up; problems come beside the leases.
import { describe, expect, it } from 'vitest';
import { currentLeases, readLeases } from '../../src/index.js';
import type { LeaseRecord } from '../../src/index.js';
import { fixturePath, readFixture, tempDir, write } from '../helpers.js';
import { oddLeases, oddLeasesTruncated } from './odd-files.js';

const now = new Date('2030-01-01T00:00:00Z');

async function all(reading: AsyncIterable<LeaseRecord>): Promise<LeaseRecord[]> {
  const out: LeaseRecord[] = [];
  for await (const r of reading) out.push(r);
  return out;
}

describe('readLeases', () => {
  it('reads the same leases from a path, a Buffer and a string', async () => {
    const path = write(tempDir('leases'), 'dhcpd.leases', oddLeases);
    const fromPath = await all(readLeases(path, { now }));
    const fromBuffer = await all(readLeases(Buffer.from(oddLeases, 'latin1'), { now }));
    const fromText = await all(readLeases({ text: oddLeases }, { now }));
    expect(fromPath.length).toBe(12);
    expect(fromBuffer).toEqual(fromPath);
    expect(fromText).toEqual(fromPath);
  });

  it('keeps the last declaration of an address, whole', async () => {
    const leases = await all(readLeases({ text: oddLeases }, { now }));
    const by = new Map(leases.map((l) => [l.address, l]));
    expect(by.get('10.0.0.15')?.state).toBe('released');
    expect(by.get('10.0.0.16')?.state).toBe('active');
    expect(by.get('10.0.0.16')?.ends).toBe('2037-12-31T00:00:00Z');
    // Tabs and no indentation read like any other white space.
    expect(by.get('10.0.0.11')?.state).toBe('active');
    expect(by.get('10.0.0.12')?.hardware).toEqual({
      type: 'ethernet',
      address: '00:11:22:33:44:12',
    });
    expect(by.get('10.0.0.13')?.state).toBe('active');
    expect(by.get('10.0.0.14')?.state).toBe('free');
  });

  it('every declaration in file order with history', async () => {
    const leases = await all(readLeases({ text: oddLeases }, { now, history: true }));
    expect(leases.filter((l) => l.address === '10.0.0.15').map((l) => l.state)).toEqual([
      'active',
      'released',
    ]);
    expect(leases.length).toBe(14);
  });

  it('says when dhcpd makes the binding state up, from ends and now', async () => {
    const leases = await all(readLeases({ text: oddLeases }, { now }));
    const by = new Map(leases.map((l) => [l.address, l]));
    expect(by.get('10.0.0.17')).toMatchObject({ state: 'active', stateMadeUp: true });
    expect(by.get('10.0.0.18')).toMatchObject({ state: 'free', stateMadeUp: true });
    expect(by.get('10.0.0.10')?.stateMadeUp).toBe(false);
  });

  it('decodes uid and client-hostname strings with escapes', async () => {
    const leases = await all(readLeases({ text: oddLeases }, { now }));
    const l = leases.find((x) => x.address === '10.0.0.10')!;
    expect(l.uid).toEqual({ text: '\\001\\000\\021\\"3D\\020', hex: '01:00:11:22:33:44:10' });
    expect(l.clientHostname).toBe('quote"d');
  });

  it('loads a truncated last lease as dhcpd does, and reports the problem beside', async () => {
    const reading = readLeases({ text: oddLeasesTruncated }, { now });
    const leases = await all(reading);
    const cut = leases.find((l) => l.address === '10.0.0.22');
    expect(cut).toMatchObject({ state: 'active', hardware: null, partial: true });
    expect(reading.problems).toHaveLength(1);
    expect(reading.problems[0]).toMatchObject({ code: 'truncated-tail', dhcpd: 'loaded' });
  });

  it('skips a damaged declaration in the middle and reports it', async () => {
    const damaged = oddLeases.replace(
      'binding state free;\n  hardware ethernet 00:11:22:33:44:16;',
      'binding stat free;\n  hardware ethernet 00:11:22:33:44:16;',
    );
    const reading = readLeases({ text: damaged }, { now, history: true });
    const leases = await all(reading);
    expect(leases.filter((l) => l.address === '10.0.0.16')).toHaveLength(1);
    expect(reading.problems.map((p) => [p.code, p.dhcpd])).toEqual([['syntax-error', 'skipped']]);
  });

  it('reads v6 IAs address by address (the real v6 fixture)', async () => {
    const leases = await all(readLeases(fixturePath('v6.leases'), { now }));
    expect(leases.map((l) => [l.kind, l.address, l.state])).toEqual([
      ['ia-na', 'fd00::1bd', 'active'],
      ['ia-pd', 'fd00:0:0:1ff::/64', 'active'],
    ]);
    expect(leases[0]).toMatchObject({
      preferredLife: 375,
      maxLife: 600,
      ia: { duid: '00:01:00:01:32:9d:8b:68:7a:25:dd:52:de:3a' },
    });
  });

  it('currentLeases: active and not ended at now', async () => {
    const { leases } = await currentLeases({ text: oddLeases }, { now });
    expect(leases.map((l) => l.address).sort()).toEqual([
      '10.0.0.10',
      '10.0.0.11',
      '10.0.0.12',
      '10.0.0.13',
      '10.0.0.16',
      '10.0.0.17',
    ]);
  });

  it('a missing file is a LeasecheckError with exit code 8', async () => {
    await expect(all(readLeases('/nonexistent/dhcpd.leases'))).rejects.toMatchObject({
      exitCode: 8,
    });
  });

  it('reads the failover fixture: backup leases stay backup', async () => {
    const leases = await all(readLeases({ text: readFixture('fo-primary.leases') }, { now }));
    expect(leases.filter((l) => l.state === 'backup')).toHaveLength(10);
  });
});
