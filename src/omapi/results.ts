/**
 * The `result` codes dhcpd puts in OMAPI status messages: ISC library codes
 * (bind's isc/result.h) and DHCP codes at ISC_RESULTCLASS_DHCP = 6 << 16
 * (includes/omapip/result.h, texts from omapip/result.c).
 */

export const IscResult = {
  Success: 0,
  NoMemory: 1,
  TimedOut: 2,
  Exists: 18,
  NotFound: 23,
  Failure: 25,
  NotImplemented: 27,
  Unexpected: 34,
  NoPerm: 6,
} as const;

const DHCP_CLASS = 6 << 16;

export const DhcpResult = {
  InvalidArg: DHCP_CLASS + 3,
  Multiple: DHCP_CLASS + 6,
  KeyConflict: DHCP_CLASS + 7,
  NoKeys: DHCP_CLASS + 9,
  KeyUnknown: DHCP_CLASS + 10,
  InvalidKey: DHCP_CLASS + 11,
  UnknownAttribute: DHCP_CLASS + 32,
} as const;

const iscTexts: Record<number, string> = {
  0: 'success',
  1: 'out of memory',
  2: 'timed out',
  6: 'permission denied',
  7: 'no connection',
  12: 'connection refused',
  14: 'end of file',
  18: 'already exists',
  19: 'ran out of space',
  22: 'shutting down',
  23: 'not found',
  24: 'unexpected end of input',
  25: 'failure',
  26: 'I/O error',
  27: 'not implemented',
  29: 'no more',
  34: 'unexpected error',
  40: 'socket is not connected',
};

const dhcpTexts = [
  'host unknown',
  'protocol version mismatch',
  'protocol error',
  'invalid argument',
  'data not yet available',
  'object unchanged',
  'more than one object matches key',
  'key conflict',
  'parse error(s) occurred',
  'no key specified',
  'zone TSIG key not known',
  'invalid TSIG key',
  'operation in progress',
  'DNS format error',
  'DNS server failed',
  'no such domain',
  'not implemented',
  'refused',
  'domain already exists',
  'RRset already exists',
  'no such RRset',
  'not authorized',
  'not a zone',
  'bad DNS signature',
  'bad DNS key',
  'clock skew too great',
  'no root zone',
  'destination address required',
  'cross-zone update',
  'no TSIG signature',
  'not equal',
  'connection reset by peer',
  'unknown attribute',
];

/** The text dhcpd's isc_result_totext gives for a result code (what omshell prints). */
export function resultText(code: number): string {
  if (code >= DHCP_CLASS && code < DHCP_CLASS + dhcpTexts.length) {
    return dhcpTexts[code - DHCP_CLASS]!;
  }
  return iscTexts[code] ?? `result code ${code}`;
}
