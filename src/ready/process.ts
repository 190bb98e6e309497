import { basename } from 'node:path';
import {
  latestServerRun,
  serverGroups,
  type HostHistory,
  type ProcessRun,
  type ServerGroup,
} from '../log/index.js';
import type { ConfiguredPeers } from './types.js';

/**
 * Which dhcpd process of a host `ready` judges. A host may run dhcpd (v4)
 * and `dhcpd -6` side by side: both log as `dhcpd`, so "the latest start-up"
 * is not enough. Runs are grouped into servers by the `Database file:` they
 * named (src/log serverGroups, the rule `verify` uses too); each server's
 * latest start-up is its candidate process.
 */

export interface ProcessSelectOptions {
  leasesPath?: string;
  peers?: readonly string[];
  configured?: ConfiguredPeers;
}

export type ProcessChoice =
  | { kind: 'run'; run: ProcessRun; note?: string }
  | { kind: 'none' }
  | { kind: 'ambiguous'; runs: ProcessRun[]; reason: string };

function describeRun(run: ProcessRun, database: string | null): string {
  const what = [
    run.pid === null ? 'a dhcpd' : `pid ${run.pid}`,
    database ? `Database file ${database}` : 'no Database file: line',
    run.configFile ? `Config file ${basename(run.configFile)}` : null,
  ];
  return what.filter((w) => w !== null).join(', ');
}

function shortName(run: ProcessRun, database: string | null): string {
  if (run.pid !== null) return `pid ${run.pid}`;
  return database ? `the one with Database file ${database}` : 'the latest start-up';
}

/** Keeps the groups `test` accepts, when it accepts any; a test that matches none does not narrow. */
function narrow(groups: ServerGroup[], test: (g: ServerGroup) => boolean): ServerGroup[] {
  const kept = groups.filter(test);
  return kept.length > 0 ? kept : groups;
}

/** Failover peers asked about: `--peer` and the peers `--config` declares. */
function askedPeers(options: ProcessSelectOptions): string[] {
  return [...(options.peers ?? []), ...(options.configured?.peers.map((p) => p.name) ?? [])];
}

/**
 * Narrows the servers by `--leases` (its database file), then `--config`
 * (its config file, then the peers it declares) and `--peer` (peers the
 * process logged), then to the v4 server when a failover peer is asked
 * about (`dhcpd -6` has no failover).
 */
function narrowByOptions(groups: ServerGroup[], options: ProcessSelectOptions): ServerGroup[] {
  let left = groups;
  const leases = options.leasesPath === undefined ? null : basename(options.leasesPath);
  if (leases !== null) left = narrow(left, (g) => g.database === leases);
  const config = options.configured ? basename(options.configured.file) : null;
  if (left.length > 1 && config !== null) {
    left = narrow(left, (g) =>
      g.runs.some((r) => r.configFile !== null && basename(r.configFile) === config),
    );
  }
  const peers = askedPeers(options);
  if (left.length > 1 && peers.length > 0) {
    left = narrow(left, (g) => g.runs.some((r) => peers.some((p) => r.peers.has(p))));
    if (left.length > 1) left = narrow(left, (g) => g.family === 'v4');
  }
  return left;
}

function hostText(host: HostHistory): string {
  return host.host === null ? 'the log' : `host ${host.host}`;
}

/**
 * A start-up newer than `run` whose `Database file:` line is not logged yet:
 * it may be a restart of the chosen server, so it is judged instead (not
 * ready until its start-up completes) rather than the process it may replace.
 */
function newerPendingStartup(groups: ServerGroup[], run: ProcessRun): ProcessRun | null {
  const pending = groups
    .map((g) => latestServerRun(g.runs)!)
    .filter((r) => r.kind === 'startup' && r.databaseFile === null && r.index > run.index);
  return pending.at(-1) ?? null;
}

/**
 * The process to judge on a host. With one server, its latest start-up (as
 * before v4/v6 were told apart); with several, the one the options point
 * to; otherwise ambiguous, never a silent pick.
 */
export function chooseProcess(host: HostHistory, options: ProcessSelectOptions): ProcessChoice {
  const groups = serverGroups(host).filter((g) => latestServerRun(g.runs) !== null);
  if (groups.length === 0) return { kind: 'none' };
  if (groups.length === 1) return { kind: 'run', run: latestServerRun(groups[0]!.runs)! };
  const seen = groups.map((g) => describeRun(latestServerRun(g.runs)!, g.database)).join('; ');
  const left = narrowByOptions(groups, options);
  if (left.length > 1) {
    return {
      kind: 'ambiguous',
      runs: left.map((g) => latestServerRun(g.runs)!),
      reason: `${hostText(host)} has several dhcpd processes (${left
        .map((g) => describeRun(latestServerRun(g.runs)!, g.database))
        .join('; ')}): choose one with --leases FILE (the lease file of the one to judge)`,
    };
  }
  const chosen = latestServerRun(left[0]!.runs)!;
  const run = newerPendingStartup(groups, chosen) ?? chosen;
  return {
    kind: 'run',
    run,
    note: `${hostText(host)} has ${groups.length} dhcpd processes (${seen}); judging ${shortName(run, run === chosen ? left[0]!.database : null)}`,
  };
}
