import { LogHistory, refOf, type LineRef, type LogEntry } from '../log/index.js';
import { judgeReady, type JudgeOptions } from './judge.js';
import type { ReadyReport } from './types.js';

export interface TrackerOptions extends JudgeOptions {
  /** Ignore lines logged before this time (lines without a timestamp are kept, and make the verdict "not ready"). */
  since?: Date;
}

/** Messages worth showing as they arrive under `--wait`: start-ups and failover changes. */
const notable = new Set<LogEntry['event']['type']>([
  'banner',
  'starting-service',
  'lease-file-test-successful',
  'failover-my-state',
  'failover-peer-state',
  'failover-both-normal',
  'failover-disconnected',
  'balanced',
]);

/**
 * Follows the verdict line by line: push log entries in order, ask for the
 * verdict at any moment. The same object serves a whole-log check, a
 * `--wait` follower and tests that cut a log after every line.
 */
export class ReadyTracker {
  readonly history = new LogHistory();
  private lastLine: LineRef | null = null;
  private untimed = 0;

  constructor(private readonly options: TrackerOptions = {}) {}

  /**
   * Adds one entry. Returns true when it is a state change worth showing
   * (for the judged host: a start-up, a failover transition, balancing done).
   */
  push(entry: LogEntry): boolean {
    const { line } = entry;
    if (this.options.since) {
      if (line.time === null) this.untimed += 1;
      else if (line.time.getTime() < this.options.since.getTime()) return false;
    }
    this.lastLine = refOf(line);
    this.history.push(entry);
    if (!notable.has(entry.event.type)) return false;
    return this.options.host === undefined || line.host === this.options.host || line.host === null;
  }

  /** The verdict on everything pushed so far. */
  verdict(): ReadyReport {
    const report = judgeReady(this.history, this.options, this.lastLine);
    if (this.options.since && this.untimed > 0) {
      // Old start-ups among them would be judged as if they were new: never a "ready" on that.
      report.reasons.push(
        `--since cannot apply to ${this.untimed} log line(s) without a timestamp (dhcpd -d, journalctl -o cat): read without --since, or give a log with timestamps`,
      );
      report.ready = false;
    }
    return report;
  }
}
