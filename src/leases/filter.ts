/** The filters of `leasecheck leases`: each given one must match. */
import { parseIpv4, parseIpv6 } from '../conf/address.js';
import type { BindingState } from '../model/types.js';
import { isActiveAt } from './active.js';
import type { LeaseRecord } from './types.js';

export interface LeaseFilter {
  /** An address, or a CIDR block (`10.0.0.0/24`, `fd00::/64`). */
  ip?: string;
  /** A hardware address in any case, with `:` or `-` between octets, or none. */
  mac?: string;
  /** client-hostname, exactly or as a shell-style glob (`*`, `?`), case-insensitive. */
  hostname?: string;
  state?: BindingState[];
  /** Active and not ended at this time. */
  activeAt?: Date;
}

export function filterLeases(leases: Iterable<LeaseRecord>, filter: LeaseFilter): LeaseRecord[] {
  const match = matcher(filter);
  return [...leases].filter(match);
}

export function matcher(filter: LeaseFilter): (lease: LeaseRecord) => boolean {
  const ip = filter.ip === undefined ? null : ipMatcher(filter.ip);
  const mac = filter.mac === undefined ? null : normaliseMac(filter.mac);
  const host = filter.hostname === undefined ? null : globRegExp(filter.hostname);
  return (lease) =>
    (ip === null || ip(lease.address)) &&
    (mac === null || (lease.hardware !== null && normaliseMac(lease.hardware.address) === mac)) &&
    (host === null || (lease.clientHostname !== null && host.test(lease.clientHostname))) &&
    (filter.state === undefined || (lease.state !== null && filter.state.includes(lease.state))) &&
    (filter.activeAt === undefined || isActiveAt(lease, filter.activeAt));
}

/** Lower-case hex octets without separators or leading zeros lost: `0:1:A2` and `00-01-a2` agree. */
export function normaliseMac(mac: string): string {
  return mac
    .toLowerCase()
    .split(/[:-]/)
    .map((o) => o.padStart(2, '0'))
    .join(':');
}

function globRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** Whether an address (or `ADDRESS/LEN` prefix) lies in `spec`: one address or a CIDR block. */
export function ipMatcher(spec: string): (address: string) => boolean {
  const [base = '', lengthText] = spec.split('/');
  const family = base.includes(':') ? 6 : 4;
  const bits = family === 4 ? 32 : 128;
  const value = family === 4 ? parseIpv4(base) : parseIpv6(base);
  if (value === null) throw new Error(`not an IP address or CIDR block: ${spec}`);
  const length = lengthText === undefined ? bits : Number(lengthText);
  if (!Number.isInteger(length) || length < 0 || length > bits) {
    throw new Error(`not an IP address or CIDR block: ${spec}`);
  }
  const shift = BigInt(bits - length);
  return (address) => {
    const [a = ''] = address.split('/');
    if (a.includes(':') !== (family === 6)) return false;
    const v = family === 4 ? parseIpv4(a) : parseIpv6(a);
    return v !== null && v >> shift === value >> shift;
  };
}
