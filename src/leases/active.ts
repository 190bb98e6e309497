import type { LeaseRecord } from './types.js';

/** Active, and not ended at `now` (a lease without `ends` has ended: dhcpd reads it as 0). */
export function isActiveAt(lease: LeaseRecord, now: Date): boolean {
  if (lease.state !== 'active' || lease.ends === null) return false;
  return lease.ends === 'never' || Date.parse(lease.ends) > now.getTime();
}
