/**
 * `leasecheck ready`: has a restarted dhcpd (or its failover partner) fully
 * come back? The public face of src/ready.
 *
 * - `checkReady(options)`: the verdict on the logs as they are;
 * - `waitReady(options)`: follow the logs until ready or a timeout;
 * - `ReadyTracker`: push log entries one at a time and ask for the verdict at
 *   any moment (what the two above use; handy for tests and harnesses);
 * - `judgeReady(history)`: the verdict on a `LogHistory` from src/log;
 * - `checkLiveness(process, logs, probe)`: whether the judged process runs now;
 * - `renderReadyText(report)`: the text the CLI prints.
 */
export type {
  ConfiguredPeers,
  LeaseChecker,
  LeaseFileReadiness,
  Liveness,
  PeerReadiness,
  ProcessSummary,
  ReadyReport,
} from './types.js';
export { judgeReady, describeRef, type JudgeOptions } from './judge.js';
export { ReadyTracker, type TrackerOptions } from './tracker.js';
export { checkReady, waitReady, type ReadyOptions, type WaitOptions } from './run.js';
export {
  leaseFileReadiness,
  leaseFileReason,
  leaseFileConfigWarnings,
  checkLeasesForReady,
} from './lease-file.js';
export { parseSince } from './since.js';
export { checkLiveness, logOnly, omapiLiveness, sameHost } from './liveness.js';
export { procProbe, type ProcessFacts, type ProcessProbe } from './probe.js';
