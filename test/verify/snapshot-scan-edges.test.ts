import { describe, expect, it } from 'vitest';
import { scanSnapshot, type SnapshotCaps } from '../../src/verify/index.js';
import { header, leases, tempDir, write } from './helpers.js';

/**
 * Where the snapshot at the head of a lease file ends, in the cases that
 * decide between "part of what dhcpd wrote" and "appended after it": classes
 * with their subclasses, the server-duid a v4 start-up writes after its
 * snapshot (and only then), and the failover-state block that seals a v4
 * start-up snapshot (only a start-up's, and only one the `Wrote` line can
 * have written). A scan that takes an appended lease into the snapshot, or
 * ends the snapshot early, gives a false "consistent" or a false alarm.
 */

const headerLines = header().split('\n').length - 1;
const lines = (text: string): number => text.split('\n').length - 1;
const duid = 'server-duid "\\000\\001\\000\\001";\n';
const failover = (my: string, partner: string): string =>
  `failover peer "foo" state {\n  my state normal at ${my};\n` +
  `  partner state normal at ${partner};\n  mclt 600;\n}\n`;
const ia = (n: number, kind: 'ia-na' | 'ia-ta' | 'ia-pd' = 'ia-na'): string =>
  `${kind} "\\000\\000\\000${n}\\000\\001\\000\\001" {\n  cltt 6 2026/11/28 12:54:02;\n` +
  (kind === 'ia-pd' ? `  iaprefix fd00:0:0:${n}::/64 {\n` : `  iaaddr fd00::${n} {\n`) +
  '    binding state active;\n    preferred-life 375;\n' +
  '    max-life 600;\n    ends 6 2026/11/28 13:04:02;\n  }\n}\n';

function scan(
  body: string,
  family: 'v4' | 'v6',
  caps: SnapshotCaps,
  options: { startup?: boolean; writtenAt?: number | null } = {},
) {
  const file = write(tempDir(), 'dhcpd.leases', header() + body);
  return options.startup === undefined
    ? scanSnapshot(file, family, caps)
    : scanSnapshot(file, family, caps, undefined, undefined, options.startup, options.writtenAt);
}

describe('classes and subclasses', () => {
  it("a class after another class's subclass is still the snapshot (write_leases writes each class with its subclasses)", () => {
    const body =
      'class "a" {\n  match option vendor-class-identifier;\n}\n' +
      'subclass "a" "x" {\n  dynamic;\n}\n' +
      'class "b" {\n  match option user-class;\n}\n' +
      'group "g" {\n  default-lease-time 600;\n}\n' +
      leases(0, 1);
    const s = scan(body, 'v4', { 'class-decls': 2, 'group-decls': 1, leases: 1 });
    expect(s.end).toBeNull();
    expect(s.subclasses).toBe(1);
    expect(s.tallies['class-decls'].found).toBe(2);
    expect(s.tallies['group-decls'].found).toBe(1);
    expect(s.tallies.leases.found).toBe(1);
    expect(s.appended).toBe(0);
  });

  it('a class or subclass after a group ends the snapshot (classes come first)', () => {
    const group = 'group "g" {\n  default-lease-time 600;\n}\n';
    for (const late of [
      'class "b" {\n  match option user-class;\n}\n',
      'subclass "a" "y" {\n  dynamic;\n}\n',
    ]) {
      const s = scan(group + late + leases(0, 1), 'v4', {
        'class-decls': 1,
        'group-decls': 1,
        leases: 1,
      });
      expect(s.end).toMatchObject({ line: headerLines + lines(group) + 1, reason: 'order' });
      expect(s.tallies['group-decls'].found).toBe(1);
      expect(s.appended).toBe(2);
    }
  });
});

