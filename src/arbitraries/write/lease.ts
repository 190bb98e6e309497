import type { AgentOption, LeaseRecord, TimeFormat, LeaseIdFormat } from '../types.js';
import {
  formatLeaseId,
  hexColon,
  hexShortColon,
  isPrintable,
  latin1,
  quotifyBuf,
} from './bytes.js';
import { printTime } from './time.js';
import { writeBinding, writeOnHandlers } from './statements.js';

export interface WriteOptions {
  timeFormat: TimeFormat;
  leaseIdFormat: LeaseIdFormat;
  /** Write bytes 0x80-0xFF raw inside quoted strings (dhcpd reads them; it writes them escaped). */
  rawHighBytes: boolean;
}

export const defaultWriteOptions: WriteOptions = {
  timeFormat: 'utc',
  leaseIdFormat: 'octal',
  rawHighBytes: false,
};

/** common/options.c pretty_print_option for the agent options (emit quotes and commas). */
function agentOptionValue(option: AgentOption): string {
  const value = option.value;
  switch (value.kind) {
    case 'text':
      // pretty_escape: these characters get a backslash; the generator keeps the rest printable.
      return `"${value.text.replace(/["'$`\\|&]/g, (c) => `\\${c}`)}"`;
    case 'hex':
      return hexShortColon(value.bytes);
    case 'ip':
      return value.address;
  }
}

/** db.c write_billing_class: `billing class "x";` or `billing subclass "super" HASH;`. */
function billing(lease: LeaseRecord): string {
  const b = lease.billing;
  if (!b) return '';
  if (b.kind === 'class') return `\n  billing class "${b.name}";`;
  // print_hash_string: printable hash strings are written raw between quotes, others as hex.
  const hash = b.hash.every(isPrintable) ? `"${latin1(b.hash)}"` : hexColon(b.hash);
  return `\n  billing subclass "${b.superclass}" ${hash};`;
}

/**
 * server/db.c write_lease: `lease A {`, each statement on its own line after
 * two spaces, then `\n}`. The newline dhcpd writes after the `}` is the file
 * writer's (it is not part of the declaration).
 */
export function writeLease(
  lease: LeaseRecord,
  options: WriteOptions = defaultWriteOptions,
): string {
  const time = (t: LeaseRecord['starts']): string =>
    printTime(t ?? 0, options.timeFormat, lease.tzOffset);
  let out = `lease ${lease.address} {`;
  if (lease.starts !== null) out += `\n  starts ${time(lease.starts)}`;
  if (lease.ends !== null) out += `\n  ends ${time(lease.ends)}`;
  if (lease.tstp !== null) out += `\n  tstp ${time(lease.tstp)}`;
  if (lease.tsfp !== null) out += `\n  tsfp ${time(lease.tsfp)}`;
  if (lease.atsfp !== null) out += `\n  atsfp ${time(lease.atsfp)}`;
  if (lease.cltt !== null) out += `\n  cltt ${time(lease.cltt)}`;
  if (lease.abandonedFlag) out += `\n  abandoned;`;
  if (lease.bindingState !== null) {
    out += `\n  binding state ${lease.bindingState};`;
    if (lease.nextBindingState !== null && lease.nextBindingState !== lease.bindingState)
      out += `\n  next binding state ${lease.nextBindingState};`;
    if (lease.rewindBindingState !== null && lease.rewindBindingState !== lease.bindingState)
      out += `\n  rewind binding state ${lease.rewindBindingState};`;
  }
  if (lease.reserved) out += `\n  reserved;`;
  if (lease.dynamicBootp) out += `\n  dynamic-bootp;`;
  out += billing(lease);
  if (lease.hardware)
    out += `\n  hardware ${lease.hardware.type} ${hexColon(lease.hardware.bytes)};`;
  if (lease.uid)
    out += `\n  uid ${formatLeaseId(lease.uid, options.leaseIdFormat, options.rawHighBytes)};`;
  for (const binding of lease.bindings) out += writeBinding(binding, '\n  ', options.rawHighBytes);
  for (const ddns of lease.ddnsNames) out += `\n  ${ddns.name} "${ddns.value}";`;
  for (const option of lease.agentOptions)
    out += `\n  option agent.${option.name} ${agentOptionValue(option)};`;
  if (lease.clientHostname !== null)
    out += `\n  client-hostname ${quotifyBuf(
      [...lease.clientHostname].map((c) => c.charCodeAt(0)),
      options.rawHighBytes,
    )};`;
  out += writeOnHandlers(lease.on, 2);
  out += '\n}';
  return out;
}
