import type { ProcessRun } from './history.js';
import type { DhcpdEvent, LineRef, WroteKind } from './types.js';

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

/**
 * The family a group's last line tells: `Wrote … NA, … TA, … PD` is dhcpd -6,
 * `Wrote N leases` dhcpd (v4); null while neither was logged (a group that
 * never reached its last line wrote nothing).
 */
export function snapshotFamily(group: SnapshotGroup): 'v4' | 'v6' | null {
  if (group.v6) return 'v6';
  if (group.counts.leases !== undefined) return 'v4';
  return null;
}

/** Adds a `Wrote` line to the run's current snapshot group, or begins a new group. */
export function addToSnapshot(
  run: ProcessRun,
  event: Extract<DhcpdEvent, { type: 'wrote' | 'wrote-v6' }>,
  ref: LineRef,
): void {
  let group = run.snapshots.at(-1);
  // A new group begins unless the previous interpreted line of this run was a Wrote line
  // that does not end a group.
  if (!group || !run.inWroteGroup) {
    // A `dhcpd -T` run's group is marked `test` at its last line (history.ts): no line comes
    // to a run after that, so a new group is never begun in a `test` run.
    group = {
      kind:
        run.kind === 'startup' && run.snapshots.length === 0 && run.startupComplete === null
          ? 'startup'
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
  // write_leases logs its lease count last (server/mdb.c write_leases4, mdb6.c
  // write_leases6): that line ends the group, so the next hourly rewrite of a quiet
  // server, logged with no line between, is a group of its own.
  run.inWroteGroup = event.type === 'wrote' && event.what !== 'leases';
  group.lines.push({ ref, event });
  if (event.type === 'wrote') group.counts[event.what] = event.count;
  else group.v6 = { na: event.na, ta: event.ta, pd: event.pd };
}
