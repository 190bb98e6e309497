import { describe, expect, it } from 'vitest';
import { scanSnapshot, type SnapshotCaps } from '../../src/verify/index.js';
import { header, lease, leases, read, real, tempDir, write } from './helpers.js';

/**
 * write_leases' order (server/mdb.c; mdb6.c write_leases6 for v6): classes,
 * groups, deleted hosts, dynamic hosts, failover states, then v4 leases or
 * v6's server-duid and its IAs, NA before TA before PD. The first declaration
 * out of that order cannot be the snapshot's: the snapshot ends before it.
 */

const headerLines = header().split('\n').length - 1;
const first = headerLines + 1;
const duid = 'server-duid "\\000\\001\\000\\001";\n';
const byteOrder = 'authoring-byte-order little-endian;\n';
const deletedHost = 'host old-a {\n  deleted;\n}\n';
const dynamicHost =
  'host new-a {\n  dynamic;\n  hardware ethernet 00:11:22:33:44:66;\n  fixed-address 10.0.9.9;\n}\n';
const failoverState =
  'failover peer "foo" state {\n  my state normal at 6 2026/11/28 12:52:46;\n' +
  '  partner state normal at 6 2026/11/28 12:52:46;\n  mclt 600;\n}\n';
const ia = (kind: 'ia-na' | 'ia-ta' | 'ia-pd', n: number): string =>
  `${kind} "\\000\\000\\000${n}\\000\\001\\000\\001" {\n  cltt 6 2026/11/28 12:54:02;\n` +
  (kind === 'ia-pd' ? `  iaprefix fd00:0:0:${n}::/64 {\n` : `  iaaddr fd00::${n} {\n`) +
  '    binding state active;\n    preferred-life 375;\n    max-life 600;\n    ends 6 2026/11/28 13:04:02;\n  }\n}\n';
const lines = (text: string): number => text.split('\n').length - 1;

function scan(body: string, family: 'v4' | 'v6', caps: SnapshotCaps, startup = false) {
  const file = write(tempDir(), 'dhcpd.leases', header() + body);
  return scanSnapshot(file, family, caps, undefined, undefined, startup);
}

const v6caps = { 'ia-na': 5, 'ia-ta': 5, 'ia-pd': 5 };

describe('scanSnapshot: the first declaration out of write_leases order ends the snapshot', () => {
  it('a second authoring-byte-order right after the header (two files run together)', () => {
    const s = scan(byteOrder + leases(0, 1), 'v4', { leases: 1 });
    expect(s.end).toMatchObject({ line: first, kind: 'authoring-byte-order', reason: 'order' });
    expect(s.tallies.leases.found).toBe(0);
  });

  it('an authoring-byte-order after the leases', () => {
    const s = scan(leases(0, 1) + byteOrder + lease('10.0.1.5'), 'v4', { leases: 2 });
    expect(s.end).toMatchObject({ line: first + lines(lease('10.0.1.0')), reason: 'order' });
    expect(s.tallies.leases.found).toBe(1);
    expect(s.appended).toBe(2);
  });

  it('a deleted host after a dynamic one (deleted hosts come first)', () => {
    const s = scan(dynamicHost + deletedHost, 'v4', {
      'deleted-host-decls': 1,
      'dynamic-host-decls': 1,
    });
    expect(s.end).toMatchObject({
      line: first + lines(dynamicHost),
      kind: 'host',
      reason: 'order',
    });
    // and in write_leases' order both belong to the snapshot
    const ok = scan(deletedHost + dynamicHost, 'v4', { 'deleted-host-decls': 1 });
    expect(ok.end).toBeNull();
    expect([
      ok.tallies['deleted-host-decls'].found,
      ok.tallies['dynamic-host-decls'].found,
    ]).toEqual([1, 1]);
  });

  it('a failover state after the leases', () => {
    const s = scan(leases(0, 1) + failoverState, 'v4', { leases: 1 });
    expect(s.end).toMatchObject({ kind: 'failover-state', key: 'foo', reason: 'order' });
  });

  it('v4: an ia-ta or ia-pd cannot be in a v4 snapshot', () => {
    for (const kind of ['ia-ta', 'ia-pd'] as const) {
      const s = scan(leases(0, 1) + ia(kind, 1), 'v4', { leases: 2 });
      expect(s.end, kind).toMatchObject({ kind, reason: 'order' });
    }
  });

  it('v6: a v4 lease cannot be in a v6 snapshot', () => {
    const s = scan(duid + ia('ia-na', 1) + lease('10.0.1.0'), 'v6', v6caps);
    expect(s.end).toMatchObject({ kind: 'lease', reason: 'order' });
    expect(s.tallies['ia-na'].found).toBe(1);
    // first in the file too: out of order, not merely past a count of zero
    expect(scan(lease('10.0.1.0') + ia('ia-na', 1), 'v6', v6caps).end).toMatchObject({
      line: first,
      kind: 'lease',
      reason: 'order',
    });
  });

  it('v6: one server-duid heads the IAs; a second one ends the snapshot', () => {
    const s = scan(duid + duid + ia('ia-na', 1), 'v6', v6caps);
    expect(s.end).toMatchObject({ line: first + 1, kind: 'server-duid', reason: 'order' });
    const ok = scan(duid + ia('ia-na', 1) + ia('ia-ta', 2) + ia('ia-pd', 3), 'v6', v6caps);
    expect(ok.end).toBeNull();
    expect(ok.appended).toBe(0);
  });

  it('v6: NA after TA, or TA after PD, is out of order', () => {
    expect(scan(ia('ia-ta', 1) + ia('ia-na', 2), 'v6', v6caps).end).toMatchObject({
      kind: 'ia-na',
      reason: 'order',
    });
    expect(scan(ia('ia-pd', 1) + ia('ia-ta', 2), 'v6', v6caps).end).toMatchObject({
      kind: 'ia-ta',
      reason: 'order',
    });
  });
});

describe("scanSnapshot: a v4 start-up's server-duid (dhcpd.c writes it after the snapshot)", () => {
  it('the first is the start-up’s own and not appended; a later one is appended', () => {
    const text = read(real('srv.leases'));
    const file = write(tempDir(), 'srv.leases', text + duid);
    const s = scanSnapshot(file, 'v4', { leases: 0 }, undefined, undefined, true);
    expect(s.startupServerDuid).toBe(7);
    expect(s.appended).toBe(2); // the lease, and the second server-duid
  });

  it('in an hourly rewrite a server-duid is not dhcpd’s start-up one: it ends the snapshot as appended', () => {
    const s = scan(leases(0, 1) + duid, 'v4', { leases: 1 });
    expect(s.startupServerDuid).toBeNull();
    expect(s.end).toMatchObject({ kind: 'server-duid', reason: 'after-server-duid' });
    expect(s.appended).toBe(1);
  });
});
