// The start-up model takes a lease in two forms: a Declaration as the scanner
// reads it (the legacy states `reserved` and `bootp` spelled out) and a lease
// as the model of dhcpd's parser leaves it (read as active, with the reserved
// flag). Both must give the same fate. Also: only leases with an address are
// looked up in the ranges or kept as effective, and a partial lease becomes a
// start-up input only when dhcpd loads it.
import { describe, expect, it } from 'vitest';
import { effectiveLeases, leaseFate, type KeepsInput } from '../../src/dhcpd/mdb.js';
import {
  keepsInputFromPartial,
  simulatePartialDeclaration,
} from '../../src/dhcpd/partial-declaration.js';
import { cutLease } from './cut-lease.js';

const now = Date.UTC(2026, 10, 28, 13, 0, 0) / 1000;

function lease(over: Partial<KeepsInput>): KeepsInput {
  return {
    kind: 'lease',
    key: '10.0.0.10',
    bindingState: 'active',
    nextBindingState: 'free',
    ends: now - 3600,
    hardware: null,
    uid: null,
    tsfp: null,
    ...over,
  };
}

describe('the legacy `reserved` state, spelled out or read by the parser', () => {
  it.each([
    ['binding state', { bindingState: 'reserved' }, { bindingState: 'active', reserved: true }],
    [
      'next binding state',
      { bindingState: 'free', nextBindingState: 'reserved' },
      { bindingState: 'free', nextBindingState: 'active', reserved: true },
    ],
  ] as const)('as the %s: the same fate', (_what, spelled, parsed) => {
    for (const ends of [now - 3600, now + 3600]) {
      const a = leaseFate(lease({ ...spelled, ends }), now);
      const b = leaseFate(lease({ ...parsed, ends }), now);
      expect(a).toEqual(b);
    }
  });

  it('a free lease whose next state is reserved waits on the reserved queue: it becomes active and stays so', () => {
    expect(
      leaseFate(lease({ bindingState: 'free', nextBindingState: 'reserved' }), now),
    ).toMatchObject({
      state: 'active',
      written: true,
    });
  });
});

describe('leases without an address', () => {
  it('are not looked up in the ranges', () => {
    const lookups: Array<string | null> = [];
    const fate = leaseFate(lease({ key: null }), now, (a) => {
      lookups.push(a);
      return false;
    });
    expect(lookups).toEqual([]);
    expect(fate.inRange).toBe(true);
  });

  it('are not effective declarations, nor are hosts', () => {
    const last = effectiveLeases([
      lease({ key: '10.0.0.1' }),
      lease({ key: null }),
      { ...lease({ key: 'host1' }), kind: 'host' },
    ]);
    expect([...last.keys()]).toEqual(['10.0.0.1']);
  });
});

describe('a partial lease as a start-up input', () => {
  const now2 = new Date(now * 1000);
  it('is the lease dhcpd loaded, with its hardware marked present', () => {
    const p = simulatePartialDeclaration(
      cutLease(
        'lease 10.0.0.10 {\n  binding state active;\n  hardware ethernet 00:11:22:33:44:55;\n',
      ),
      now2,
    );
    expect(keepsInputFromPartial(p, '10.0.0.10')).toMatchObject({
      kind: 'lease',
      key: '10.0.0.10',
      bindingState: 'active',
      hardware: 'present',
    });
  });

  it('is nothing when dhcpd drops it', () => {
    const p = simulatePartialDeclaration(cutLease('lease 10.0.0.10 {\n  client-hostname "v'), now2);
    expect(p.outcome.action).toBe('dropped');
    expect(keepsInputFromPartial(p, '10.0.0.10')).toBeNull();
    const fatal = simulatePartialDeclaration(
      cutLease('lease 10.0.0.10 {\n  timestamp 1 2001/01/01 00:00:00;'),
      now2,
    );
    expect(fatal.parse).toBeNull();
    expect(keepsInputFromPartial(fatal, '10.0.0.10')).toBeNull();
  });

  it('is nothing for a partial host, which dhcpd enters as a host, not a lease', () => {
    const host = simulatePartialDeclaration(
      {
        kind: 'host',
        completeStatements: [{ name: 'dynamic', text: 'dynamic;' }],
        cutInside: null,
      },
      now2,
    );
    expect(host.outcome.action).toBe('loaded');
    expect(keepsInputFromPartial(host, null)).toBeNull();
  });
});
