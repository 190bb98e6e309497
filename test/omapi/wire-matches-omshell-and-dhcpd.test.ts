// The wire format, checked against bytes the real omshell and the real dhcpd
// 4.4.3-P1 exchanged (test/fixtures/omapi/, recorded by record-fixtures.test.ts).
import { describe, expect, it } from 'vitest';
import { decodeAttributes, hex } from '../../src/omapi/values.js';
import {
  OMAPI_HEADER_SIZE,
  OMAPI_PROTOCOL_VERSION,
  OmapiOp,
  OmapiProtocolError,
  decodeIntro,
  decodeMessage,
  encodeMessage,
  verifySignature,
} from '../../src/omapi/wire.js';
import { keyOf, loadFixture, loadFixtures, splitDirection } from './fixtures.js';

const fixtures = loadFixtures();

describe('recorded omshell ↔ dhcpd sessions', () => {
  it('are all there', () => {
    expect(fixtures.map((f) => f.scenario)).toEqual(
      expect.arrayContaining([
        'lease-active',
        'lease-partial',
        'lease-unknown',
        'host',
        'failover-state-primary',
        'failover-state-secondary',
        'wrong-secret',
        'unknown-key',
        'control-shutdown',
      ]),
    );
  });

  for (const fixture of fixtures) {
    describe(fixture.scenario, () => {
      for (const dir of ['c2s', 's2c'] as const) {
        it(`${dir}: starts with version 100 / header size 24 and is whole messages, nothing left over`, () => {
          const side = splitDirection(fixture, dir);
          expect(decodeIntro(side.intro)).toEqual({
            version: OMAPI_PROTOCOL_VERSION,
            headerSize: OMAPI_HEADER_SIZE,
          });
          expect(side.messages.length).toBeGreaterThan(0);
          expect(side.leftover.length).toBe(0);
        });

        it(`${dir}: every signed message verifies with the sender's key, and only with it`, () => {
          const key = keyOf(dir === 'c2s' ? fixture.clientKey : fixture.key);
          const other = keyOf({ name: key.name, secret: 'AAAAAAAAAAAAAAAAAAAAAA==' });
          for (const { decoded } of splitDirection(fixture, dir).messages) {
            if (decoded.authLength === 0) {
              expect(decoded.authId).toBe(0);
              continue;
            }
            expect(decoded.authLength).toBe(16);
            expect(verifySignature(decoded, key)).toBe(true);
            expect(verifySignature(decoded, other)).toBe(false);
          }
        });

        it(`${dir}: re-encoding each decoded message gives the recorded bytes exactly`, () => {
          const key = keyOf(dir === 'c2s' ? fixture.clientKey : fixture.key);
          for (const { decoded, bytes } of splitDirection(fixture, dir).messages) {
            const again = encodeMessage(decoded, decoded.authLength > 0 ? key : undefined);
            expect(again.toString('hex')).toBe(bytes.toString('hex'));
          }
        });
      }

      it('the first request opens the authenticator unsigned, by name and hmac-md5 algorithm', () => {
        const [first] = splitDirection(fixture, 'c2s').messages;
        expect(first!.decoded.op).toBe(OmapiOp.Open);
        expect(first!.decoded.authId).toBe(0);
        expect(first!.decoded.message.map((v) => [v.name, v.value.toString()])).toEqual([
          ['type', 'authenticator'],
        ]);
        expect(first!.decoded.object.map((v) => [v.name, v.value.toString()])).toEqual([
          ['name', fixture.clientKey.name],
          ['algorithm', 'hmac-md5.SIG-ALG.REG.INT.'],
        ]);
      });
    });
  }
});

/** The last object omshell printed: `name = value` lines after the last `obj: `. */
function omshellPrinted(output: string): Map<string, string> {
  const last = output.split('obj: ').pop() ?? '';
  const values = new Map<string, string>();
  for (const line of last.split('\n')) {
    const match = /^(?:> )?([a-z][a-z0-9-]*) = (.*)$/.exec(line);
    if (match) values.set(match[1]!, match[2]!);
  }
  return values;
}

describe('decoded values agree with what omshell printed', () => {
  for (const scenario of [
    'lease-active',
    'lease-partial',
    'host',
    'failover-state-primary',
    'failover-state-secondary',
  ]) {
    it(scenario, () => {
      const fixture = loadFixture(scenario);
      const replies = splitDirection(fixture, 's2c').messages.map((m) => m.decoded);
      const opened = replies[replies.length - 1]!;
      expect(opened.op).toBe(OmapiOp.Update);
      const printed = omshellPrinted(fixture.omshellOutput);
      const received = new Map(opened.object.map((v) => [v.name, v.value]));
      expect([...received.keys()].sort()).toEqual([...printed.keys()].sort());
      for (const [name, text] of printed) {
        const value = received.get(name)!;
        // omshell prints printable data as a quoted string, everything else as hex.
        if (text.startsWith('"')) expect(`"${value.toString('latin1')}"`).toBe(text);
        else expect(hex(value)).toBe(text);
      }
    });
  }
});

