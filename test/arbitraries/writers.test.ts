import { describe, expect, it } from 'vitest';
import {
  printTime,
  quotifyBuf,
  writeDeclaration,
  writeLeasesFile,
  type IaRecord,
  type LeaseRecord,
  type LeasesFileModel,
} from '../../src/arbitraries/index.js';
import { readFixture } from '../helpers.js';

const fixture = readFixture;

/** The bytes of a quoted string as dhcpd writes it (printable bytes and octal escapes). */
function unquote(quoted: string): number[] {
  const bytes: number[] = [];
  const body = quoted.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && /[0-7]{3}/.test(body.slice(i + 1, i + 4))) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else if (body[i] === '\\') {
      bytes.push(body.charCodeAt(++i));
    } else bytes.push(body.charCodeAt(i));
  }
  return bytes;
}

const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number): number =>
  Date.UTC(y, mo - 1, d, h, mi, s) / 1000;

const emptyLease: Omit<LeaseRecord, 'address'> = {
  kind: 'lease',
  starts: null,
  ends: null,
  tstp: null,
  tsfp: null,
  atsfp: null,
  cltt: null,
  bindingState: 'free',
  nextBindingState: null,
  rewindBindingState: null,
  reserved: false,
  dynamicBootp: false,
  abandonedFlag: false,
  billing: null,
  hardware: null,
  uid: null,
  bindings: [],
  ddnsNames: [],
  agentOptions: [],
  clientHostname: null,
  on: { expiry: null, release: null, shared: false },
  tzOffset: null,
};

const noConfig: LeasesFileModel['config'] = {
  subnets: [0],
  failover: null,
  failoverSubnet: null,
  billingClasses: [],
  superclasses: [],
  groups: [],
};

describe('the writers reproduce files real dhcpd 4.4.3-P1 wrote, byte for byte', () => {
  it('srv.leases: header, server-duid with octal escapes and raw printable bytes, an active lease', () => {
    const model: LeasesFileModel = {
      family: 'v4',
      writerVersion: '4.4.3-P1',
      byteOrder: 'little-endian',
      timeFormat: 'utc',
      leaseIdFormat: 'octal',
      snapshot: [
        {
          kind: 'server-duid',
          duid: unquote('"\\000\\001\\000\\0012\\235\\212\\362\\216\\0270\\355\\360\\255"'),
        },
      ],
      appended: [
        {
          ...emptyLease,
          address: '10.0.0.10',
          starts: utc(2026, 11, 28, 12, 52, 6),
          ends: utc(2026, 11, 28, 13, 2, 6),
          cltt: utc(2026, 11, 28, 12, 52, 6),
          bindingState: 'active',
          nextBindingState: 'free',
          rewindBindingState: 'free',
          hardware: { type: 'ethernet', bytes: [0x5e, 0xfe, 0x12, 0x81, 0xb6, 0xca] },
          clientHostname: 'vm',
        },
      ],
      config: noConfig,
    };
    expect(writeLeasesFile(model).text).toBe(fixture('srv.leases'));
  });

  it('v6.leases: ia-na and ia-pd with cltt, iaaddr/iaprefix blocks and their layout', () => {
    const id = unquote('":\\336R\\335\\000\\001\\000\\0012\\235\\213hz%\\335R\\336:"');
    const address = (a: string, prefixLength: number | null): IaRecord['addresses'][number] => ({
      address: a,
      prefixLength,
      bindingState: 'active',
      preferredLife: 375,
      maxLife: 600,
      ends: utc(2026, 11, 28, 13, 4, 2),
      bindings: [],
      on: { expiry: null, release: null, shared: false },
    });
    const model: LeasesFileModel = {
      family: 'v6',
      writerVersion: '4.4.3-P1',
      byteOrder: 'little-endian',
      timeFormat: 'utc',
      leaseIdFormat: 'octal',
      snapshot: [
        { kind: 'server-duid', duid: unquote('"\\000\\001\\000\\0012\\235\\213e~tNR\\256p"') },
        {
          kind: 'ia-na',
          iaidDuid: id,
          cltt: utc(2026, 11, 28, 12, 54, 2),
          addresses: [address('fd00::1bd', null)],
        },
        {
          kind: 'ia-pd',
          iaidDuid: id,
          cltt: utc(2026, 11, 28, 12, 54, 2),
          addresses: [address('fd00:0:0:1ff::', 64)],
        },
      ],
      appended: [],
      config: noConfig,
    };
    expect(writeLeasesFile(model).text).toBe(fixture('v6.leases'));
  });

  it('fo-secondary.leases: the failover state block with mclt and a backup lease, as the secondary wrote them', () => {
    const at = utc(2026, 11, 28, 12, 52, 46);
    const text = fixture('fo-secondary.leases');
    const state = writeDeclaration({
      kind: 'failover-state',
      peer: 'foo',
      myState: 'normal',
      myStateAt: at,
      partnerState: 'normal',
      partnerStateAt: at,
      mclt: 600,
    });
    const lease = writeDeclaration({
      ...emptyLease,
      address: '10.0.1.0',
      starts: at,
      tsfp: at,
      atsfp: at,
      bindingState: 'backup',
    });
    expect(text).toContain(`\n\n${state}\n`);
    expect(text).toContain(`\n${lease}\n`);
  });

  it('enospc-truncated.leases: a lease with hardware and an octal-escaped uid', () => {
    const lease = writeDeclaration({
      ...emptyLease,
      address: '10.0.128.106',
      starts: utc(2026, 11, 28, 12, 55, 18),
      ends: utc(2026, 11, 28, 13, 5, 18),
      cltt: utc(2026, 11, 28, 12, 55, 18),
      bindingState: 'active',
      nextBindingState: 'free',
      rewindBindingState: 'free',
      hardware: { type: 'ethernet', bytes: [0, 0x0c, 1, 2, 3, 4] },
      uid: [1, 0, 0x0c, 1, 2, 3, 4],
    });
    expect(fixture('enospc-truncated.leases')).toContain(`\n${lease}\n`);
  });
});

describe('print_time and quotify_buf', () => {
  const t = utc(2026, 11, 28, 12, 54, 14);
  it('writes UTC dates with the weekday first and never as never;', () => {
    expect(printTime(t, 'utc')).toBe('6 2026/11/28 12:54:14;');
    expect(printTime('never', 'utc')).toBe('never;');
  });
  it('writes db-time-format local dates as epoch N with a ctime comment', () => {
    expect(printTime(t, 'local')).toBe(`epoch ${t}; # Sat Nov 28 12:54:14 2026`);
  });
  it('writes the reader-only time zone offset form so that parse_date_core adds it back', () => {
    expect(printTime(t, 'utc', 3600)).toBe('6 2026/11/28 11:54:14 3600;');
  });
  it('escapes unprintable bytes in octal and backslashes quotes and backslashes', () => {
    expect(quotifyBuf([0, 1, 0x32, 0x22, 0x5c, 0x20, 0x80, 0xff])).toBe(
      '"\\000\\0012\\"\\\\ \\200\\377"',
    );
  });
  it('writes high bytes raw only when asked, and never 0xFF (dhcpd reads it as end of file)', () => {
    expect(quotifyBuf([0x80, 0xe9, 0xfe, 0xff], true)).toBe('"\x80\xe9\xfe\\377"');
  });
});