describe('the server-duid after a v4 snapshot', () => {
  const body = leases(0, 2) + duid + leases(2, 1);
  const duidLine = headerLines + lines(leases(0, 2)) + 1;

  it("after a start-up snapshot: dhcpd's own, not appended; the snapshot ends there", () => {
    const s = scan(body, 'v4', { leases: 2 }, { startup: true });
    expect(s.end).toEqual({
      line: duidLine,
      kind: 'server-duid',
      key: null,
      reason: 'after-server-duid',
    });
    expect(s.startupServerDuid).toBe(duidLine);
    expect(s.appended).toBe(1);
  });

  it.each([
    ['a rewrite (startup: false)', { startup: false }],
    ['no start-up said (the default)', {}],
  ])('after %s: appended like any declaration after the snapshot', (_, options) => {
    const s = scan(body, 'v4', { leases: 2 }, options);
    expect(s.end).toMatchObject({
      line: duidLine,
      kind: 'server-duid',
      reason: 'after-server-duid',
    });
    expect(s.startupServerDuid).toBeNull();
    expect(s.appended).toBe(2);
  });

  it('after a start-up snapshot with two leases past the logged count: the server-duid after them is still the one named, not the second lease', () => {
    const extra = leases(0, 4) + duid;
    const s = scan(extra, 'v4', { leases: 2 }, { startup: true });
    expect(s.end).toMatchObject({ line: headerLines + lines(leases(0, 2)) + 1, reason: 'count' });
    expect(s.startupServerDuid).toBe(headerLines + lines(leases(0, 4)) + 1);
    expect(s.appended).toBe(2);
  });

  it('in a v6 file, a server-duid after the snapshot is appended, even after a start-up', () => {
    const v6 = duid + ia(1) + ia(2) + duid;
    const s = scan(v6, 'v6', { 'ia-na': 1, 'ia-ta': 0, 'ia-pd': 0 }, { startup: true });
    expect(s.end).toMatchObject({
      line: headerLines + lines(duid + ia(1)) + 1,
      kind: 'ia-na',
      reason: 'count',
    });
    expect(s.startupServerDuid).toBeNull();
    expect(s.appended).toBe(2);
  });
});

describe('the failover-state block seals only a v4 start-up snapshot written at the Wrote line', () => {
  const at = '6 2026/11/28 12:52:46';
  const wroteAt = Date.parse('2026-11-28T12:52:46Z') / 1000;
  const oneTooMany = (block: string) => block + leases(0, 3);
  const endOfTwo = (block: string) => headerLines + lines(block + leases(0, 2)) + 1;

  it("a start-up's: the lease too many is counted in the snapshot (the count then fails)", () => {
    const block = failover(at, at);
    const s = scan(oneTooMany(block), 'v4', { leases: 2 }, { startup: true, writtenAt: wroteAt });
    expect(s.end).toBeNull();
    expect(s.tallies.leases.found).toBe(3);
  });

  it("a rewrite's: the lease too many is the first appended one", () => {
    const block = failover(at, at);
    const s = scan(oneTooMany(block), 'v4', { leases: 2 }, { startup: false, writtenAt: wroteAt });
    expect(s.end).toMatchObject({ line: endOfTwo(block), kind: 'lease', reason: 'count' });
    expect(s.tallies.leases.found).toBe(2);
    expect(s.appended).toBe(1);
  });

  it('one side written later than the Wrote line (more than 2 s): another start-up wrote it, not sealed', () => {
    const block = failover('6 2026/11/28 12:52:50', '6 2026/11/28 12:40:00');
    const s = scan(oneTooMany(block), 'v4', { leases: 2 }, { startup: true, writtenAt: wroteAt });
    expect(s.end).toMatchObject({ line: endOfTwo(block), reason: 'count' });
    expect(s.tallies.leases.found).toBe(2);
  });

  it('a block with no statements (no states, no times) is read without failing and still seals', () => {
    const block = 'failover peer "foo" state {\n}\n';
    const s = scan(oneTooMany(block), 'v4', { leases: 2 }, { startup: true, writtenAt: wroteAt });
    expect(s.end).toBeNull();
    expect(s.tallies.leases.found).toBe(3);
  });
});

describe('named twice: only the same kind of key ends the snapshot', () => {
  it.each(['ia-ta', 'ia-pd'] as const)(
    'an %s named twice: the second is the first appended one',
    (kind) => {
      const body = duid + ia(1, kind) + ia(2, kind) + ia(1, kind);
      const s = scan(body, 'v6', { 'ia-na': 0, 'ia-ta': 3, 'ia-pd': 3 });
      expect(s.end).toEqual({
        line: headerLines + lines(duid + ia(1, kind) + ia(2, kind)) + 1,
        kind,
        key: expect.any(String),
        reason: 'duplicate',
        duplicateOf: headerLines + lines(duid) + 1,
      });
      expect(s.tallies[kind].found).toBe(2);
    },
  );

  it('two failover peers, each with its own state block: both are the snapshot', () => {
    const at = '6 2026/11/28 12:52:46';
    const bar = failover(at, at).replace('"foo"', '"bar"');
    const s = scan(failover(at, at) + bar + leases(0, 1), 'v4', { leases: 1 });
    expect(s.end).toBeNull();
    expect(s.tallies.leases.found).toBe(1);
  });

  it("a dynamic host named like an address is not that address's lease", () => {
    const host =
      'host "10.0.1.0" {\n  dynamic;\n  hardware ethernet 00:11:22:33:44:66;\n  fixed-address 10.0.9.9;\n}\n';
    const s = scan(host + leases(0, 1), 'v4', { leases: 1 });
    expect(s.end).toBeNull();
    expect(s.tallies['dynamic-host-decls'].found).toBe(1);
    expect(s.tallies.leases.found).toBe(1);
  });
});
