import { scanLeaseFile, type ScanSummary } from '../scan/index.js';
import type { Declaration } from '../model/types.js';
import { ipv4Number } from '../model/ipv4.js';
import { Ipv4Table } from '../model/ipv4-table.js';
import type { CountWhat } from './types.js';

/**
 * Finds the snapshot at the head of a lease file, streaming.
 *
 * dhcpd writes a snapshot (server/mdb.c write_leases) in a fixed order:
 * classes and subclasses, groups, deleted hosts, dynamic hosts, failover
 * states, then the v4 leases (write_leases4) or, for v6, `server-duid` and
 * the IAs: every `ia-na`, then `ia-ta`, then `ia-pd` (mdb6.c write_leases6).
 * Everything after is appended one change at a time. So the snapshot is the
 * longest run of declarations after the header that keeps that order, holds
 * no more of each kind than dhcpd said it wrote, names no address (or IA, or
 * failover peer) twice. The first declaration that breaks the run is the
 * first appended one. Only counts and the snapshot's addresses are kept.
 */

export type Family = 'v4' | 'v6';

/** What the reference `Wrote` group logged; undefined = no such line (nothing of that kind). */
export type SnapshotCaps = Partial<Record<CountWhat, number>>;

export interface Tally {
  found: number;
  firstLine: number | null;
  lastLine: number | null;
}

export interface SnapshotEnd {
  line: number;
  kind: Declaration['kind'];
  key: string | null;
  /** Why this declaration is not part of the snapshot. */
  reason: 'order' | 'count' | 'duplicate' | 'repeated-peer' | 'after-server-duid';
  /** For `duplicate`: the line of the snapshot declaration with the same address or IA. */
  duplicateOf?: number;
}

export interface SnapshotScan {
  tallies: Record<CountWhat, Tally>;
  /**
   * Leases that name an address an earlier snapshot lease named, inside a
   * snapshot that only a failover-state block can close (see `sealed`).
   */
  duplicates: Array<{ line: number; key: string; of: number }>;
  /** The `server-duid` dhcpd writes after a v4 start-up snapshot (dhcpd.c): its line, not counted as appended. */
  startupServerDuid: number | null;
  /** Subclasses in the snapshot (the class counter leaves them out). */
  subclasses: number;
  /** The first declaration after the snapshot, null when the file ends with it. */
  end: SnapshotEnd | null;
  appended: number;
  summary: ScanSummary;
}

const countedKinds: CountWhat[] = [
  'leases',
  'class-decls',
  'group-decls',
  'deleted-host-decls',
  'dynamic-host-decls',
  'ia-na',
  'ia-ta',
  'ia-pd',
];

/** The counter a declaration belongs to, or null for uncounted ones. */
function counterOf(d: Declaration): CountWhat | null {
  switch (d.kind) {
    case 'lease':
      return 'leases';
    case 'class':
      return 'class-decls';
    case 'group':
      return 'group-decls';
    case 'host':
      return d.deleted ? 'deleted-host-decls' : 'dynamic-host-decls';
    case 'ia-na':
    case 'ia-ta':
    case 'ia-pd':
      return d.kind;
    default:
      return null;
  }
}

/** Position in write_leases' order; -1 for the header's authoring-byte-order; null: never in a snapshot of this family. */
function rankOf(d: Declaration, family: Family): number | null {
  switch (d.kind) {
    case 'authoring-byte-order':
      return -1;
    case 'class':
    case 'subclass':
      return 0;
    case 'group':
      return 1;
    case 'host':
      return d.deleted ? 2 : 3;
    case 'failover-state':
      return 4;
    case 'lease':
      return family === 'v4' ? 5 : null;
    // v4 writes server-duid after the start-up snapshot (dhcpd.c), never inside it.
    case 'server-duid':
      return family === 'v6' ? 5 : null;
    case 'ia-na':
      return family === 'v6' ? 6 : null;
    case 'ia-ta':
      return family === 'v6' ? 7 : null;
    case 'ia-pd':
      return family === 'v6' ? 8 : null;
    default:
      return null;
  }
}

/** Slack between a failover state's time in the file and the `Wrote` line's (syslog keeps whole seconds). */
const SLACK_S = 2;

/** Counters dhcpd is known to get wrong; they do not bound the snapshot. */
const uncapped = new Set<CountWhat>(['dynamic-host-decls']);

