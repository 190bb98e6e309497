/**
 * The shapes `leasecheck restart-pair` works with and `--json` promises
 * (one event per line). Field names are part of the public interface: add,
 * never rename.
 */
import type { OmapiKey } from '../omapi/key.js';

export type Role = 'primary' | 'secondary';

/** One server of the pair: where its OMAPI listens and how it is started again. */
export interface ServerTarget {
  role: Role;
  host: string;
  port: number;
  /** A shell command (`sh -c`) that starts this server's dhcpd and returns. */
  start: string;
  /** Its dhcpd.conf, for the pre-flight `pair` comparison. */
  config?: string;
}

export interface RestartPairOptions {
  /** The failover peer name both servers declare. */
  peer: string;
  primary: ServerTarget;
  secondary: ServerTarget;
  key?: OmapiKey;
  /** Restart the primary first (refused when the configurations' ranges differ). */
  primaryFirst?: boolean;
  /** Longest wait of each step: the stop, the start command, the return to normal. */
  timeoutMs: number;
  /** Milliseconds between two looks at the servers' failover states (default 1000). */
  pollMs?: number;
  /** Pre-flight only, then the plan. */
  dryRun?: boolean;
}

/** What one server says about the peer over OMAPI at one moment. */
export type FailoverView =
  | {
      answered: true;
      /** False when dhcpd has no failover peer of that name. */
      found: boolean;
      local: string | null;
      partner: string | null;
      /** `primary` / `secondary` as dhcpd reports its own role. */
      role: string | null;
    }
  | {
      answered: false;
      /** Nothing listens (the server is down or still starting). */
      refused: boolean;
      /** dhcpd answered but refused the key: no wait will fix that. */
      keyRejected: boolean;
      error: string;
    };

export interface CommandResult {
  /** Exit status, or null when killed by a signal or the timeout. */
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  /** The last part of stdout and stderr together, latin1. */
  output: string;
}

export type StepName = 'preflight' | 'stop' | 'start' | 'wait';

/** One line of progress; `time` is ISO 8601. */
export type RestartEvent =
  | { time: string; event: 'preflight'; server: Role; view: FailoverView }
  | { time: string; event: 'warning'; message: string }
  | { time: string; event: 'plan'; order: Role[]; steps: string[]; dryRun: boolean }
  | {
      time: string;
      event: 'step';
      step: StepName;
      server: Role;
      status: 'begin' | 'done';
      detail: string;
    }
  | {
      time: string;
      event: 'state';
      /** Whose OMAPI answered (or did not). */
      server: Role;
      local: string | null;
      partner: string | null;
      answering: boolean;
    }
  | { time: string; event: 'command'; server: Role; command: string; result: CommandResult }
  | {
      time: string;
      event: 'abort';
      /** Where it stopped: the step and the server. */
      step: StepName;
      server: Role | null;
      reason: string;
      /** What to do next, for a person. */
      advice: string;
      /** The states last seen on each server. */
      seen: Partial<Record<Role, FailoverView>>;
      /** Servers restarted before the failure. */
      restarted: Role[];
      exitCode: 4 | 8;
    }
  | { time: string; event: 'finished'; restarted: Role[]; dryRun: boolean; exitCode: 0 };

export type RestartEventName = RestartEvent['event'];

/** The outcome: 0 restarted (or dry run passed), 4 not ready / refused, 8 connection, key or command failed. */
export interface RestartOutcome {
  exitCode: 0 | 4 | 8;
  restarted: Role[];
  /** The abort event when it stopped early. */
  abort: Extract<RestartEvent, { event: 'abort' }> | null;
  plan: Extract<RestartEvent, { event: 'plan' }> | null;
}

/**
 * Everything restart-pair does to the outside world, injectable so the step
 * logic is tested with fakes and a fake clock.
 */
export interface RestartDeps {
  /** Opens the `failover-state` object named `peer` on `server` (never throws: failures are views). */
  readFailover(server: ServerTarget, peer: string): Promise<FailoverView>;
  /** The graceful OMAPI shutdown (control object state 2); throws LeasecheckError when refused. */
  shutdown(server: ServerTarget): Promise<void>;
  /** Runs a start command with `sh -c`, at most `timeoutMs`. */
  runCommand(command: string, timeoutMs: number): Promise<CommandResult>;
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** `pair`'s comparison of the two dhcpd.conf files. */
  compareConfigs(primary: string, secondary: string): Promise<ConfigComparison>;
}

/** What the pre-flight needs from `pair`. */
export interface ConfigComparison {
  identical: boolean;
  rangesDiffer: boolean;
  findings: Array<{ area: string; code: string; message: string }>;
}
