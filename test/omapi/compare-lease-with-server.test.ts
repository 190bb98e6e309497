// Comparing the file's effective declaration of an address with dhcpd's
// lease object: what counts as a difference and what does not.
import { describe, expect, it } from 'vitest';
import type { Declaration } from '../../src/model/types.js';
import { emptyDeclaration } from '../../src/model/from-events.js';
import {
  compareLease,
  judgeLease,
  judgeUnlisted,
  lastLeasePerAddress,
  normaliseHardware,
  rangeAddressesOf,
} from '../../src/omapi/compare.js';
import { planFromText } from '../../src/conf/index.js';
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

// What dhcpd holds in memory after a DHCPOFFER no REQUEST followed (server/dhcp.c
// ack_lease, supersede_lease with commit = 0): the binding state it had, the
// client's hardware, starts = cltt = the offer's time, ends = the offered expiry.
describe('judgeLease / judgeUnlisted: offers never acknowledged', () => {
  const freeInFile = declaration({
    bindingState: 'free',
    hardware: 'ethernet 52:54:00:00:00:01',
    ends: t('2026-11-28T10:00:00Z'),
    cltt: t('2026-11-28T09:00:00Z'),
  });
  const offered = lease({
    state: 'free',
    'hardware-address': '00:0c:01:02:03:04',
    starts: '2026-11-28T12:50:00Z',
    cltt: '2026-11-28T12:50:00Z',
    ends: '2026-11-28T12:52:00Z',
  });

  it('a free lease the file has, offered since: a note, not a difference', () => {
    expect(judgeLease(freeInFile, offered, now)).toEqual({
      differences: [],
      unwritten: {
        address: '10.0.1.6',
        kind: 'unacknowledged-offer',
        state: 'free',
        hardware: '00:0c:01:02:03:04',
        offeredAt: '2026-11-28T12:50:00Z',
        ends: '2026-11-28T12:52:00Z',
        line: 7,
      },
    });
    // The same memory against a backup lease of the file (a secondary offers from backup).
    const backup = judgeLease(
      { ...freeInFile, bindingState: 'backup' },
      { ...offered, state: 'backup' },
      now,
    );
    expect(backup.differences).toEqual([]);
    expect(backup.unwritten?.state).toBe('backup');
  });

  it('a different binding state, an older cltt, or starts apart from cltt is a difference', () => {
    const fields = (server: typeof offered, file = freeInFile) =>
      judgeLease(file, server, now).differences.map((d) => d.field);
    expect(fields({ ...offered, state: 'active' })).toContain('binding-state');
    expect(fields(offered, { ...freeInFile, cltt: t('2026-11-28T12:55:00Z') })).toEqual([
      'hardware',
      'ends',
    ]);
    expect(fields({ ...offered, starts: '2026-11-28T12:00:00Z' })).toEqual(['hardware', 'ends']);
    // An active lease in both whose hardware differs is never an offer.
    expect(
      judgeLease(declaration({}), { ...offered, state: 'active' }, now).differences.map(
        (d) => d.field,
      ),
    ).toEqual(['hardware', 'ends']);
  });

  it('an address the file does not name: free and never used is fine, an offer is a note, anything else is missing from the file', () => {
    const unused = lease({ state: 'free', starts: null, cltt: null, ends: null });
    delete unused['hardware-address'];
    expect(judgeUnlisted('10.0.1.9', unused)).toEqual({ differences: [], unwritten: null });
    expect(judgeUnlisted('10.0.1.9', null)).toEqual({ differences: [], unwritten: null });
    expect(judgeUnlisted('10.0.1.9', offered).unwritten?.line).toBeNull();
    // A free lease with a tsfp is written (mdb.c write_leases4): not an offer's trace alone.
    expect(
      judgeUnlisted('10.0.1.9', { ...offered, tsfp: '2026-11-28T12:00:00Z' }).differences,
    ).toHaveLength(1);
    expect(judgeUnlisted('10.0.1.9', { ...offered, state: 'backup' }).differences).toHaveLength(1);
    expect(judgeUnlisted('10.0.1.6', lease({})).differences).toEqual([
      {
        address: '10.0.1.6',
        field: 'presence',
        file: null,
        server: 'active',
        line: null,
        serverHardware: '52:54:00:12:34:ab',
        serverEnds: '2026-11-28T14:00:00Z',
      },
    ]);
  });
});

describe('rangeAddressesOf', () => {
  it("every IPv4 address of the config's ranges, across octet boundaries", () => {
    const plan = planFromText(
      `subnet 10.0.0.0 netmask 255.255.0.0 {
  range 10.0.1.254 10.0.2.1;
  pool { range 10.0.2.2 10.0.2.3; }
}
`,
      'dhcpd.conf',
    );
    expect(rangeAddressesOf(plan)).toEqual([
      '10.0.1.254',
      '10.0.1.255',
      '10.0.2.0',
      '10.0.2.1',
      '10.0.2.2',
      '10.0.2.3',
    ]);
  });
});