export function scanSnapshot(
  path: string,
  family: Family,
  caps: SnapshotCaps,
  chunkSize?: number,
  /** Called with every declaration counted in the snapshot (verify --config looks at its leases). */
  onSnapshotDeclaration?: (d: Declaration) => void,
  /** The snapshot is a start-up's (server/db.c db_startup), not an hourly rewrite's. */
  startup = false,
  /** When the reference `Wrote` group was logged (seconds since the epoch), when the log tells. */
  writtenAt: number | null = null,
): SnapshotScan {
  const tallies = Object.fromEntries(
    countedKinds.map((k) => [k, { found: 0, firstLine: null, lastLine: null }]),
  ) as Record<CountWhat, Tally>;
  // Each snapshot address with the line of its first lease declaration.
  const addresses = new Ipv4Table();
  const ias = {
    'ia-na': new Map<string, number>(),
    'ia-ta': new Map<string, number>(),
    'ia-pd': new Map<string, number>(),
  };
  const peers = new Set<string>();
  let subclasses = 0;
  let rank = -2;
  let end: SnapshotEnd | null = null;
  let appended = 0;
  const duplicates: SnapshotScan['duplicates'] = [];
  let startupServerDuid: number | null = null;
  /** A v4 start-up's server-duid, written after the snapshot by dhcpd itself. */
  const isStartupDuid = (d: Declaration): boolean =>
    startup && family === 'v4' && d.kind === 'server-duid' && startupServerDuid === null;
  /**
   * A failover server's start-up snapshot: dhcpd moves to `startup` and
   * writes that failover state before it serves anyone, so no lease can be
   * appended before a failover-state block closes the snapshot. Every lease
   * up to it is the snapshot's: one too many, or one named twice, is caught
   * by the count instead of being taken for an appended one.
   */
  const sealed = (): boolean => startup && family === 'v4' && peers.size > 0 && !newerThanReference;
  /**
   * A failover-state block at the head whose times are later than the
   * reference `Wrote` line: the file's snapshot was written after it, by a
   * start-up the log does not hold, and the reference cannot seal it.
   */
  let newerThanReference = false;

  const close = (d: Declaration, reason: SnapshotEnd['reason'], duplicateOf?: number): void => {
    end = {
      line: d.line,
      kind: d.kind,
      key: d.key,
      reason,
      ...(duplicateOf ? { duplicateOf } : {}),
    };
    appended++;
  };

  const onDeclaration = (d: Declaration): void => {
    if (end !== null) {
      if (isStartupDuid(d)) startupServerDuid = d.line;
      else appended++;
      return;
    }
    const r = rankOf(d, family);
    if (r === null) {
      if (isStartupDuid(d)) {
        close(d, 'after-server-duid');
        appended--;
        startupServerDuid = d.line;
        return;
      }
      return close(d, d.kind === 'server-duid' ? 'after-server-duid' : 'order');
    }
    // Only IA kinds and failover peers may not repeat their rank's predecessor; all others may repeat.
    if (r < rank || (r === -1 && rank > -2) || (r === 5 && family === 'v6' && rank === 5)) {
      return close(d, 'order');
    }
    const what = counterOf(d);
    const inSealed = d.kind === 'lease' && sealed();
    if (
      what !== null &&
      !uncapped.has(what) &&
      !inSealed &&
      tallies[what].found >= (caps[what] ?? 0)
    ) {
      return close(d, 'count');
    }
    if (d.kind === 'failover-state') {
      const times = [d.failover?.myStateAt, d.failover?.partnerStateAt];
      if (writtenAt !== null && times.some((t) => t != null && t > writtenAt + SLACK_S)) {
        newerThanReference = true;
      }
      const peer = d.key ?? '';
      if (peers.has(peer)) return close(d, 'repeated-peer');
      peers.add(peer);
    }
    if (d.kind === 'lease' && d.key !== null) {
      const n = ipv4Number(d.key);
      if (n !== null) {
        const seen = addresses.addFirst(n, -1, d.line);
        if (seen !== -1 && inSealed) duplicates.push({ line: d.line, key: d.key, of: seen });
        else if (seen !== -1) return close(d, 'duplicate', seen);
      }
    }
    if ((d.kind === 'ia-na' || d.kind === 'ia-ta' || d.kind === 'ia-pd') && d.key !== null) {
      const seen = ias[d.kind].get(d.key);
      if (seen !== undefined) return close(d, 'duplicate', seen);
      ias[d.kind].set(d.key, d.line);
    }
    rank = r;
    onSnapshotDeclaration?.(d);
    if (d.kind === 'subclass') subclasses++;
    if (what !== null) {
      const tally = tallies[what];
      tally.found++;
      tally.firstLine ??= d.line;
      tally.lastLine = d.line;
    }
  };

  const summary = scanLeaseFile(path, { onDeclaration }, chunkSize);
  return { tallies, duplicates, startupServerDuid, subclasses, end, appended, summary };
}
