import type { FailoverStateName } from '../model/types.js';

/**
 * The shapes the log reader produces. `verify` and `ready` both build on
 * them; field names are part of the library's public face.
 */

/**
 * How a line was written:
 * - `plain`: dhcpd's own stderr (`-d`) or `journalctl -o cat`: the bare message;
 * - `rfc3164`: classic syslog and `journalctl` default output (`Nov 28 12:52:06 host dhcpd[123]: …`);
 * - `rfc5424`: `<30>1 2026-11-28T12:52:06.123Z host dhcpd 123 - - …`;
 * - `iso`: rsyslog high-precision timestamps and `journalctl -o short-iso`
 *   (`2026-11-28T12:52:06.123456+00:00 host dhcpd[123]: …`).
 */
export type LogFormat =
  | 'plain'
  | 'rfc3164'
  | 'rfc5424'
  | 'iso'
  /** journalctl -o short-full, -o short-unix, -o short-monotonic (no wall time). */
  | 'journal-full'
  | 'journal-unix'
  | 'journal-monotonic';

/** Where a line is: its log, 1-based line number, and timestamp when the format has one. */
export interface LineRef {
  source: string;
  line: number;
  /** ISO 8601 (UTC) when the line carries a timestamp, else null. */
  time: string | null;
}

/** One log line, split into its syslog envelope and dhcpd's message. */
export interface LogLine {
  source: string;
  line: number;
  format: LogFormat;
  /** The timestamp, when the format has one (RFC 3164 has no year: it is inferred). */
  time: Date | null;
  /** The timestamp exactly as written. */
  timeText: string | null;
  host: string | null;
  /** Syslog tag / APP-NAME (`dhcpd`), null for plain lines. */
  program: string | null;
  pid: number | null;
  message: string;
}

/** What `Wrote N …` counted (server/mdb.c write_leases). */
export type WroteKind =
  'leases' | 'class-decls' | 'group-decls' | 'deleted-host-decls' | 'dynamic-host-decls';

/** A dhcpd message, classified. `other` is everything leasecheck does not interpret. */
/** The figures failover.c's balancing lines give for one pool (dhcp_failover_pool_dobalance). */
interface PoolFigures {
  pool: string;
  network: string;
  total: number;
  free: number;
  backup: number;
  lts: number;
}

export type DhcpdEvent =
  | { type: 'banner'; version: string }
  | { type: 'config-file'; path: string }
  | { type: 'database-file'; path: string }
  | { type: 'pid-file'; path: string }
  | { type: 'wrote'; what: WroteKind; count: number }
  | { type: 'wrote-v6'; na: number; ta: number; pd: number }
  | { type: 'listening'; on: string }
  | { type: 'sending'; on: string }
  | { type: 'starting-service' }
  | { type: 'lease-file-test-successful' }
  /** The first line of the notice log_fatal (omapip/errwarn.c) logs after its message. */
  | { type: 'fatal-notice' }
  /** The last line log_fatal logs: the process exits. */
  | { type: 'exiting' }
  | { type: 'failover-my-state'; peer: string; from: FailoverStateName; to: FailoverStateName }
  | { type: 'failover-peer-state'; peer: string; from: FailoverStateName; to: FailoverStateName }
  | { type: 'failover-both-normal'; peer: string }
  | { type: 'failover-disconnected'; peer: string }
  | { type: 'failover-sending-updates'; peer: string }
  | { type: 'failover-queued'; peer: string }
  | { type: 'failover-record-failed'; peer: string }
  | (PoolFigures & { type: 'balancing'; maxOwn: number; requestingRebalance: boolean })
  | (PoolFigures & {
      type: 'balanced';
      maxMisbalance: number;
      /** `IMBALANCED pool …` (a log_error in failover.c) rather than `balanced pool …`. */
      imbalanced: boolean;
    })
  | { type: 'commit-failed'; reason: string }
  | {
      type: 'write-failed';
      what: 'lease' | 'host' | 'group' | 'class' | 'ia' | 'server-duid' | 'failover-state';
      name: string | null;
    }
  | { type: 'cannot-create-lease-file'; reason: string }
  | { type: 'corrupt-lease-file' }
  | { type: 'parse-warning'; file: string; fileLine: number; text: string }
  | { type: 'no-subnet'; address: string }
  | { type: 'other' };

export type DhcpdEventType = DhcpdEvent['type'];

/** A log line with its classified message. */
export interface LogEntry {
  line: LogLine;
  event: DhcpdEvent;
}
