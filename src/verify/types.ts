import type { LineRef } from '../log/index.js';
import type { Verdict } from '../check/index.js';
import type { ConfigFinding } from '../conf/index.js';
import type { WrittenPrediction } from '../dhcpd/mdb.js';
import type { Diagnostic, DiagnosticSeverity } from '../diagnostic.js';
import type { VerifyFindingCode } from './codes.js';

/**
 * The shapes `leasecheck verify --json` promises (also the `verify` key of
 * `leasecheck check --log … --json`). Field names are public: add, never rename.
 */

export type VerifyStatus = 'consistent' | 'inconsistent' | 'ambiguous' | 'no-reference';

/** `error` makes the file inconsistent (exit 4); `note` is information only. */
export type FindingSeverity = Extract<DiagnosticSeverity, 'error' | 'note'>;

export type { VerifyFindingCode } from './codes.js';

/** A finding of verify; its code is one of `verifyFindingCodes` or `config-` and a configuration finding's. */
export interface Finding extends Diagnostic<VerifyFindingCode, FindingSeverity> {
  /** A line of the lease file the finding is about. */
  fileLine?: number;
  /** The log line the finding is about. */
  log?: LineRef;
}

/** What a snapshot counter means: what `Wrote N …` counted. */
export type CountWhat =
  | 'leases'
  | 'class-decls'
  | 'group-decls'
  | 'deleted-host-decls'
  | 'dynamic-host-decls'
  | 'ia-na'
  | 'ia-ta'
  | 'ia-pd';

export interface CountComparison {
  what: CountWhat;
  /** N of dhcpd's `Wrote N …` line. */
  logged: number;
  /** How many the snapshot at the head of the file holds. */
  found: number;
  /** `ok`; `missing` (fewer than logged: data loss); `extra`; `note` (a counter dhcpd miscounts). */
  status: 'ok' | 'missing' | 'extra' | 'note';
  log: LineRef;
  /** File lines of the first and last counted declaration, null when none. */
  fileLines: { first: number; last: number } | null;
}

/** The dhcpd process and snapshot the file is held against. */
export interface ServerIdentity {
  host: string | null;
  pid: number | null;
  databaseFile: string | null;
  configFile: string | null;
  version: string | null;
}

export interface SnapshotSummary {
  kind: 'startup' | 'rewrite';
  family: 'v4' | 'v6';
  first: LineRef;
  last: LineRef;
  leases: number | null;
  v6: { na: number; ta: number; pd: number } | null;
}

export interface Candidate {
  host: string | null;
  databaseFile: string | null;
  snapshots: number;
  last: LineRef;
}

export interface ComplaintSummary {
  type: string;
  count: number;
  first: LineRef;
  last: LineRef;
  /** dhcpd's message for the first one, reconstructed from the classified event. */
  example: string;
}

export interface VerifyReport {
  file: string;
  status: VerifyStatus;
  consistent: boolean;
  /** The file's own health (src/check), which comes first. */
  check: {
    verdict: Verdict;
    problems: number;
    firstProblem: { line: number; message: string } | null;
  };
  /** From the file's declarations: `lease` → v4, `ia-*` → v6, neither → unknown. */
  family: 'v4' | 'v6' | 'unknown';
  server: ServerIdentity | null;
  reference: SnapshotSummary | null;
  /** Older snapshot groups of the same server, oldest first. */
  history: SnapshotSummary[];
  /** With status `ambiguous`: the servers the log could be about. */
  candidates: Candidate[];
  counts: CountComparison[];
  snapshot: {
    /** File line of the first declaration after the snapshot (appended since), null when none. */
    endsBeforeLine: number | null;
    /** Declarations after the snapshot (normal: dhcpd appends every change). */
    appended: number;
    /** The `server-duid` dhcpd wrote after a v4 start-up snapshot (part of the start-up, not appended): its line. */
    startupServerDuid: number | null;
  };
  writer: { file: string | null; log: string | null; match: boolean | null };
  complaints: ComplaintSummary[];
  findings: Finding[];
  /** With `--config`: the file under that dhcpd.conf. */
  config?: VerifyConfigPart;
}

/** Addresses of `lease X: no subnet.` lines (dhcpd dropped the lease), at most 20 listed. */
export interface DroppedAddresses {
  /** Distinct addresses logged. */
  count: number;
  addresses: string[];
  /** How many of them lie in a range of the configuration given (then dhcpd ran with another one). */
  inRange: number;
}

/** `verify --config`: what the configuration says about the file and about dhcpd's counts. */
export interface VerifyConfigPart {
  file: string;
  /** As `check --config`: addresses in no range, unknown failover peers, classes, groups. */
  findings: ConfigFinding[];
  /** The `Wrote N leases` dhcpd would log if it started now with this file and this configuration (v4). */
  wrote: WrittenPrediction;
  /** The time of that prediction (ISO 8601). */
  now: string;
  /** Leases inside the reference snapshot whose address lies in no range (at most 20 listed). */
  snapshotNoSubnet: { count: number; leases: Array<{ address: string; line: number }> };
  /** Logged by the start-up that wrote the reference snapshot, before it: its `Wrote N` leaves them out. */
  droppedAtReference: DroppedAddresses | null;
  /** Logged after the reference (a `dhcpd -T`, a start-up that wrote nothing). */
  droppedSince: DroppedAddresses | null;
}
