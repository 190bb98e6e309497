import type { BindingState, Declaration, FailoverStateName } from '../model/types.js';

/**
 * Which leases dhcpd keeps and writes at start-up (and under `dhcpd -T`),
 * i.e. the N of "Wrote N leases to leases file.":
 *
 * - enter_lease (server/mdb.c): the last declaration of an address replaces
 *   every earlier one whole; an address outside every configured range has
 *   no subnet and is dropped ("lease X: no subnet.").
 * - lease_instantiate: a `backup` lease in a pool without a failover peer
 *   becomes free.
 * - expire_all_pools → pool_timer: queues in the order free, active,
 *   expired, abandoned, backup, reserved; every lease whose `ends` is not
 *   after now and whose next binding state differs moves to it
 *   (make_binding_state_transition), possibly twice in one pass
 *   (active → expired → free). In failover pools the expired queue waits
 *   unless the server is in partner-down, and a secondary in normal state
 *   leaves active leases alone.
 * - write_leases4: writes a lease only when it has a hardware address, a
 *   uid, a tsfp, or a binding state other than free.
 */

/** What dhcpd.conf says about an address's pool. */
export interface PoolInfo {
  /** The pool names a failover peer; this server's role and its state at start-up (from the lease file). */
  failover?: { role: 'primary' | 'secondary'; myState?: FailoverStateName | null };
}

/**
 * dhcpd.conf's ranges: false when the address lies in no `range` (dhcpd
 * drops it: "no subnet"), true or a PoolInfo when it does.
 */
export type RangeLookup = (address: string) => boolean | PoolInfo;

/** The parts of a declaration this model reads (a whole Declaration fits). */
export type KeepsInput = Pick<
  Declaration,
  'kind' | 'key' | 'bindingState' | 'nextBindingState' | 'ends' | 'hardware' | 'uid' | 'tsfp'
> & {
  /** Set when the lease has `on expiry`/`on release` statements (they make a missing binding state active). */
  onExpiryOrRelease?: boolean;
  /** `reserved;` (queued on the reserved list when free/backup). */
  reserved?: boolean;
  /**
   * dhcpd read `binding` but no state (a cut `binding state` keyword): the
   * lease keeps state 0, which lease_enqueue rejects ("Lease with bogus
   * binding state: 0"), so it is in memory, replacing earlier declarations,
   * but on no queue and never written.
   */
  stateZero?: boolean;
  /**
   * dhcpd read a binding state but its next binding state is 0: a `next`
   * statement it refused (no `binding` or `state` after `next`) came before
   * the `binding state`, which then leaves the next state alone. If pool_timer
   * moves the lease (its `ends` not after now), it moves it to state 0, which
   * lease_enqueue rejects ("Lease with bogus binding state: 0"): never written.
   */
  nextStateZero?: boolean;
};

export interface LeaseFate {
  /** False when the address is in no configured range. */
  inRange: boolean;
  /** Binding state as read from the file (made up when the declaration has none). */
  loadedState: BindingState;
  /** Binding state after start-up expiry. */
  state: BindingState;
  /** Whether write_leases4 writes it (and counts it in "Wrote N leases"). */
  written: boolean;
  /** For people: why it is or is not written. */
  reason: string;
}

/** A prediction of the v4 `Wrote N leases to leases file.` line. */
export interface WrittenPrediction {
  /** The N dhcpd logs. */
  written: number;
  /** Leases in range that dhcpd keeps in memory as free with no hardware/uid/tsfp, so does not write. */
  notWritten: number;
  /** Addresses dropped with "lease X: no subnet." */
  noSubnet: number;
  /** Written leases by the binding state they are written with. */
  byState: Partial<Record<BindingState, number>>;
  /** v6 (dhcpd -6): the IAs of "Wrote N NA, N TA, N PD leases to lease file.". */
  na?: number;
  ta?: number;
  pd?: number;
}

type Fts = 'free' | 'active' | 'expired' | 'released' | 'abandoned' | 'reset' | 'backup';

/** Queue order of pool_timer and expire_all_pools (FREE_LEASES … RESERVED_LEASES). */
function queueOf(state: Fts, reserved: boolean): number {
  switch (state) {
    case 'free':
      return reserved ? 5 : 0;
    case 'active':
      return 1;
    case 'expired':
    case 'released':
    case 'reset':
      return 2;
    case 'abandoned':
      return 3;
    case 'backup':
      return reserved ? 5 : 4;
  }
}

/** The legacy `reserved` and `bootp` states dhcpd reads as active. */
function fts(state: BindingState): Fts {
  return state === 'reserved' || state === 'bootp' ? 'active' : state;
}

/**
 * parse_lease_declaration (server/confpars.c), "If no binding state is
 * specified, make one up": active while `ends` is after now or the lease has
 * `on expiry`/`on release` statements, else free. (Its failover branch never
 * applies: the lease has no pool yet when it is parsed; enter_lease gives it one.)
 */
export function madeUpBindingState(
  ends: number | null,
  onExpiryOrRelease: boolean,
  now: number,
): 'active' | 'free' {
  return (ends ?? 0) > now || onExpiryOrRelease ? 'active' : 'free';
}

