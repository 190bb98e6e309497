import type { Readable } from 'node:stream';
import { LeasecheckError } from '../errors.js';
import {
  followFile,
  LogLineReader,
  mergeEntryLists,
  readLogs,
  readRawLineBatches,
  readRawLines,
  sourceName,
  type LogEntry,
} from '../log/index.js';
import type { LoadedConfig } from '../conf/index.js';
import { describeRef } from './judge.js';
import { checkLeasesForReady, leaseFileConfigWarnings, leaseFileReason } from './lease-file.js';
import { checkLiveness, logOnly } from './liveness.js';
import { procProbe, type ProcessProbe } from './probe.js';
import { ReadyTracker } from './tracker.js';
import type { LeaseChecker, ReadyReport } from './types.js';

export interface ReadyOptions {
  /** Log files, `-` for standard input, `.gz` for rotated ones; read as one history. */
  logs: readonly string[];
  /** Also require this lease file to check clean, and report its failover blocks. */
  leases?: string;
  /** Require these failover peers (default: every peer seen since the start-up). */
  peers?: readonly string[];
  host?: string;
  /** Ignore log lines before this time. */
  since?: Date;
  /** Reference time (RFC 3164's missing year, lease-file predictions). */
  now?: Date;
  stdin?: Readable;
  /** Needed with `leases`: src/check's checkLeaseFile. */
  checkLeaseFile?: LeaseChecker;
  /**
   * dhcpd.conf, loaded (`--config`): every failover peer it declares must be
   * ready, and the lease file is checked against it (warnings).
   */
  config?: LoadedConfig;
  /**
   * How to establish that the judged process runs now (src/ready liveness.ts):
   * `process` (default) looks it up on this machine; `log-only` does not
   * (the verdict holds as of the log's last line); `omapi`: the caller
   * asks the server over OMAPI and sets `liveness` itself.
   */
  liveness?: 'process' | 'log-only' | 'omapi';
  /** The machine to look the process up on (tests); default /proc. */
  probe?: ProcessProbe;
}

export interface WaitOptions extends ReadyOptions {
  /** Give up after this many seconds. */
  waitSeconds: number;
  /** How often followers poll the logs (default 200 ms). */
  pollMs?: number;
  /** The verdict on the logs' existing content, when following begins. */
  onFollowing?: (report: ReadyReport) => void;
  /** After the logs' existing content: each notable line as it arrives, with the verdict it leads to. */
  onChange?: (entry: LogEntry, report: ReadyReport) => void;
  /** A followed log was rotated or truncated. */
  onReset?: (path: string, why: 'rotated' | 'truncated') => void;
  /** The judged process, seen running, has disappeared (dhcpd logs nothing when stopped or killed). */
  onGone?: (report: ReadyReport) => void;
  /** How often the judged process is looked up while waiting (default 1000 ms). */
  livenessMs?: number;
}

function trackerFor(options: ReadyOptions): ReadyTracker {
  return new ReadyTracker({
    host: options.host,
    peers: options.peers,
    leasesPath: options.leases,
    since: options.since,
    ...(options.config
      ? {
          configured: {
            file: options.config.file,
            peers: options.config.plan.failoverPeers.map((p) => ({ name: p.name, role: p.role })),
          },
        }
      : {}),
  });
}

async function withLeases(report: ReadyReport, options: ReadyOptions): Promise<ReadyReport> {
  if (options.leases === undefined) return report;
  if (!options.checkLeaseFile) {
    throw new LeasecheckError('--leases: no lease-file checker is available in this build');
  }
  report.leases = await checkLeasesForReady(
    options.leases,
    options.checkLeaseFile,
    options.now,
    options.config,
  );
  report.warnings.push(...leaseFileConfigWarnings(report.leases, report.config));
  const reason = leaseFileReason(report.leases);
  if (reason) {
    report.reasons.push(reason);
    report.ready = false;
  }
  return report;
}

