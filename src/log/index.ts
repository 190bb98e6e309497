/**
 * Reading dhcpd's log: the public face of src/log.
 *
 * Typical use (a whole log):
 *
 * ```ts
 * import { readAllLogs, buildHistory } from './log/index.js';
 * const entries = await readAllLogs(['/var/log/syslog.1', '/var/log/syslog']);
 * const history = buildHistory(entries);
 * for (const run of history.runs()) {
 *   console.log(run.host, run.pid, run.kind, run.snapshots.map((s) => s.counts.leases));
 * }
 * ```
 *
 * - `parseLogLine` splits a line of any supported format (dhcpd stderr,
 *   RFC 3164 syslog and journalctl's default output, RFC 5424, rsyslog /
 *   `journalctl -o short-iso` ISO timestamps, `journalctl -o cat`) into its
 *   envelope (time, host, program, pid) and message;
 * - `classifyMessage` turns a message into a typed `DhcpdEvent`;
 * - `readLogs` / `readAllLogs` read files, `-` (stdin) and `.gz`, several as one history
 *   (`LogLineReader` turns one log's lines into entries, for followers);
 * - `LogHistory` / `buildHistory` group lines by host and process (`ProcessRun`):
 *   start-ups, `Wrote` snapshot groups (start-up, hourly rewrite, `dhcpd -T`),
 *   failover peers' states and transitions, pool balancing, dhcpd's complaints;
 * - `followFile` follows a growing log like `tail -F`.
 */
export type {
  DhcpdEvent,
  DhcpdEventType,
  LineRef,
  LogEntry,
  LogFormat,
  LogLine,
  WroteKind,
} from './types.js';
export { parseLogLine, isDhcpdLine, type LineContext } from './parse-line.js';
export { classifyMessage } from './classify.js';
export { failoverStateNames } from '../model/types.js';
export { readRawLines, readRawLineBatches, sourceName, type LogSourceOptions } from './read.js';
export { readLogs, readAllLogs, mergeEntryLists, type ReadLogsOptions } from './merge.js';
export { toLogEntry, LogLineReader } from './entries.js';
export {
  LogHistory,
  HostHistory,
  buildHistory,
  complaintEvents,
  latestServerRun,
  refOf,
  versionAtLeast,
  type DhcpdComplaint,
  type ProcessRun,
  type PushResult,
} from './history.js';
export {
  type BalanceStatus,
  type FailoverTransition,
  type PeerHistory,
  type SideState,
} from './peers.js';
export { snapshotFamily, type SnapshotGroup } from './snapshots.js';
export { serverGroups, familyOfRun, type Family, type ServerGroup } from './servers.js';
export { followFile, type FollowOptions } from './follow.js';
