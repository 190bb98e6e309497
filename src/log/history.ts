import type { FailoverStateName } from '../model/types.js';
import type { DhcpdEvent, LineRef, LogEntry, LogLine, WroteKind } from './types.js';

/**
 * The history of dhcpd processes a log shows, built one line at a time so
 * that a follower (`ready --wait`) and a whole-file reader share it.
 *
 * Lines are grouped by host, then by process: the pid when the format has
 * one, and a new run at every banner (`Internet Systems Consortium DHCP
 * Server …`), so restarts in plain stderr logs and reused pids separate too.
 */

/** A set of `Wrote …` lines one process logged together (server/mdb.c write_leases). */
export interface SnapshotGroup {
  /**
   * `startup`: written by a process right after its banner; `rewrite`: an
   * hourly rewrite of a running process; `test`: `dhcpd -T`, which logs the
   * same group but writes nothing (`Lease file test successful` follows).
   */
  kind: 'startup' | 'rewrite' | 'test';
  first: LineRef;
  last: LineRef;
  counts: Partial<Record<WroteKind, number>>;
  v6: { na: number; ta: number; pd: number } | null;
  /** The lines, with their counts, for reports citing line numbers. */
  lines: Array<{ ref: LineRef; event: Extract<DhcpdEvent, { type: 'wrote' | 'wrote-v6' }> }>;
}

/** A complaint of dhcpd's that can mean leases are missing from the file. */
export interface DhcpdComplaint {
  ref: LineRef;
  event: Extract<
    DhcpdEvent,
    {
      type:
        | 'commit-failed'
        | 'write-failed'
        | 'cannot-create-lease-file'
        | 'corrupt-lease-file'
        | 'parse-warning'
        | 'no-subnet'
        | 'failover-record-failed';
    }
  >;
}

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
  /** `IMBALANCED pool …` lines since start-up. */
  imbalanced: Array<{ ref: LineRef; pool: string; network: string; lts: number }>;
  transitions: FailoverTransition[];
}

export interface ProcessRun {
  /** Order of first appearance in the history (0-based). */
  index: number;
  host: string | null;
  pid: number | null;
  /** `startup`: its banner is in the log; `running`: it began before the log; `test`: a `dhcpd -T` run. */
  kind: 'startup' | 'running' | 'test';
  banner: LineRef | null;
  version: string | null;
  configFile: string | null;
  databaseFile: string | null;
  pidFile: string | null;
  first: LineRef;
  last: LineRef;
  snapshots: SnapshotGroup[];
  /** `Server starting service.` (4.3+), or for older versions the first `Listening on`/`Sending on` after the `Wrote` group. */
  startupComplete: LineRef | null;
  listening: string[];
  peers: Map<string, PeerHistory>;
  /** The peer this server last moved into normal for: balancing lines (which name no peer) are its. */
  lastNormalPeer: string | null;
  complaints: DhcpdComplaint[];
  /** True while the run's latest lines are a `Wrote` group (dhcpd's own complaints may interleave). */
  inWroteGroup: boolean;
}

/** Lines of other kinds that dhcpd logs inside the burst that follows entering normal. */
const burstEvents = new Set<DhcpdEvent['type']>([
  'failover-both-normal',
  'failover-sending-updates',
  'failover-queued',
  'balancing',
  'balanced',
]);

const complaintEvents = new Set<DhcpdEvent['type']>([
  'commit-failed',
  'write-failed',
  'cannot-create-lease-file',
  'corrupt-lease-file',
  'parse-warning',
  'no-subnet',
  'failover-record-failed',
]);

// Consecutive lines mostly share a timestamp; formatting it once per change keeps big logs fast.
let cachedMs = Number.NaN;
let cachedIso = '';

/** The LineRef of a parsed line. */
export function refOf(line: LogLine): LineRef {
  if (line.time === null) return { source: line.source, line: line.line, time: null };
  const ms = line.time.getTime();
  if (ms !== cachedMs) {
    cachedMs = ms;
    cachedIso = line.time.toISOString();
  }
  return { source: line.source, line: line.line, time: cachedIso };
}

/** Compares dotted versions (`4.4.3-P1` ≥ `4.3`); unknown parts count as 0. */
export function versionAtLeast(version: string, major: number, minor: number): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return true;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a > major || (a === major && b >= minor);
}

/** What a pushed line did, for followers that report changes as they come. */
export interface PushResult {
  run: ProcessRun;
  entry: LogEntry;
  /** True when the line began a new run (a banner, or a new pid). */
  newRun: boolean;
}

export class HostHistory {
  readonly runs: ProcessRun[] = [];
  /** True once any run of this host logged pool balancing: the server has failover pools. */
  poolsSeen = false;
  private readonly current = new Map<string, ProcessRun>();
  /** For pid-less logs: the server run a `dhcpd -T` interrupted, to return to after it. */
  private readonly resume = new Map<string, ProcessRun>();

  constructor(readonly host: string | null) {}

  push(entry: LogEntry, runIndex: () => number): PushResult {
    const { line, event } = entry;
    const ref = refOf(line);
    const key = line.pid === null ? '-' : String(line.pid);
    let run = this.current.get(key);
    let newRun = false;
    if (event.type === 'banner' || run === undefined) {
      if (event.type === 'banner' && run && run.kind !== 'test' && line.pid === null) {
        this.resume.set(key, run);
      }
      run = this.newRun(line, ref, event.type === 'banner' ? 'startup' : 'running', runIndex());
      this.current.set(key, run);
      newRun = true;
    } else if (run.kind === 'test' && line.pid === null) {
      // A pid-less log: after `dhcpd -T` finished, lines are the server's again.
      const back = this.resume.get(key);
      if (back) {
        run = back;
        this.current.set(key, run);
      }
    }
    run.last = ref;
    applyEvent(run, event, ref, this);
    return { run, entry, newRun };
  }