/** Adds whether the judged process runs now; one that does not (or cannot be seen) is not ready. */
async function withLiveness(report: ReadyReport, options: ReadyOptions): Promise<ReadyReport> {
  const process = report.process;
  const mode = options.liveness ?? 'process';
  if (process === null || mode === 'omapi') return report;
  report.liveness =
    mode === 'log-only'
      ? logOnly(process, describeRef(report.lastLine))
      : await checkLiveness(process, options.logs, options.probe ?? procProbe);
  // A process that logged its exit already has that reason.
  if (mode === 'process' && report.liveness.running !== true && process.exited === null) {
    report.reasons.push(report.liveness.detail);
    report.ready = false;
  }
  return report;
}

/** The log's verdict completed: the lease file, then whether the process runs. */
async function complete(report: ReadyReport, options: ReadyOptions): Promise<ReadyReport> {
  return withLiveness(await withLeases(report, options), options);
}

/** `leasecheck ready` without --wait: the verdict on the logs as they are now. */
export async function checkReady(options: ReadyOptions): Promise<ReadyReport> {
  const tracker = trackerFor(options);
  for await (const entry of readLogs(options.logs, options)) tracker.push(entry);
  return complete(tracker.verdict(), options);
}

/** setTimeout's longest delay (about 24.8 days); a longer one fires at once, with a warning. */
const maxTimeoutMs = 2 ** 31 - 1;

/**
 * How long standard input may stay quiet before what it held counts as the
 * logs' existing content and the rest as new lines (--wait --log -).
 */
const STDIN_SETTLE_MS = 200;

/** `promise`'s value, or null when it takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const quiet = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([promise, quiet]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether a line is the judged process's: another dhcpd on the host (the
 * `dhcpd -6` beside the v4 server) changes nothing worth a change line.
 * Lines without a pid, and verdicts on several processes, are everyone's.
 */
function concernsJudged(entry: LogEntry, report: ReadyReport): boolean {
  const judged = report.process?.pid ?? null;
  return judged === null || entry.line.pid === null || entry.line.pid === judged;
}

/** setTimeout for any delay: a long one is waited in steps. Returns the cancel function. */
function longTimeout(ms: number, done: () => void): () => void {
  const end = Date.now() + ms;
  let timer: NodeJS.Timeout;
  const arm = (): void => {
    const left = end - Date.now();
    timer = setTimeout(left > maxTimeoutMs ? arm : done, Math.max(0, Math.min(left, maxTimeoutMs)));
  };
  arm();
  return () => clearTimeout(timer);
}

/**
 * `leasecheck ready --wait`: reads the logs, then follows them (like
 * `tail -F`) until the server is ready or `waitSeconds` pass. Resolves with
 * the verdict of the last moment; `waited.timedOut` tells which happened.
 */
