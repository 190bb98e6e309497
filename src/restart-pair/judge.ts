/**
 * What the failover states mean for the procedure. dhcpd's failover-state
 * object (server/failover.c dhcp_failover_state_stuff) gives each server's
 * own state and the state it last heard from its partner.
 */
import type { FailoverView, Role } from './types.js';

export function other(role: Role): Role {
  return role === 'primary' ? 'secondary' : 'primary';
}

/** Both sides `normal` as this server sees them: `ready --omapi`'s judgement. */
export function isNormal(view: FailoverView | undefined): boolean {
  return (
    view?.answered === true && view.found && view.local === 'normal' && view.partner === 'normal'
  );
}

/**
 * The partner has noticed the stop: after a graceful shutdown it moves to
 * `partner-down` (its partner's state `shutdown`); after a lost connection
 * to `communications-interrupted` (seen with 4.4.3-P1, failover.c
 * dhcp_failover_peer_state_changed / dhcp_failover_state_transition).
 */
export function seesPartnerGone(view: FailoverView | undefined): boolean {
  return (
    view?.answered === true &&
    view.found &&
    (view.local === 'partner-down' || view.local === 'communications-interrupted')
  );
}

/** Nothing accepts OMAPI connections: the process is gone (or not started yet). */
export function isSilent(view: FailoverView | undefined): boolean {
  return view?.answered === false && view.refused;
}

/** One phrase for people: `normal/normal`, `not answering (…)`. */
export function describeView(view: FailoverView | undefined): string {
  if (view === undefined) return 'not asked';
  if (!view.answered) return `not answering (${view.error})`;
  if (!view.found) return 'answers, but knows no such failover peer';
  return `local ${view.local ?? '?'}, partner ${view.partner ?? '?'}`;
}