  /** The run whose readiness counts: the latest start-up that is not a `dhcpd -T`, else the latest running process. */
  latestServerRun(): ProcessRun | null {
    for (let i = this.runs.length - 1; i >= 0; i--) {
      if (this.runs[i]!.kind === 'startup') return this.runs[i]!;
    }
    for (let i = this.runs.length - 1; i >= 0; i--) {
      if (this.runs[i]!.kind === 'running') return this.runs[i]!;
    }
    return null;
  }

  private newRun(line: LogLine, ref: LineRef, kind: ProcessRun['kind'], index: number): ProcessRun {
    const run: ProcessRun = {
      index,
      host: line.host,
      pid: line.pid,
      kind,
      banner: kind === 'startup' ? ref : null,
      version: null,
      configFile: null,
      databaseFile: null,
      pidFile: null,
      first: ref,
      last: ref,
      snapshots: [],
      startupComplete: null,
      listening: [],
      peers: new Map(),
      lastNormalPeer: null,
      complaints: [],
      inWroteGroup: false,
    };
    this.runs.push(run);
    return run;
  }
}

/** Every host's history. Push entries in log order. */
export class LogHistory {
  readonly hosts = new Map<string | null, HostHistory>();
  private runCount = 0;

  push(entry: LogEntry): PushResult {
    const host = entry.line.host;
    let history = this.hosts.get(host);
    if (!history) {
      history = new HostHistory(host);
      this.hosts.set(host, history);
    }
    return history.push(entry, () => this.runCount++);
  }

  /** All runs of all hosts, in order of first appearance. */
  runs(): ProcessRun[] {
    return [...this.hosts.values()].flatMap((h) => h.runs).sort((a, b) => a.index - b.index);
  }
}

/** Builds the history of a whole list of entries. */
export function buildHistory(entries: Iterable<LogEntry>): LogHistory {
  const history = new LogHistory();
  for (const entry of entries) history.push(entry);
  return history;
}

function peerOf(run: ProcessRun, name: string, ref: LineRef): PeerHistory {
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
      transitions: [],
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

function applyEvent(run: ProcessRun, event: DhcpdEvent, ref: LineRef, host: HostHistory): void {
  // A burst after entering normal ends at the first line that is not part of it.
  if (!burstEvents.has(event.type)) {
    for (const peer of run.peers.values()) {
      if (peer.balance === 'pending' && peer.openPools.size === 0) peer.balance = 'not-logged';
    }
  }
  if (complaintEvents.has(event.type)) {
    run.complaints.push({ ref, event: event as DhcpdComplaint['event'] });
  } else if (event.type !== 'wrote' && event.type !== 'wrote-v6') {
    run.inWroteGroup = false;
  }
  switch (event.type) {
    case 'banner':
      run.version = event.version;
      break;
    case 'config-file':
      run.configFile = event.path;
      break;
    case 'database-file':
      run.databaseFile = event.path;
      break;
    case 'pid-file':
      run.pidFile = event.path;
      break;
    case 'wrote':
    case 'wrote-v6':
      addToSnapshot(run, event, ref);
      break;
    case 'listening':
    case 'sending':
      run.listening.push(event.on);
      // Before 4.3 (RT #33208) nothing but these lines says start-up is over.
      if (
        run.startupComplete === null &&
        run.kind === 'startup' &&
        run.snapshots.length > 0 &&
        run.version !== null &&
        !versionAtLeast(run.version, 4, 3)
      ) {
        run.startupComplete = ref;
      }
      break;
    case 'starting-service':
      run.startupComplete = ref;
      break;
    case 'lease-file-test-successful':
      run.kind = 'test';
      for (const snapshot of run.snapshots) snapshot.kind = 'test';
      break;
    case 'failover-my-state': {
      const peer = peerOf(run, event.peer, ref);
      peer.transitions.push({ side: 'me', from: event.from, to: event.to, ref });
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
      peer.transitions.push({ side: 'partner', from: event.from, to: event.to, ref });
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
      host.poolsSeen = true;
      const peer = balancingPeer(run);
      if (peer) {
        peer.openPools.add(event.pool);
        if (peer.balance !== 'done' || peer.openPools.size > 0) peer.balance = 'pending';
      }
      break;
    }
    case 'balanced': {
      host.poolsSeen = true;
      const peer = balancingPeer(run);
      if (peer) {
        peer.openPools.delete(event.pool);
        if (event.imbalanced) {
          peer.imbalanced.push({ ref, pool: event.pool, network: event.network, lts: event.lts });
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

function addToSnapshot(
  run: ProcessRun,
  event: Extract<DhcpdEvent, { type: 'wrote' | 'wrote-v6' }>,
  ref: LineRef,
): void {
  let group = run.snapshots.at(-1);
  // A new group begins unless the previous interpreted line of this run was a Wrote line.
  if (!group || !run.inWroteGroup) {
    group = {
      kind:
        run.kind === 'startup' && run.snapshots.length === 0 && run.startupComplete === null
          ? 'startup'
          : run.kind === 'test'
            ? 'test'
            : 'rewrite',
      first: ref,
      last: ref,
      counts: {},
      v6: null,
      lines: [],
    };
    run.snapshots.push(group);
  }
  group.last = ref;
  run.inWroteGroup = true;
  group.lines.push({ ref, event });
  if (event.type === 'wrote') group.counts[event.what] = event.count;
  else group.v6 = { na: event.na, ta: event.ta, pd: event.pd };
}
