import type { DhcpdComplaint, ProcessRun } from '../log/index.js';
import type { LineOrder } from './order.js';
import type { SnapshotRef } from './select.js';
import type { ComplaintSummary } from './types.js';

/** dhcpd's message, rebuilt from the classified event (for reports). */
export function describeComplaint(event: DhcpdComplaint['event']): string {
  switch (event.type) {
    case 'commit-failed':
      return `commit_leases: unable to commit, ${event.reason}`;
    case 'write-failed':
      return `write_${event.what.replace('-', '_')}: unable to write ${event.what}${event.name ? ` ${event.name}` : ''}`;
    case 'cannot-create-lease-file':
      return `Can't create new lease file: ${event.reason}`;
    case 'corrupt-lease-file':
      return 'Corrupt lease file - possible data loss!';
    case 'parse-warning':
      return `${event.file} line ${event.fileLine}: ${event.text}`;
    case 'no-subnet':
      return `lease ${event.address}: no subnet.`;
    case 'failover-record-failed':
      return `failover peer ${event.peer}: unable to record the state`;
  }
}

/**
 * dhcpd's complaints, of any run of the chosen server, logged after the
 * reference snapshot (all of them when there is none), grouped by kind:
 * count, first and last.
 */
export function complaintsSince(
  runs: readonly ProcessRun[],
  reference: SnapshotRef | null,
  order: LineOrder,
): ComplaintSummary[] {
  const since = reference === null ? -1 : order.of(reference.group.last);
  const byType = new Map<string, ComplaintSummary>();
  for (const run of runs) {
    for (const complaint of run.complaints) {
      if (order.of(complaint.ref) <= since) continue;
      const type = complaint.event.type;
      const summary = byType.get(type);
      if (summary) {
        summary.count++;
        if (order.of(complaint.ref) >= order.of(summary.last)) summary.last = complaint.ref;
      } else {
        byType.set(type, {
          type,
          count: 1,
          first: complaint.ref,
          last: complaint.ref,
          example: describeComplaint(complaint.event),
        });
      }
    }
  }
  return [...byType.values()];
}
