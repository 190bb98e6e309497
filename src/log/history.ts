import { refOf } from './line-ref.js';
import { applyFailoverEvent, endBalancingBurst, type PeerHistory } from './peers.js';
import { addToSnapshot, snapshotFamily, type SnapshotGroup } from './snapshots.js';
import type { DhcpdEvent, LineRef, LogEntry, LogLine } from './types.js';

export { refOf } from './line-ref.js';

/**
 * The history of dhcpd processes a log shows, built one line at a time so
 * that a follower (`ready --wait`) and a whole-file reader share it.
 *
 * Lines are grouped by host, then by process: the pid when the format has
 * one, and a new run at every banner (`Internet Systems Consortium DHCP
 * Server …`), so restarts in plain stderr logs and reused pids separate too.
 */

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

export interface ProcessRun {
  /** Order of first appearance in the history (0-based). */
  index: number;
  host: string | null;
  pid: number | null;
  /**
   * `startup`: its start-up is in the log (its banner, or under `dhcpd -q`
   * its "Server starting service.": see startedQuietly); `running`: it began
   * before the log; `test`: a `dhcpd -T` run.
   */
  kind: 'startup' | 'running' | 'test';
  /** The banner line; null under `dhcpd -q`, which logs none. */
  banner: LineRef | null;
  version: string | null;
  configFile: string | null;
  databaseFile: string | null;
  pidFile: string | null;
  first: LineRef;
  last: LineRef;
  /** When its first line came, in the order of the host's lines (see replacesLatestStartup). */
  firstSeq: number;
  /** When its latest line came, in the order of the host's lines (see outlived). */
  lastSeq: number;
  /**
   * A line other than dhcpd's complaints came before its first `Wrote`
   * group: the process was running before it, and that group is no
   * start-up's (see replacesLatestStartup).
   */
  beganOtherwise: boolean;
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
  /** The message log_fatal gave before its notice about bugs (the reason dhcpd exits). */
  fatal: { ref: LineRef; message: string } | null;
  /** `exiting.`: the process logged that it ends (log_fatal). */
  exited: LineRef | null;
}

/** The events that are dhcpd's complaints (DhcpdComplaint): verify orders them against `Wrote` lines. */
export const complaintEvents: ReadonlySet<DhcpdEvent['type']> = new Set<DhcpdEvent['type']>([
  'commit-failed',
  'write-failed',
  'cannot-create-lease-file',
  'corrupt-lease-file',
  'parse-warning',
  'no-subnet',
  'failover-record-failed',
]);

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
  /** True when the line began a new run (a banner, a new pid, or the first line after a `dhcpd -T` ended). */
  newRun: boolean;
}

