import type { CheckReport, FailoverSummary, Verdict } from '../check/types.js';
import type { ConfigFinding, LoadedConfig } from '../conf/index.js';
import type { BalanceStatus, LineRef } from '../log/index.js';
import type { FailoverStateName } from '../model/types.js';

/**
 * The shapes `leasecheck ready --json` promises. Field names are part of
 * the public interface: add, never rename.
 */

export interface PeerReadiness {
  name: string;
  ready: boolean;
  /** False for a `--peer` the log never mentions since the start-up. */
  seen: boolean;
  myState: FailoverStateName | null;
  mySince: LineRef | null;
  partnerState: FailoverStateName | null;
  partnerSince: LineRef | null;
  /** False after `peer NAME: disconnected`, until the partner is heard from again. */
  connected: boolean | null;
  /** Pool balancing since this server last entered normal; `not-required` when the log shows no pools. */
  balancing: BalanceStatus | 'not-required';
  lastBalanced: LineRef | null;
  /** `IMBALANCED pool …` lines since the start-up (warnings). */
  imbalanced: Array<{ ref: LineRef; pool: string; network: string; lts: number }>;
  /** One line for people when not ready: the state and since when. */
  reason: string | null;
}

export interface ProcessSummary {
  host: string | null;
  pid: number | null;
  /** `startup`: the start-up is in the log; `running`: the process started before the log (or --since). */
  kind: 'startup' | 'running';
  /** The start-up's banner; null for a running process, and for a start-up of `dhcpd -q`, which logs none. */
  banner: LineRef | null;
  version: string | null;
  configFile: string | null;
  databaseFile: string | null;
  startupComplete: LineRef | null;
  /** `PID file:` as the start-up logged it. */
  pidFile: string | null;
  /** The process's first line in the log read. */
  first: LineRef;
  /** dhcpd logged `exiting.` (log_fatal): when, its message, and the first configuration error it logged. */
  exited: { at: LineRef; message: string | null; firstError: string | null } | null;
}

/**
 * Whether the judged process runs now (`ready` says ready only when it does):
 * - `process`: looked up on this host (/proc): `running` tells;
 * - `omapi`: the server answered over OMAPI with the states the log shows;
 * - `log-only`: not checked (`--log-only`): the verdict holds as of the log's last line;
 * - `impossible`: nothing on this host can tell (`running` is null).
 */
export interface Liveness {
  method: 'process' | 'omapi' | 'log-only' | 'impossible';
  running: boolean | null;
  pid: number | null;
  /** One line for people: what was found, or why it could not be checked and the way out. */
  detail: string;
}

export interface LeaseFileReadiness {
  file: string;
  verdict: Verdict;
  clean: boolean;
  problems: number;
  /** The last failover state block per peer in the file. */
  failover: FailoverSummary[];
  /** This server's role from the file (the secondary alone writes `mclt`); null without failover blocks. */
  role: 'primary' | 'secondary' | 'mixed' | null;
  /** ISC's advice on which server to restart first. */
  advice: string | null;
  /** With `--config`: what dhcpd would drop or warn about in this file (as `check --config`). */
  config?: { file: string; findings: ConfigFinding[] };
}

/** With `--config`: the failover peers the configuration declares (each must be ready). */
export interface ConfiguredPeers {
  file: string;
  peers: Array<{ name: string; role: 'primary' | 'secondary' }>;
}

export interface ReadyReport {
  ready: boolean;
  /** The host judged (null for logs without host names). */
  host: string | null;
  /** Every host with dhcpd lines in the log (null: lines without a host name). */
  hosts: Array<string | null>;
  process: ProcessSummary | null;
  /** When the host has several dhcpd processes (v4 and `dhcpd -6`) and nothing tells which to judge: each one. */
  processes?: ProcessSummary[];
  peers: PeerReadiness[];
  /** Why not ready, one line each (empty when ready). */
  reasons: string[];
  warnings: string[];
  leases: LeaseFileReadiness | null;
  /** The last log line read (any host), to show how far the log was read. */
  lastLine: LineRef | null;
  /** With `--config`: the configuration and the failover peers it declares. */
  config?: ConfiguredPeers;
  /** Whether the judged process runs now (absent when no process was judged). */
  liveness?: Liveness;
  /** With --wait: how long it waited and whether it gave up. */
  waited?: { seconds: number; timedOut: boolean };
}

/** Checks a lease file (src/check's checkLeaseFile, injectable for tests). */
export type LeaseChecker = (
  path: string,
  options: { now?: Date; maxProblems?: number; config?: LoadedConfig },
) => Promise<CheckReport>;
