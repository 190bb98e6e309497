/**
 * Meaning for OMAPI's untyped value bytes, per object type, from the
 * functions that write them: server/omapi.c dhcp_lease_stuff_values and
 * dhcp_host_stuff_values, server/failover.c dhcp_failover_state_stuff,
 * common/comapi.c dhcp_control_stuff_values. Integers are 4-byte big-endian;
 * times are 32-bit seconds (dhcpd truncates its TIME to u_int32_t).
 */
import { LeasecheckError } from '../errors.js';
import { ipv4Number } from '../model/ipv4.js';
import { ftsBindingStates, type FailoverStateName } from '../model/types.js';
import type { OmapiAttributes, OmapiValue } from './types.js';

/** includes/dhcpd.h FTS_*: binding_state_names[state - 1] (common/tables.c). */
export const bindingStateNames = ftsBindingStates;

/** includes/failover.h enum failover_state, named as dhcpd writes them. */
export const failoverStateNames: Record<number, FailoverStateName> = {
  0: 'unknown-state',
  1: 'startup',
  2: 'normal',
  3: 'communications-interrupted',
  4: 'partner-down',
  5: 'potential-conflict',
  6: 'recover',
  7: 'paused',
  8: 'shutdown',
  9: 'recover-done',
  10: 'resolution-interrupted',
  11: 'conflict-done',
  254: 'recover-wait',
};

/** includes/dhcpd.h MAX_TIME: what dhcpd stores for `never`. */
const MAX_TIME = 0x7fffffff;

// ---- encoders -------------------------------------------------------------

export function uint32Value(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b;
}

export function stringValue(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}

/** A dotted-quad IPv4 address as the 4 bytes dhcpd hashes leases by. */
export function ipv4Value(address: string): Buffer {
  const value = ipv4Number(address);
  if (value === null) {
    throw new LeasecheckError(`${JSON.stringify(address)} is not an IPv4 address`, 16);
  }
  return uint32Value(value);
}

// ---- decoders -------------------------------------------------------------

type Decoder = (bytes: Buffer) => OmapiValue;

/** Colon-separated lower-case hex, as omshell prints data and lease files print hardware. */
export function hex(bytes: Buffer): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

const uint32: Decoder = (b) => (b.length === 4 ? b.readUInt32BE(0) : hex(b));
const uint8: Decoder = (b) => (b.length === 1 ? b[0]! : uint32(b));
const text: Decoder = (b) => b.toString('latin1');

/** One address, or several joined by ", " (a host's fixed-address list). */
const ipv4: Decoder = (b) => {
  if (b.length === 0 || b.length % 4 !== 0) return hex(b);
  const addresses: string[] = [];
  for (let at = 0; at < b.length; at += 4) addresses.push([...b.subarray(at, at + 4)].join('.'));
  return addresses.join(', ');
};

/** Seconds since the epoch → ISO 8601 UTC; 0 (unset) → null; MAX_TIME → `never`. */
export function decodeTime(seconds: number): string | null {
  if (seconds === 0) return null;
  if (seconds >= MAX_TIME) return 'never';
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

const time: Decoder = (b) => (b.length === 4 ? decodeTime(b.readUInt32BE(0)) : hex(b));

const bindingState: Decoder = (b) => {
  if (b.length !== 4) return hex(b);
  const n = b.readUInt32BE(0);
  return bindingStateNames[n - 1] ?? `binding-state-${n}`;
};

const failoverState: Decoder = (b) => {
  if (b.length !== 4) return hex(b);
  const n = b.readUInt32BE(0);
  return failoverStateNames[n] ?? `failover-state-${n}`;
};

const hierarchy: Decoder = (b) => {
  if (b.length !== 4) return hex(b);
  const n = b.readUInt32BE(0);
  return n === 0 ? 'primary' : n === 1 ? 'secondary' : n;
};

/** Printable ASCII becomes a string, anything else hex: omshell's rule for values it cannot type. */
const unknown: Decoder = (b) =>
  b.length > 0 && [...b].every((c) => c >= 0x20 && c < 0x7f) ? text(b) : hex(b);

const leaseDecoders: Record<string, Decoder> = {
  state: bindingState,
  'ip-address': ipv4,
  'dhcp-client-identifier': hex,
  'client-hostname': text,
  host: uint32,
  subnet: uint32,
  pool: uint32,
  'billing-class': uint32,
  'hardware-address': hex,
  'hardware-type': uint32,
  ends: time,
  starts: time,
  tstp: time,
  tsfp: time,
  atsfp: time,
  cltt: time,
  flags: uint8,
};

const hostDecoders: Record<string, Decoder> = {
  'ip-address': ipv4,
  'dhcp-client-identifier': hex,
  name: text,
  'hardware-address': hex,
  'hardware-type': uint32,
};

/**
 * failover.c sends `sizeof s->partner.address` bytes of `&s->partner.address`:
 * in 4.4 that field is a pointer, so the value is 8 bytes of a memory address
 * (**seen**), not an IP address. Only a 4-byte value is decoded.
 */
const failoverAddress: Decoder = (b) => (b.length === 4 ? ipv4(b) : null);

const failoverDecoders: Record<string, Decoder> = {
  name: text,
  'partner-address': failoverAddress,
  'partner-port': uint32,
  'local-address': failoverAddress,
  'local-port': uint32,
  'max-outstanding-updates': uint32,
  mclt: uint32,
  'load-balance-max-secs': uint32,
  'load-balance-hba': hex,
  'partner-state': failoverState,
  'local-state': failoverState,
  'partner-stos': time,
  'local-stos': time,
  hierarchy,
  'last-packet-sent': time,
  'last-timestamp-received': time,
  skew: uint32,
  'max-response-delay': uint32,
  'cur-unacked-updates': uint32,
};

const controlDecoders: Record<string, Decoder> = { state: uint32 };

const decodersByType: Record<string, Record<string, Decoder>> = {
  lease: leaseDecoders,
  host: hostDecoders,
  'failover-state': failoverDecoders,
  control: controlDecoders,
};

/** Decodes an object's values; keys stay dhcpd's attribute names. The first of a repeated name wins. */
export function decodeAttributes(
  type: string,
  pairs: readonly { name: string; value: Buffer }[],
): OmapiAttributes {
  const decoders = decodersByType[type] ?? {};
  const out: OmapiAttributes = {};
  for (const { name, value } of pairs) {
    if (Object.prototype.hasOwnProperty.call(out, name)) continue;
    out[name] = (decoders[name] ?? unknown)(value);
  }
  return out;
}