export async function waitReady(options: WaitOptions): Promise<ReadyReport> {
  const started = Date.now();
  const tracker = trackerFor(options);
  const controller = new AbortController();
  const { signal } = controller;
  let settled = false;
  let initialDone = false;
  let checking: Promise<void> = Promise.resolve();

  return new Promise<ReadyReport>((resolve, reject) => {
    const finish = (report: ReadyReport, timedOut: boolean): void => {
      if (settled) return;
      settled = true;
      cancelTimer();
      controller.abort();
      report.waited = { seconds: (Date.now() - started) / 1000, timedOut };
      resolve(report);
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      cancelTimer();
      controller.abort();
      reject(error);
    };
    // Armed once the existing content is judged: the wait is for what has not been logged yet.
    let cancelTimer = (): void => {};
    const startTimer = (): void => {
      cancelTimer = longTimeout(options.waitSeconds * 1000, () => {
        // Let a lease check under way finish, then give the last verdict.
        checking = checking.then(async () => {
          if (settled) return;
          try {
            finish(await complete(tracker.verdict(), options), true);
          } catch (error) {
            fail(error);
          }
        });
      });
    };

    const evaluate = (): void => {
      const report = tracker.verdict();
      if (!report.ready) return;
      checking = checking.then(async () => {
        if (settled) return;
        try {
          const full = await complete(tracker.verdict(), options);
          if (full.ready) finish(full, false);
        } catch (error) {
          fail(error);
        }
      });
    };

    // dhcpd logs nothing when it stops: look the judged process up while waiting.
    let seenRunning: number | null = null;
    const watch = (): void => {
      checking = checking.then(async () => {
        if (settled) return;
        const report = await withLiveness(tracker.verdict(), options);
        const liveness = report.liveness;
        if (liveness?.running === true) seenRunning = liveness.pid;
        else if (seenRunning !== null && liveness?.running === false) {
          if (liveness.pid === seenRunning || liveness.pid === null) options.onGone?.(report);
          seenRunning = null;
        }
      });
      evaluate();
    };
    let watcher: NodeJS.Timeout | undefined;
    signal.addEventListener('abort', () => clearInterval(watcher), { once: true });

    const push = (entries: LogEntry[]): void => {
      if (settled) return;
      for (const entry of entries) {
        const notable = tracker.push(entry);
        if (!notable || !initialDone || !options.onChange) continue;
        const report = tracker.verdict();
        if (concernsJudged(entry, report)) options.onChange(entry, report);
      }
      if (initialDone) evaluate();
    };

    // Each log: its existing content first (gathered from all logs and merged), then new lines.
    const firstBatches: Array<Promise<LogEntry[]>> = options.logs.map((path) => {
      const reader = new LogLineReader(sourceName(path), options.now);
      const toEntries = (lines: string[]): LogEntry[] => reader.entries(lines);
      return new Promise<LogEntry[]>((first, firstFailed) => {
        let isFirst = true;
        const onLines = (lines: string[]): void => {
          const entries = toEntries(lines);
          if (isFirst) {
            isFirst = false;
            first(entries);
          } else push(entries);
        };
        if (path === '-' || path.endsWith('.gz')) {
          // Standard input is read as it comes; a compressed rotated log does not grow.
          void (async () => {
            try {
              if (path.endsWith('.gz')) {
                const lines: string[] = [];
                for await (const line of readRawLines(path, options)) lines.push(line);
                onLines(lines);
              } else {
                // Once the verdict is in, stop reading: a pipe (journalctl -f) may never end.
                const input = options.stdin ?? process.stdin;
                signal.addEventListener('abort', () => input.destroy(), { once: true });
                const batches = readRawLineBatches(path, options)[Symbol.asyncIterator]();
                // What the pipe holds already (`journalctl -f` prints the
                // last lines at once) is the existing content: read until
                // it ends or goes quiet for a moment.
                const existing: string[] = [];
                let next = batches.next();
                for (;;) {
                  const batch = await within(next, STDIN_SETTLE_MS);
                  if (batch === null) break;
                  if (batch.done) {
                    next = Promise.resolve(batch);
                    break;
                  }
                  existing.push(...batch.value);
                  next = batches.next();
                }
                onLines(existing);
                for (let batch = await next; !batch.done; batch = await batches.next()) {
                  if (signal.aborted) break;
                  onLines(batch.value);
                }
              }
            } catch (error) {
              if (isFirst) firstFailed(error);
              else fail(error);
            }
          })();
        } else {
          followFile(path, onLines, {
            signal,
            pollMs: options.pollMs,
            onReset: (why) => {
              reader.restart(); // the new file (or the truncated one) starts again at line 1
              options.onReset?.(path, why);
            },
          }).catch((error: unknown) => (isFirst ? firstFailed(error) : fail(error)));
        }
      });
    });

    Promise.all(firstBatches).then((lists) => {
      if (settled) return;
      for (const entry of mergeEntryLists(lists)) tracker.push(entry);
      initialDone = true;
      if (options.onFollowing) {
        const onFollowing = options.onFollowing;
        checking = checking.then(async () => {
          if (!settled) onFollowing(await withLiveness(tracker.verdict(), options));
        });
      }
      evaluate();
      startTimer();
      if ((options.liveness ?? 'process') === 'process') {
        watcher = setInterval(watch, options.livenessMs ?? 1000);
      }
    }, fail);
  });
}
