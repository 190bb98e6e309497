// Comparing the file's effective declaration of an address with dhcpd's
// lease object: what counts as a difference and what does not.
import { describe, expect, it } from 'vitest';
import type { Declaration } from '../../src/model/types.js';
import { emptyDeclaration } from '../../src/model/from-events.js';
import { compareLease, lastLeasePerAddress, normaliseHardware } from '../../src/omapi/compare.js';
import type { OmapiLease } from '../../src/omapi/types.js';

const now = new Date('2026-11-28T13:00:00Z');
const t = (iso: string): number => Date.parse(iso) / 1000;

function declaration(fields: Partial<Declaration>): Declaration {
  return {
    ...emptyDeclaration('lease', 0, 7),
    key: '10.0.1.6',
    length: 10,
    bindingState: 'active',
    ends: t('2026-11-28T14:00:00Z'),
    hardware: 'ethernet 52:54:0:12:34:AB',
    ...fields,
  };
}

function lease(fields: Partial<OmapiLease>): OmapiLease {
  return {
    'ip-address': '10.0.1.6',
    state: 'active',
    'hardware-address': '52:54:00:12:34:ab',
    ends: '2026-11-28T14:00:00Z',
    starts: null,
    tstp: null,
    tsfp: null,
    atsfp: null,
    cltt: null,
    ...fields,
  };
}

describe('compareLease', () => {
  it('agrees when state, hardware (however written) and ends match', () => {
    expect(compareLease(declaration({}), lease({}), now)).toEqual([]);
  });

  it('reports a lease dhcpd holds without its hardware address', () => {
    const server = lease({});
    delete server['hardware-address'];
    expect(compareLease(declaration({}), server, now)).toEqual([
      { address: '10.0.1.6', field: 'hardware', file: '52:54:00:12:34:ab', server: null, line: 7 },
    ]);
  });

  it('reports a different binding state and a different ends', () => {
    expect(
      compareLease(declaration({}), lease({ state: 'free', ends: '2026-11-28T15:00:00Z' }), now),
    ).toEqual([
      { address: '10.0.1.6', field: 'binding-state', file: 'active', server: 'free', line: 7 },
      {
        address: '10.0.1.6',
        field: 'ends',
        file: '2026-11-28T14:00:00Z',
        server: '2026-11-28T15:00:00Z',
        line: 7,
      },
    ]);
  });

  it('an active lease whose ends has passed and that dhcpd expired is on schedule, not a difference', () => {
    const ended = declaration({ ends: t('2026-11-28T12:00:00Z') });
    expect(
      compareLease(ended, lease({ state: 'free', ends: '2026-11-28T12:00:00Z' }), now),
    ).toEqual([]);
    expect(
      compareLease(declaration({}), lease({ state: 'free' }), now).map((d) => d.field),
    ).toEqual(['binding-state']);
  });

  it('a lease dhcpd does not have is a presence difference', () => {
    expect(compareLease(declaration({}), null, now)).toEqual([
      { address: '10.0.1.6', field: 'presence', file: 'active', server: null, line: 7 },
    ]);
  });

  it('never and absent ends compare as such', () => {
    expect(compareLease(declaration({ ends: Infinity }), lease({ ends: 'never' }), now)).toEqual(
      [],
    );
    expect(compareLease(declaration({ ends: null }), lease({ ends: null }), now)).toEqual([]);
  });
});

describe('lastLeasePerAddress', () => {
  it('keeps the last declaration per address, ordered by position, leases only', () => {
    const decls = [
      declaration({ key: '10.0.1.1', offset: 0, line: 1 }),
      declaration({ key: '10.0.1.2', offset: 10, line: 2 }),
      declaration({ kind: 'host', key: 'h', offset: 20, line: 3 }),
      declaration({ key: '10.0.1.1', offset: 30, line: 4 }),
    ];
    expect(lastLeasePerAddress(decls).map((d) => [d.key, d.line])).toEqual([
      ['10.0.1.2', 2],
      ['10.0.1.1', 4],
    ]);
  });
});

describe('normaliseHardware', () => {
  it('drops the type and pads octets to two lower-case digits', () => {
    expect(normaliseHardware('ethernet 0:1:2:AB:cd:Ef')).toBe('00:01:02:ab:cd:ef');
    expect(normaliseHardware(null)).toBeNull();
  });
});