export class HostHistory {
  readonly runs: ProcessRun[] = [];
  /** True once any run of this host logged pool balancing: the server has failover pools. */
  poolsSeen = false;
  private readonly current = new Map<string, ProcessRun>();
  /** For pid-less logs: the server run a `dhcpd -T` interrupted, to return to after it. */
  private readonly resume = new Map<string, ProcessRun>();
  /** How many lines of this host have been pushed. */
  private seq = 0;
  /** Each run's latest non-empty message: log_fatal's reason, once its notice follows. */
  private readonly previous = new Map<ProcessRun, { ref: LineRef; message: string }>();

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
    } else if (run.kind === 'test') {
      // A run is `test` from `Lease file test successful`, dhcpd -T's last line (server/dhcpd.c
      // exits right after db_startup under -T): a later line is another process's. In a
      // pid-less log it is the server's the -T interrupted; when the log showed none (it began
      // with the -T), or the pid is the -T's, a process that began before the line.
      const back = this.resume.get(key);
      if (back) {
        run = back;
      } else {
        run = this.newRun(line, ref, 'running', runIndex());
        newRun = true;
      }
      this.current.set(key, run);
    }
    run.last = ref;
    run.lastSeq = ++this.seq;
    applyEvent(run, event, ref, this);
    if (event.type === 'fatal-notice') run.fatal = this.previous.get(run) ?? null;
    if (line.message.trim() !== '') this.previous.set(run, { ref, message: line.message });
    return { run, entry, newRun };
  }

  /** The run whose readiness counts among all of the host's (see latestServerRun). */
  latestServerRun(): ProcessRun | null {
    return latestServerRun(this.runs);
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
      firstSeq: this.seq + 1,
      lastSeq: this.seq,
      beganOtherwise: false,
      snapshots: [],
      startupComplete: null,
      listening: [],
      peers: new Map(),
      lastNormalPeer: null,
      complaints: [],
      inWroteGroup: false,
      fatal: null,
      exited: null,
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

function applyEvent(run: ProcessRun, event: DhcpdEvent, ref: LineRef, host: HostHistory): void {
  endBalancingBurst(run, event.type);
  const wrote = event.type === 'wrote' || event.type === 'wrote-v6';
  if (run.snapshots.length === 0 && !wrote && !complaintEvents.has(event.type)) {
    run.beganOtherwise = true;
  }
  if (complaintEvents.has(event.type)) {
    run.complaints.push({ ref, event: event as DhcpdComplaint['event'] });
  } else if (!wrote) {
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
      if (replacesLatestStartup(run, host.runs)) startedQuietly(run);
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
      if (run.kind === 'running' && run.pid !== null) startedQuietly(run);
      break;
    case 'exiting':
      run.exited = ref;
      break;
    case 'lease-file-test-successful':
      run.kind = 'test';
      for (const snapshot of run.snapshots) snapshot.kind = 'test';
      break;
    default:
      applyFailoverEvent(run, event, ref, () => {
        host.poolsSeen = true;
      });
      break;
  }
}

/**
 * A process seen by its pid, with no banner, that logs "Server starting
 * service.", or that replaces the latest start-up (replacesLatestStartup):
 * a start-up of `dhcpd -q`, which is how Debian's init script starts dhcpd.
 * -q leaves out the banner, the `Config file:`, `Database file:` and `PID
 * file:` lines and the interfaces: the start-up shows only as its `Wrote`
 * group (db_startup rewrites the file), any failover lines, and "Server
 * starting service.", which dhcpd logs once, at the end of its start-up
 * (server/dhcpd.c). So the process's lines in the log began with its
 * start-up: its first `Wrote` group is the start-up's, and it is judged as
 * a start-up whose banner is null, complete once that line is logged (until
 * then, outlived() still sets it aside when the older process logs again).
 */
function startedQuietly(run: ProcessRun): void {
  run.kind = 'startup';
  const first = run.snapshots[0];
  if (first !== undefined && first.kind === 'rewrite') first.kind = 'startup';
}

/**
 * Whether `run` is a start-up of `dhcpd -q` still under way that replaces
 * the host's latest start-up: a process seen by its pid, with no banner,
 * whose lines began (dhcpd's complaints aside) with a `Wrote` group of the
 * same family as that start-up's, logged after the start-up's process
 * (another pid) had logged its last line. dhcpd checks its PID file before
 * db_startup rewrites the lease file (server/dhcpd.c), so a second dhcpd of
 * the same server cannot log that group beside a running one. Without
 * this, the process it replaced, complete and in failover normal, was
 * judged until the new one logged "Server starting service.": `ready
 * --log-only` said ready while the new dhcpd was starting.
 */
function replacesLatestStartup(run: ProcessRun, runs: readonly ProcessRun[]): boolean {
  if (run.kind !== 'running' || run.pid === null || run.beganOtherwise) return false;
  if (run.snapshots.length !== 1) return false;
  const family = snapshotFamily(run.snapshots[0]!);
  if (family === null) return false; // the group's last line, which tells, is still to come
  const startup = runs.findLast((r) => r.index < run.index && r.kind === 'startup');
  if (startup === undefined || startup.pid === null || startup.pid === run.pid) return false;
  if (startup.lastSeq >= run.firstSeq) return false;
  const theirs = startup.snapshots.map(snapshotFamily).find((f) => f !== null) ?? null;
  return theirs === null || theirs === family;
}

/**
 * The run whose readiness counts: the latest start-up, else the latest
 * running process. A `dhcpd -T` is none, and neither is a start-up that
 * outlived() shows was not the server.
 */
export function latestServerRun(runs: readonly ProcessRun[]): ProcessRun | null {
  const server = runs.filter((r) => r.kind !== 'test' && !outlived(r, runs));
  return (
    server.findLast((r) => r.kind === 'startup') ??
    server.findLast((r) => r.kind === 'running') ??
    null
  );
}

/**
 * A start-up that never completed, after which an older process of the
 * host (another pid) went on logging: it did not replace that process. It
 * is a `dhcpd -t` configuration test (banner, `Config file:`, `Database
 * file:`, `PID file:`, then nothing), or a second dhcpd that failed to start.
 * Without a later line of the older process it cannot be told from a
 * start-up still under way, and counts as one.
 */
export function outlived(run: ProcessRun, runs: readonly ProcessRun[]): boolean {
  return (
    run.kind === 'startup' &&
    run.startupComplete === null &&
    run.pid !== null &&
    runs.some(
      (other) => other.index < run.index && other.pid !== run.pid && other.lastSeq > run.lastSeq,
    )
  );
}
