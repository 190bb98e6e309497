import { describe, expect, it } from 'vitest';
import {
  effectiveLeases,
  leaseFate,
  predictWrittenLeases,
  type KeepsInput,
} from '../../src/dhcpd/mdb.js';

const now = Date.UTC(2026, 10, 28, 13, 0, 0) / 1000;
const past = now - 3600;
const future = now + 3600;

function lease(over: Partial<KeepsInput>): KeepsInput {
  return {
    kind: 'lease',
    key: '10.0.0.10',
    bindingState: 'active',
    nextBindingState: 'free',
    ends: future,
    hardware: 'ethernet 00:11:22:33:44:55',
    uid: null,
    tsfp: null,
    ...over,
  };
}

describe('which leases dhcpd writes at start-up (expire_all_pools, write_leases4)', () => {
  it('keeps an active lease whose ends is after now', () => {
    expect(leaseFate(lease({}), now)).toMatchObject({ state: 'active', written: true });
  });

  it('expires an active lease to its next state, and still writes it while it has a hardware address', () => {
    expect(leaseFate(lease({ ends: past }), now)).toMatchObject({
      loadedState: 'active',
      state: 'free',
      written: true,
    });
  });

  it('does not write a free lease with no hardware address, uid or tsfp', () => {
    expect(leaseFate(lease({ ends: past, hardware: null }), now)).toMatchObject({
      state: 'free',
      written: false,
    });
    expect(leaseFate(lease({ ends: past, hardware: null, uid: '"\\001"' }), now).written).toBe(
      true,
    );
    expect(leaseFate(lease({ ends: past, hardware: null, tsfp: past }), now).written).toBe(true);
  });

  it('moves active → expired → free in one pass when the next state is expired', () => {
    const f = leaseFate(lease({ ends: past, hardware: null, nextBindingState: 'expired' }), now);
    expect(f.state).toBe('free');
    expect(f.written).toBe(false);
  });

  it('keeps an active lease with no next binding state active (next defaults to the state)', () => {
    expect(
      leaseFate(lease({ ends: past, hardware: null, nextBindingState: null }), now),
    ).toMatchObject({
      state: 'active',
      written: true,
    });
  });

  it('makes up a missing binding state from ends and the clock', () => {
    expect(leaseFate(lease({ bindingState: null, hardware: null }), now)).toMatchObject({
      loadedState: 'active',
      written: true,
    });
    expect(leaseFate(lease({ bindingState: null, hardware: null, ends: past }), now)).toMatchObject(
      {
        loadedState: 'free',
        written: false,
      },
    );
    expect(
      leaseFate(
        lease({ bindingState: null, ends: null, hardware: null, onExpiryOrRelease: true }),
        now,
      ).loadedState,
    ).toBe('active');
  });

  it('turns a backup lease free when its pool has no failover peer, but not in a failover pool', () => {
    const backup = lease({
      bindingState: 'backup',
      nextBindingState: null,
      hardware: null,
      ends: Infinity,
    });
    expect(leaseFate(backup, now)).toMatchObject({ state: 'free', written: false });
    expect(
      leaseFate(backup, now, () => ({ failover: { role: 'primary', myState: 'normal' } })),
    ).toMatchObject({
      state: 'backup',
      written: true,
    });
  });

  it('leaves expired leases alone in a failover pool unless partner-down, and a normal secondary leaves active ones', () => {
    const expired = lease({
      bindingState: 'expired',
      nextBindingState: 'free',
      hardware: null,
      ends: past,
    });
    expect(
      leaseFate(expired, now, () => ({ failover: { role: 'primary', myState: 'normal' } })).state,
    ).toBe('expired');
    expect(
      leaseFate(expired, now, () => ({ failover: { role: 'primary', myState: 'partner-down' } }))
        .state,
    ).toBe('free');
    const active = lease({ ends: past, nextBindingState: 'expired' });
    expect(
      leaseFate(active, now, () => ({ failover: { role: 'secondary', myState: 'normal' } })).state,
    ).toBe('active');
    expect(
      leaseFate(active, now, () => ({ failover: { role: 'primary', myState: 'normal' } })).state,
    ).toBe('expired');
  });

  it('drops a lease whose address is in no configured range', () => {
    expect(leaseFate(lease({}), now, () => false)).toMatchObject({
      inRange: false,
      written: false,
    });
  });

  it('never writes a lease left in state 0', () => {
    expect(leaseFate(lease({ bindingState: null, stateZero: true }), now).written).toBe(false);
  });

  it('reads the legacy `bootp`/`reserved` states as active', () => {
    expect(leaseFate(lease({ bindingState: 'bootp', nextBindingState: null }), now).state).toBe(
      'active',
    );
  });
});

describe('predicting `Wrote N leases`', () => {
  it('counts written leases in one pass over any iterable, and reports the rest', () => {
    function* leases(): Generator<KeepsInput> {
      yield lease({ key: '10.0.0.1' });
      yield lease({ key: '10.0.0.2', ends: past, hardware: null });
      yield lease({ key: '10.0.5.1' });
      yield { ...lease({ key: 'host1' }), kind: 'host' };
    }
    const inRange = (a: string): boolean => a.startsWith('10.0.0.');
    expect(predictWrittenLeases(leases(), new Date(now * 1000), inRange)).toEqual({
      written: 1,
      notWritten: 1,
      noSubnet: 1,
      byState: { active: 1 },
    });
  });

  it('takes the last declaration of each address, whole', () => {
    const last = effectiveLeases([
      lease({ key: '10.0.0.1', hardware: 'a' }),
      lease({ key: '10.0.0.2' }),
      lease({ key: '10.0.0.1', hardware: null, bindingState: 'free', nextBindingState: null }),
    ]);
    expect(last.size).toBe(2);
    expect(last.get('10.0.0.1')?.hardware).toBeNull();
  });
});
