import { basename } from 'node:path';
import {
  latestServerRun,
  snapshotFamily,
  type HostHistory,
  type ProcessRun,
} from '../log/index.js';
import type { ConfiguredPeers } from './types.js';

/**
 * Which dhcpd process of a host `ready` judges. A host may run dhcpd (v4)
 * and `dhcpd -6` side by side: both log as `dhcpd`, so "the latest start-up"
 * is not enough. Runs are grouped into servers by the `Database file:` they
 * named (restarts of one server share it, as `verify` groups them); each
 * server's latest start-up is its candidate process.
 */

type Family = 'v4' | 'v6';

export interface ServerGroup {
  /** Base name of `Database file:`; null when no run of the group named one. */
  database: string | null;
  family: Family | null;
  runs: ProcessRun[];
}

export interface ProcessSelectOptions {
  leasesPath?: string;
  peers?: readonly string[];
  configured?: ConfiguredPeers;
}

export type ProcessChoice =
  | { kind: 'run'; run: ProcessRun; note?: string }
  | { kind: 'none' }
  | { kind: 'ambiguous'; runs: ProcessRun[]; reason: string };

/** v4 or v6 from what the run logged; null when nothing tells. */
function familyOfRun(run: ProcessRun): Family | null {
  if (run.peers.size > 0) return 'v4'; // dhcpd -6 has no failover
  for (const group of run.snapshots) {
    const family = snapshotFamily(group);
    if (family) return family;
  }
  for (const on of run.listening) {
    // `LPF/et3/MAC/10.0.0.0/16`, `Socket/4/et1/fd00::/64`: the network is next to last.
    const network = on.split('/').at(-2) ?? '';
    if (network.includes(':')) return 'v6';
    if (/^\d+\.\d+\.\d+\.\d+$/.test(network)) return 'v4';
  }
  return null;
}

function compatible(a: Family | null, b: Family | null): boolean {
  return a === null || b === null || a === b;
}

function newGroup(database: string | null, run: ProcessRun): ServerGroup {
  return { database, family: familyOfRun(run), runs: [run] };
}

function addRun(group: ServerGroup, run: ProcessRun): void {
  group.runs.push(run);
  group.family ??= familyOfRun(run);
}

/** Groups the runs that named a database file by its base name. */
function namedGroups(runs: readonly ProcessRun[]): Map<string, ServerGroup> {
  const named = new Map<string, ServerGroup>();
  for (const run of runs) {
    if (run.databaseFile === null) continue;
    const key = basename(run.databaseFile);
    const group = named.get(key);
    if (group) addRun(group, run);
    else named.set(key, newGroup(key, run));
  }
  return named;
}

/**
 * Groups a host's server runs (`dhcpd -T` left out) by database file. A run
 * that named none (it began before the log, or its `Database file:` line is
 * still to come) joins the one server it can belong to (same family, when
 * its lines tell); if none or several, a v4 or v6 one stands alone, a
 * start-up stands alone (its identity is still to come), and a running
 * process that shows nothing is left out: it cannot be judged, and would
 * only make the choice ambiguous.
 */
export function serverGroups(host: HostHistory): ServerGroup[] {
  const runs = host.runs.filter((r) => r.kind !== 'test');
  const named = namedGroups(runs);
  const byFamily = new Map<Family, ServerGroup>();
  const unknown: ProcessRun[] = [];
  for (const run of runs) {
    if (run.databaseFile !== null) continue;
    const family = familyOfRun(run);
    const homes = [...named.values()].filter((g) => compatible(g.family, family));
    if (homes.length === 1) addRun(homes[0]!, run);
    else if (family === null) unknown.push(run);
    else if (byFamily.has(family)) addRun(byFamily.get(family)!, run);
    else byFamily.set(family, newGroup(null, run));
  }
  const groups = [...named.values(), ...byFamily.values()];
  let pending: ServerGroup | null = null;
  for (const run of unknown) {
    if (groups.length === 1) addRun(groups[0]!, run);
    else if (groups.length === 0 || run.kind === 'startup') {
      if (pending) addRun(pending, run);
      else pending = newGroup(null, run);
    }
  }
  if (pending) groups.push(pending);
  for (const group of groups) group.runs.sort((a, b) => a.index - b.index);
  return groups;
}

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
