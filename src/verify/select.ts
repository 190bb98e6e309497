import { basename } from 'node:path';
import {
  serverGroups,
  snapshotFamily,
  type LineRef,
  type LogHistory,
  type ProcessRun,
  type ServerGroup,
  type SnapshotGroup,
} from '../log/index.js';
import type { LineOrder } from './order.js';
import type { Candidate } from './types.js';
import type { Family } from './snapshot-scan.js';

/**
 * Which dhcpd the log is about, and which of its `Wrote` groups wrote the
 * file as it now begins. Logs from several servers (central syslog) are
 * grouped by host and by the `Database file:` each process named (src/log
 * serverGroups, the rule `ready` uses too).
 */

export interface SnapshotRef {
  run: ProcessRun;
  group: SnapshotGroup;
  family: Family;
}

export interface Selection {
  /** Every complete snapshot group of the chosen server, oldest first; the last is the reference. */
  snapshots: SnapshotRef[];
  /** Every run of the chosen server, `dhcpd -T` included (their complaints count too). */
  runs: ProcessRun[];
  /** Snapshot groups left out because they are incomplete (write_leases gave up: nothing was installed). */
  incomplete: SnapshotRef[];
}

export type SelectOutcome =
  | { kind: 'selected'; selection: Selection }
  | { kind: 'ambiguous'; candidates: Candidate[] }
  | {
      kind: 'none';
      reason: string;
      /** Runs that named this file (e.g. `dhcpd -T`): their complaints are still about it. */
      runs: ProcessRun[];
    };

export interface SelectOptions {
  file: string;
  host?: string;
  /** The file's family when its declarations tell; undefined when they do not. */
  family?: Family;
  /** Positions of the `Wrote` lines in the merged history. */
  order: LineOrder;
}

/** The servers of the log (of `host` only, when given): src/log serverGroups, host by host. */
function serversOf(history: LogHistory, host: string | undefined): ServerGroup[] {
  return [...history.hosts.values()]
    .filter((h) => host === undefined || h.host === host)
    .flatMap((h) => serverGroups(h));
}

function wroteSomething(server: ServerGroup, family: Family | undefined): boolean {
  return server.runs.some(
    (run) =>
      run.kind !== 'test' &&
      run.snapshots.some((g) => {
        const f = snapshotFamily(g);
        return f !== null && (family === undefined || f === family);
      }),
  );
}

function lastRef(server: ServerGroup): LineRef {
  return server.runs.at(-1)!.last;
}

export function selectServer(history: LogHistory, options: SelectOptions): SelectOutcome {
  const all = serversOf(history, options.host);
  if (all.length === 0) {
    return {
      kind: 'none',
      reason:
        options.host === undefined
          ? 'the log holds no line of dhcpd'
          : `the log holds no line of dhcpd from host ${options.host}`,
      runs: [],
    };
  }
  const writers = all.filter((s) => wroteSomething(s, options.family));
  const name = basename(options.file);
  const named = writers.filter((s) => s.database === name);
  // A process that began before the log named no file: serverGroups put it with its server when it could tell which.
  const chosen = named.length > 0 ? named : writers;
  // Each server group is a server of its own, one that named no file included (serverGroups
  // joined such a process to a named server when it could): two of them could each have written
  // it. Groups on two hosts are two groups.
  const ambiguous = chosen.length > 1;
  if (chosen.length === 0) {
    return {
      kind: 'none',
      runs: all.filter((s) => s.database === name).flatMap((s) => s.runs),
      reason: `no ${options.family ? `${options.family} ` : ''}dhcpd in the log wrote a lease file (only \`dhcpd -T\` runs or no \`Wrote\` lines)`,
    };
  }
  if (ambiguous) {
    return {
      kind: 'ambiguous',
      candidates: chosen.map((s) => ({
        host: s.host,
        databaseFile: s.databaseFile,
        snapshots: s.runs.reduce((n, r) => n + (r.kind === 'test' ? 0 : r.snapshots.length), 0),
        last: lastRef(s),
      })),
    };
  }
  // One server group here (none and several returned above); serverGroups sorts its runs by index.
  const runs = chosen[0]!.runs;
  const snapshots: SnapshotRef[] = [];
  const incomplete: SnapshotRef[] = [];
  for (const run of runs) {
    // A `dhcpd -T` run's groups are all `test` (log/snapshots.ts marks them with the run).
    if (run.kind === 'test') continue;
    for (const group of run.snapshots) {
      const family = snapshotFamily(group);
      if (family === null) incomplete.push({ run, group, family: options.family ?? 'v4' });
      else if (options.family === undefined || family === options.family) {
        snapshots.push({ run, group, family });
      }
    }
  }
  snapshots.sort((a, b) => options.order.of(a.group.last) - options.order.of(b.group.last));
  return { kind: 'selected', selection: { snapshots, runs, incomplete } };
}
