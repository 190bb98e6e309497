import type { FailoverStateName } from '../model/types.js';
import type { ProcessRun } from './history.js';
import type { DhcpdEvent, LineRef } from './types.js';

/**
 * Failover as one process logs it: each peer's state on both sides, the
 * transitions, and the pool balancing that follows entering normal
 * (server/failover.c).
 */

/** One side of a failover relationship, with the line that set it. */
export interface SideState {
  state: FailoverStateName;
  since: LineRef | null;
}

/** A failover state change as logged. */
export interface FailoverTransition {
  side: 'me' | 'partner';
  from: FailoverStateName;
  to: FailoverStateName;
  ref: LineRef;
}

/**
 * Pool balancing after this server last entered `normal`
 * (failover.c: entering normal runs dhcp_failover_pool_balance at once,
 * logging `balancing pool …` then `balanced pool …` per pool of the peer):
 * - `none`: not in normal;
 * - `pending`: entered normal, balancing lines not (all) seen yet;
 * - `done`: every pool that started balancing logged its result;
 * - `not-logged`: the process went on to other things without balancing (no pools for this peer).
 */
export type BalanceStatus = 'none' | 'pending' | 'done' | 'not-logged';

export interface PeerHistory {
  name: string;
  firstSeen: LineRef;
  me: SideState;
  partner: SideState;
  /** False after `peer NAME: disconnected` until the partner is heard from again. */
  connected: boolean | null;
  disconnectedAt: LineRef | null;
  /** This server's latest move into `normal`. */
  enteredNormal: LineRef | null;
  balance: BalanceStatus;
  /** Pools whose `balancing pool` line awaits its `balanced`/`IMBALANCED` line. */
  openPools: Set<string>;
  lastBalanced: LineRef | null;
  /** `IMBALANCED pool …` lines since start-up: the latest MAX_KEPT_LINES of them. */
  imbalanced: Array<{ ref: LineRef; pool: string; network: string; lts: number }>;
  /** How many earlier `IMBALANCED` lines were let go (see MAX_KEPT_LINES). */
  imbalancedDropped: number;
  /** The state changes logged: the latest MAX_KEPT_LINES of them. */
  transitions: FailoverTransition[];
  /** How many earlier transitions were let go. */
  transitionsDropped: number;
}

/**
 * How many transitions and `IMBALANCED` lines a peer keeps: the verdict needs
 * only the latest state of each side, and a log of millions of state lines
 * (a peer flapping for months, or a hostile log) would otherwise cost memory
 * in proportion to the log.
 */
export const MAX_KEPT_LINES = 64;

/** Appends to a list that keeps its latest MAX_KEPT_LINES items; returns how many it let go (0 or 1). */
function keepLatest<T>(list: T[], item: T): number {
  list.push(item);
  if (list.length <= MAX_KEPT_LINES) return 0;
  list.shift();
  return 1;
}

/** Records one side's state change (the `failover peer … moves from … to …` lines). */
function recordTransition(
  peer: PeerHistory,
  side: FailoverTransition['side'],
  event: { from: FailoverStateName; to: FailoverStateName },
  ref: LineRef,
): void {
  peer.transitionsDropped += keepLatest(peer.transitions, {
    side,
    from: event.from,
    to: event.to,
    ref,
  });
}

/** Lines of other kinds that dhcpd logs inside the burst that follows entering normal. */
const burstEvents = new Set<DhcpdEvent['type']>([
  'failover-both-normal',
  'failover-sending-updates',
  'failover-queued',
  'balancing',
  'balanced',
]);

export function peerOf(run: ProcessRun, name: string, ref: LineRef): PeerHistory {
  let peer = run.peers.get(name);
  if (!peer) {
    peer = {
      name,
      firstSeen: ref,
      me: { state: 'unknown-state', since: null },
      partner: { state: 'unknown-state', since: null },
      connected: null,
      disconnectedAt: null,
      enteredNormal: null,
      balance: 'none',
      openPools: new Set(),
      lastBalanced: null,
      imbalanced: [],
      imbalancedDropped: 0,
      transitions: [],
      transitionsDropped: 0,
    };
    run.peers.set(name, peer);
  }
  return peer;
}

/** The peer that balancing lines belong to: the one that entered normal last (they do not name it). */
function balancingPeer(run: ProcessRun): PeerHistory | null {
  const peer = run.lastNormalPeer === null ? undefined : run.peers.get(run.lastNormalPeer);
  return peer && peer.me.state === 'normal' ? peer : null;
}

/** Updates the run's peers for a failover or balancing line; other events are ignored. */
export function applyFailoverEvent(
  run: ProcessRun,
  event: DhcpdEvent,
  ref: LineRef,
  poolsSeen: () => void,
): void {
  switch (event.type) {
    case 'failover-my-state': {
      const peer = peerOf(run, event.peer, ref);
      recordTransition(peer, 'me', event, ref);
      peer.me = { state: event.to, since: ref };
      if (event.to === 'normal') {
        peer.enteredNormal = ref;
        run.lastNormalPeer = peer.name;
        peer.balance = 'pending';
        peer.openPools.clear();
      } else {
        peer.balance = 'none';
        peer.openPools.clear();
      }
      break;
    }
    case 'failover-peer-state': {
      const peer = peerOf(run, event.peer, ref);
      recordTransition(peer, 'partner', event, ref);
      peer.partner = { state: event.to, since: ref };
      peer.connected = true;
      break;
    }
    case 'failover-both-normal': {
      // Logged right after the change that made both normal; it also confirms a missed line.
      const peer = peerOf(run, event.peer, ref);
      if (peer.me.state !== 'normal') {
        peer.me = { state: 'normal', since: ref };
        peer.enteredNormal = ref;
        run.lastNormalPeer = peer.name;
        peer.balance = 'pending';
      }
      if (peer.partner.state !== 'normal') peer.partner = { state: 'normal', since: ref };
      peer.connected = true;
      break;
    }
    case 'failover-disconnected': {
      const peer = peerOf(run, event.peer, ref);
      peer.connected = false;
      peer.disconnectedAt = ref;
      break;
    }
    case 'failover-sending-updates':
    case 'failover-queued':
    case 'failover-record-failed':
      peerOf(run, event.peer, ref);
      break;
    case 'balancing': {
      poolsSeen();
      const peer = balancingPeer(run);
      if (peer) {
        peer.openPools.add(event.pool);
        peer.balance = 'pending';
      }
      break;
    }
    case 'balanced': {
      poolsSeen();
      const peer = balancingPeer(run);
      if (peer) {
        peer.openPools.delete(event.pool);
        if (event.imbalanced) {
          peer.imbalancedDropped += keepLatest(peer.imbalanced, {
            ref,
            pool: event.pool,
            network: event.network,
            lts: event.lts,
          });
        }
        if (peer.openPools.size === 0) {
          peer.balance = 'done';
          peer.lastBalanced = ref;
        }
      }
      break;
    }
    default:
      break;
  }
}

/** A burst after entering normal ends at the first line of the process that is not part of it. */
export function endBalancingBurst(run: ProcessRun, type: DhcpdEvent['type']): void {
  if (burstEvents.has(type)) return;
  for (const peer of run.peers.values()) {
    if (peer.balance === 'pending' && peer.openPools.size === 0) peer.balance = 'not-logged';
  }
}
