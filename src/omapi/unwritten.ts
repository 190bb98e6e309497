/**
 * What a running dhcpd holds in memory that it has not written to its lease
 * file, by design, so that memory and file may differ without the file being
 * wrong. Two cases, from the ISC 4.4 source:
 *
 * - An offer never acknowledged. server/dhcp.c ack_lease builds the offered
 *   binding for a DHCPOFFER as for a DHCPACK (starts = cltt = now, ends = the
 *   offered expiry, the client's hardware address and uid) but keeps the
 *   binding state (`next_binding_state = lease->binding_state`) and calls
 *   server/mdb.c supersede_lease with commit = 0: the lease object in memory
 *   takes the offer, write_lease is not called. Only a DHCPREQUEST answered
 *   with a DHCPACK commits (writes) it. A client that never sends the
 *   REQUEST (it took another server's offer, or it went away) leaves a free
 *   or backup lease whose hardware and ends in memory the file never had.
 * - A free lease nobody used. server/mdb.c write_leases4 writes only leases
 *   with a hardware address, a uid, a tsfp or a state other than free; the
 *   lease objects dhcpd makes for every address of its ranges
 *   (mdb.c new_address_range) are otherwise never written.
 */
import type { Declaration } from '../model/types.js';
import type { OmapiLease } from './types.js';

/** An ISO time as the OMAPI decoder gives it → seconds; `never` → Infinity; null stays null. */
export function omapiSeconds(value: string | number | null | undefined): number | null {
  if (typeof value !== 'string') return null;
  if (value === 'never') return Infinity;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms / 1000;
}

/** dhcpd allocates offers from these queues (mdb.c allocate_lease: free, or backup on a secondary). */
const offerableStates = new Set(['free', 'backup']);

/**
 * True when dhcpd's lease object carries an offer it never committed: same
 * binding state as the file (or, for an address the file does not name,
 * `free` and no tsfp, so write_leases4 had nothing to write before the
 * offer), starts and cltt both the offer's time (ack_lease sets both to
 * cur_time), that time later than the file's cltt, and ends set.
 */
export function isUnacknowledgedOffer(declaration: Declaration | null, lease: OmapiLease): boolean {
  const state = lease.state;
  if (!offerableStates.has(state)) return false;
  const starts = omapiSeconds(lease.starts);
  const cltt = omapiSeconds(lease.cltt);
  if (starts === null || cltt === null || starts !== cltt) return false;
  if (omapiSeconds(lease.ends) === null) return false;
  if (declaration === null) {
    return state === 'free' && omapiSeconds(lease.tsfp) === null;
  }
  if (declaration.bindingState !== state) return false;
  return declaration.cltt === null || cltt > declaration.cltt;
}

/** A free lease dhcpd has no reason to write (mdb.c write_leases4's test). */
export function isNeverWrittenFree(lease: OmapiLease): boolean {
  return (
    lease.state === 'free' &&
    lease['hardware-address'] === undefined &&
    lease['dhcp-client-identifier'] === undefined &&
    omapiSeconds(lease.tsfp) === null
  );
}