/**
 * What dhcpd does with one effective lease declaration at start-up.
 * `now` is in epoch seconds.
 */
export function leaseFate(d: KeepsInput, now: number, ranges?: RangeLookup): LeaseFate {
  const lookup = ranges && d.key !== null ? ranges(d.key) : true;
  const ends = d.ends ?? 0;
  const reserved =
    d.reserved === true || d.bindingState === 'reserved' || d.nextBindingState === 'reserved';

  // parse_lease_declaration: made-up state when none was read.
  let state: Fts;
  /** 0: dhcpd's next state 0 (nextStateZero). */
  let next: Fts | 0;
  if (d.bindingState === null) {
    state = madeUpBindingState(ends, d.onExpiryOrRelease === true, now);
    next = state === 'active' ? 'free' : state;
  } else {
    state = fts(d.bindingState);
    next =
      d.nextStateZero === true ? 0 : d.nextBindingState === null ? state : fts(d.nextBindingState);
  }
  const loadedState: BindingState = state;
  if (lookup !== false && d.stateZero === true) {
    return {
      inRange: true,
      loadedState,
      state,
      written: false,
      reason:
        'not written: it was read with `binding` but no state, and dhcpd cannot queue a lease in state 0 ("Lease with bogus binding state: 0")',
    };
  }
  if (lookup === false) {
    return {
      inRange: false,
      loadedState,
      state,
      written: false,
      reason: 'its address is in no range of dhcpd.conf ("no subnet")',
    };
  }
  const failover = typeof lookup === 'object' ? lookup.failover : undefined;

  // lease_instantiate: backup without a failover peer becomes free.
  if (state === 'backup' && !failover) {
    state = 'free';
    next = 'free';
  }

  // pool_timer over the queues in order; a lease may move on to a later queue and move again.
  const partnerDown = failover?.myState === 'partner-down';
  // In partner-down, a lease entering expired/released/abandoned/reset gets a tsfp (stos + mclt), so it stays written.
  let gainedTsfp = false;
  let current = queueOf(state, reserved);
  for (let q = 0; q <= 5; q++) {
    if (current !== q) continue;
    if (failover && !partnerDown) {
      if (q === 1 && failover.role === 'secondary' && failover.myState === 'normal') continue;
      if (q === 2) continue;
    }
    if (ends > now || next === state) continue;
    if (next === 0) {
      return {
        inRange: true,
        loadedState,
        state,
        written: false,
        reason:
          'not written: its next binding state is 0 (a `next` statement dhcpd refused, before its `binding state`), and as its `ends` is not after now dhcpd moves it to that state at start-up, which it cannot queue ("Lease with bogus binding state: 0")',
      };
    }
    state = next;
    switch (state) {
      case 'active':
        next = failover ? 'expired' : 'free';
        break;
      case 'expired':
      case 'released':
      case 'abandoned':
      case 'reset':
        next = 'free';
        if (failover && partnerDown) gainedTsfp = true;
        break;
      default:
        next = state;
    }
    current = queueOf(state, reserved);
  }

  const hasHardware = d.hardware !== null;
  const hasUid = d.uid !== null && d.uid !== '' && d.uid !== '""';
  const hasTsfp = (d.tsfp !== null && d.tsfp !== 0) || gainedTsfp;
  const written = hasHardware || hasUid || hasTsfp || state !== 'free';
  const why = written
    ? state !== 'free'
      ? `it is ${state}`
      : `it is free but has ${hasHardware ? 'a hardware address' : hasUid ? 'a uid' : 'a tsfp'}`
    : 'it is free with no hardware address, uid or tsfp';
  const moved = state !== loadedState ? `, having moved from ${loadedState} at start-up` : '';
  return {
    inRange: true,
    loadedState,
    state,
    written,
    reason: `${written ? 'written' : 'not written'}: ${why}${moved}`,
  };
}

/**
 * Predict `Wrote N leases to leases file.` from the effective (last)
 * declaration of each address, in one pass. Non-lease declarations are
 * ignored. `now` is dhcpd's clock at start-up.
 */
export function predictWrittenLeases(
  effective: Iterable<KeepsInput>,
  now: Date,
  ranges?: RangeLookup,
): WrittenPrediction {
  const t = Math.floor(now.getTime() / 1000);
  const out: WrittenPrediction = { written: 0, notWritten: 0, noSubnet: 0, byState: {} };
  for (const d of effective) {
    if (d.kind !== 'lease') continue;
    const f = leaseFate(d, t, ranges);
    if (!f.inRange) out.noSubnet++;
    else if (!f.written) out.notWritten++;
    else {
      out.written++;
      out.byState[f.state] = (out.byState[f.state] ?? 0) + 1;
    }
  }
  return out;
}

/**
 * The effective declaration per address from declarations in file order
 * (the last one wins whole, as enter_lease replaces the earlier lease).
 * Holds one record per address; yields them in first-seen order.
 */
export function effectiveLeases<T extends Pick<Declaration, 'kind' | 'key'>>(
  declarations: Iterable<T>,
): Map<string, T> {
  const last = new Map<string, T>();
  for (const d of declarations) {
    if (d.kind === 'lease' && d.key !== null) last.set(d.key, d);
  }
  return last;
}
