import { basename } from 'node:path';
import type { HostHistory, ProcessRun } from './history.js';
import { snapshotFamily } from './snapshots.js';

/**
 * Which runs of a host are one server. A host may run dhcpd (v4) and
 * `dhcpd -6` side by side, both logging as `dhcpd`: runs are grouped by the
 * `Database file:` they named (restarts of one server share it). `ready`
 * takes each group's latest start-up as a candidate process; `verify` takes
 * the group that wrote the lease file. One rule for both, here.
 */

export type Family = 'v4' | 'v6';

export interface ServerGroup {
  host: string | null;
  /** Base name of `Database file:`; null when no run of the group named one. */
  database: string | null;
  /** The path as the group's first naming run logged it; null as `database`. */
  databaseFile: string | null;
  family: Family | null;
  /** In order of first appearance; `dhcpd -T` runs of the same file included. */
  runs: ProcessRun[];
}

/** v4 or v6 from what the run logged; null when nothing tells. */
export function familyOfRun(run: ProcessRun): Family | null {
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

function newGroup(host: string | null, run: ProcessRun): ServerGroup {
  const database = run.databaseFile === null ? null : basename(run.databaseFile);
  return { host, database, databaseFile: run.databaseFile, family: familyOfRun(run), runs: [run] };
}

function addRun(group: ServerGroup, run: ProcessRun): void {
  group.runs.push(run);
  group.family ??= familyOfRun(run);
}

/** Groups the runs that named a database file by its base name. */
function namedGroups(host: string | null, runs: readonly ProcessRun[]): Map<string, ServerGroup> {
  const named = new Map<string, ServerGroup>();
  for (const run of runs) {
    if (run.databaseFile === null) continue;
    const key = basename(run.databaseFile);
    const group = named.get(key);
    if (group) addRun(group, run);
    else named.set(key, newGroup(host, run));
  }
  return named;
}

/**
 * Groups a host's server runs by database file. A run that named none (it
 * began before the log, or its `Database file:` line is still to come)
 * joins the one server it can belong to (same family, when its lines tell);
 * if none or several, a v4 or v6 one stands alone, a start-up stands alone
 * (its identity is still to come), and a running process that shows nothing
 * is left out: it cannot be judged, and would only make a choice ambiguous.
 * `dhcpd -T` runs then join the server of the file they named (their
 * complaints are about it), or stand as a server of their own that never
 * ran; a `dhcpd -T` that named no file joins the host's only server.
 */
export function serverGroups(host: HostHistory): ServerGroup[] {
  const runs = host.runs.filter((r) => r.kind !== 'test');
  const named = namedGroups(host.host, runs);
  const byFamily = new Map<Family, ServerGroup>();
  const unknown: ProcessRun[] = [];
  for (const run of runs) {
    if (run.databaseFile !== null) continue;
    const family = familyOfRun(run);
    const homes = [...named.values()].filter((g) => compatible(g.family, family));
    if (homes.length === 1) addRun(homes[0]!, run);
    else if (family === null) unknown.push(run);
    else if (byFamily.has(family)) addRun(byFamily.get(family)!, run);
    else byFamily.set(family, newGroup(host.host, run));
  }
  const groups = [...named.values(), ...byFamily.values()];
  let pending: ServerGroup | null = null;
  for (const run of unknown) {
    if (groups.length === 1) addRun(groups[0]!, run);
    else if (groups.length === 0 || run.kind === 'startup') {
      if (pending) addRun(pending, run);
      else pending = newGroup(host.host, run);
    }
  }
  if (pending) groups.push(pending);
  addTests(host, groups);
  for (const group of groups) group.runs.sort((a, b) => a.index - b.index);
  return groups;
}

function addTests(host: HostHistory, groups: ServerGroup[]): void {
  const servers = groups.length;
  for (const run of host.runs) {
    if (run.kind !== 'test') continue;
    const database = run.databaseFile === null ? null : basename(run.databaseFile);
    const home =
      database === null
        ? servers === 1
          ? groups[0]
          : undefined
        : groups.find((g) => g.database === database);
    if (home) home.runs.push(run);
    else if (database !== null) groups.push(newGroup(host.host, run));
  }
}