function openedAttributes(scenario: string, type: string): Record<string, unknown> {
  const replies = splitDirection(loadFixture(scenario), 's2c').messages;
  return decodeAttributes(type, replies[replies.length - 1]!.decoded.object);
}

describe('decoding the recorded objects', () => {
  it('a whole lease: state name, addresses, client id, times in UTC', () => {
    expect(openedAttributes('lease-active', 'lease')).toMatchObject({
      state: 'active',
      'ip-address': '10.0.1.5',
      'hardware-address': '52:54:00:12:34:56',
      'hardware-type': 1,
      'dhcp-client-identifier': '01:52:54:00:12:34:56',
      'client-hostname': 'box5',
      starts: '2026-11-28T12:00:00Z',
      ends: '2036-11-29T12:00:00Z',
      cltt: '2026-11-28T12:00:00Z',
      tsfp: null,
    });
  });

  it('the lease dhcpd loaded from a cut declaration has no hardware address', () => {
    const lease = openedAttributes('lease-partial', 'lease');
    expect(lease).toMatchObject({
      state: 'active',
      'ip-address': '10.0.1.6',
      ends: '2036-11-29T12:30:00Z',
    });
    expect(lease).not.toHaveProperty('hardware-address');
  });

  it('failover-state: both sides normal, roles, mclt, state times', () => {
    const primary = openedAttributes('failover-state-primary', 'failover-state');
    const secondary = openedAttributes('failover-state-secondary', 'failover-state');
    for (const state of [primary, secondary]) {
      expect(state).toMatchObject({
        name: 'foo',
        'local-state': 'normal',
        'partner-state': 'normal',
        mclt: 600,
        'local-port': 647,
        'max-response-delay': 60,
      });
      expect(state['local-stos']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      // dhcpd 4.4 sends the bytes of a pointer here, not an address.
      expect(state['partner-address']).toBeNull();
    }
    expect(primary.hierarchy).toBe('primary');
    expect(secondary.hierarchy).toBe('secondary');
  });

  it('a host: its fixed address, name and hardware', () => {
    expect(openedAttributes('host', 'host')).toEqual({
      name: 'fixed1',
      'ip-address': '10.0.2.5',
      'hardware-address': '52:54:00:aa:bb:cc',
      'hardware-type': 1,
    });
  });

  it('errors are status messages: not found (23), invalid key (DHCP class + 11)', () => {
    const result = (scenario: string): number => {
      const replies = splitDirection(loadFixture(scenario), 's2c').messages;
      const status = replies[replies.length - 1]!.decoded;
      expect(status.op).toBe(OmapiOp.Status);
      return status.message.find((v) => v.name === 'result')!.value.readUInt32BE(0);
    };
    expect(result('lease-unknown')).toBe(23);
    expect(result('unknown-key')).toBe(23);
    expect(result('wrong-secret')).toBe((6 << 16) + 11);
  });

  it('graceful shutdown: dhcpd answers the control open, never the update that sets state 2', () => {
    const fixture = loadFixture('control-shutdown');
    const requests = splitDirection(fixture, 'c2s').messages.map((m) => m.decoded);
    const update = requests[requests.length - 1]!;
    expect(update.op).toBe(OmapiOp.Update);
    expect(update.object.map((v) => [v.name, v.value.readUInt32BE(0)])).toEqual([['state', 2]]);
    const replies = splitDirection(fixture, 's2c').messages.map((m) => m.decoded);
    expect(replies.some((r) => r.rid === update.id)).toBe(false);
  });
});

describe('decodeMessage on damaged input', () => {
  const whole = splitDirection(loadFixture('lease-active'), 's2c').messages[1]!.bytes;

  it('asks for more bytes at every cut of a whole message', () => {
    for (let cut = 0; cut < whole.length; cut++) {
      expect(decodeMessage(whole.subarray(0, cut))).toBeNull();
    }
    expect(decodeMessage(whole)?.length).toBe(whole.length);
  });

  it('rejects an unknown opcode and an implausible authenticator length', () => {
    const badOp = Buffer.from(whole);
    badOp.writeUInt32BE(99, 8);
    expect(() => decodeMessage(badOp)).toThrow(OmapiProtocolError);
    const badAuth = Buffer.from(whole);
    badAuth.writeUInt32BE(1 << 20, 4);
    expect(() => decodeMessage(badAuth)).toThrow(/authenticator length/);
  });
});
