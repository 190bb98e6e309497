/**
 * The three steps of restarting one server of the pair: a graceful stop,
 * its start command, and the wait until the pair is normal again. Each
 * throws RestartAbort when it cannot finish; none touches the partner.
 */
import { LeasecheckError } from '../errors.js';
import { RestartAbort } from './abort.js';
import type { EventLog } from './events.js';
import { describeView, isNormal, isSilent, other, seesPartnerGone } from './judge.js';
import type { FailoverView, RestartDeps, RestartPairOptions, Role, StepName } from './types.js';

const DEFAULT_POLL_MS = 1000;

function where(options: RestartPairOptions, role: Role): string {
  return `${role} ${options[role].host}:${options[role].port}`;
}

/** The `begin` event of one step on one server. */
function begin(log: EventLog, step: StepName, role: Role, detail: string): void {
  log.emit({ event: 'step', step, server: role, status: 'begin', detail });
}

/** Reads both servers' views (one after the other) and reports state changes. */
async function look(
  options: RestartPairOptions,
  deps: RestartDeps,
  log: EventLog,
): Promise<Record<Role, FailoverView>> {
  const primary = await deps.readFailover(options.primary, options.peer);
  log.observe('primary', primary);
  const secondary = await deps.readFailover(options.secondary, options.peer);
  log.observe('secondary', secondary);
  return { primary, secondary };
}

/** A key refused, or the peer unknown, is not something waiting fixes. */
function hopeless(
  options: RestartPairOptions,
  step: 'stop' | 'wait',
  role: Role,
  view: FailoverView,
): RestartAbort | null {
  if (!view.answered && view.keyRejected) {
    return new RestartAbort(
      step,
      role,
      `${where(options, role)} refuses the key: ${view.error}`,
      'its dhcpd.conf no longer accepts this key; fix the key, then run again',
      8,
    );
  }
  if (view.answered && !view.found) {
    return new RestartAbort(
      step,
      role,
      `${where(options, role)} knows no failover peer ${JSON.stringify(options.peer)} any more`,
      'its dhcpd.conf lost the failover peer statement; fix it and start it, then run again',
      4,
    );
  }
  return null;
}

/**
 * Graceful stop: OMAPI shutdown (dhcpd closes its listeners, moves the peer
 * to `shutdown`, tells its partner and exits; server/dhcpd.c
 * dhcp_io_shutdown_countdown), then wait until it no longer accepts OMAPI
 * connections and its partner reports it gone.
 */
export async function stopServer(
  role: Role,
  options: RestartPairOptions,
  deps: RestartDeps,
  log: EventLog,
): Promise<void> {
  begin(log, 'stop', role, `graceful shutdown of ${where(options, role)} over OMAPI`);
  try {
    await deps.shutdown(options[role]);
  } catch (error) {
    if (!(error instanceof LeasecheckError)) throw error;
    throw new RestartAbort(
      'stop',
      role,
      `${where(options, role)} did not accept the shutdown: ${error.message}`,
      'nothing else was done; look at the server, then run again',
      8,
    );
  }
  const deadline = deps.now() + options.timeoutMs;
  for (;;) {
    const views = await look(options, deps, log);
    const stopped = views[role];
    const partner = views[other(role)];
    const fatal = hopeless(options, 'stop', other(role), partner);
    if (fatal) throw fatal;
    if (isSilent(stopped) && seesPartnerGone(partner)) break;
    if (deps.now() >= deadline) {
      throw new RestartAbort(
        'stop',
        role,
        `${where(options, role)} did not stop within ${options.timeoutMs / 1000} s: it is ${describeView(stopped)}; its partner is ${describeView(partner)}`,
        `look at ${role} (is dhcpd still running?); its start command was not run and the ${other(role)} was not touched`,
        4,
      );
    }
    await deps.sleep(options.pollMs ?? DEFAULT_POLL_MS);
  }
  log.emit({
    event: 'step',
    step: 'stop',
    server: role,
    status: 'done',
    detail: `${role} no longer answers; the ${other(role)} is ${describeView(log.seen[other(role)])}`,
  });
}

/** Runs the server's start command; a non-zero exit or a timeout aborts (exit 8). */
export async function startServer(
  role: Role,
  options: RestartPairOptions,
  deps: RestartDeps,
  log: EventLog,
): Promise<void> {
  const command = options[role].start;
  begin(log, 'start', role, `running ${JSON.stringify(command)}`);
  const result = await deps.runCommand(command, options.timeoutMs);
  log.emit({ event: 'command', server: role, command, result });
  if (result.code !== 0) {
    const how = result.timedOut
      ? `did not finish within ${options.timeoutMs / 1000} s`
      : result.code === null
        ? `was killed by ${result.signal ?? 'a signal'}`
        : `exited with status ${result.code}`;
    throw new RestartAbort(
      'start',
      role,
      `the start command of ${where(options, role)} ${how}`,
      `${role} is stopped: start it by hand (${command}) once fixed; the ${other(role)} was not touched and serves alone`,
      8,
    );
  }
  log.emit({
    event: 'step',
    step: 'start',
    server: role,
    status: 'done',
    detail: 'the start command exited 0',
  });
}

/**
 * Waits until the restarted server answers over OMAPI again and both
 * servers see the peer `normal` on both sides (what `ready --omapi` asks).
 */
export async function waitNormal(
  role: Role,
  options: RestartPairOptions,
  deps: RestartDeps,
  log: EventLog,
): Promise<void> {
  begin(
    log,
    'wait',
    role,
    `waiting for failover peer ${JSON.stringify(options.peer)} normal on both servers`,
  );
  const deadline = deps.now() + options.timeoutMs;
  let answered = false;
  for (;;) {
    const views = await look(options, deps, log);
    for (const r of [role, other(role)]) {
      const fatal = hopeless(options, 'wait', r, views[r]);
      if (fatal) throw fatal;
    }
    answered ||= views[role].answered;
    if (isNormal(views.primary) && isNormal(views.secondary)) break;
    if (deps.now() >= deadline) {
      const seconds = options.timeoutMs / 1000;
      throw new RestartAbort(
        'wait',
        role,
        answered
          ? `the pair did not return to normal within ${seconds} s after ${where(options, role)} was started: ${role} is ${describeView(views[role])}; ${other(role)} is ${describeView(views[other(role)])}`
          : `${where(options, role)} never answered over OMAPI within ${seconds} s after its start command`,
        answered
          ? `do not restart the ${other(role)}; watch both (leasecheck ready --omapi … --wait) and look at ${role}'s log; the ${other(role)} was not touched`
          : `${role}'s dhcpd is not running or not listening: look at its log (a configuration error ends with "exiting."), fix it and start it; the ${other(role)} was not touched and serves alone`,
        4,
      );
    }
    await deps.sleep(options.pollMs ?? DEFAULT_POLL_MS);
  }
  log.emit({
    event: 'step',
    step: 'wait',
    server: role,
    status: 'done',
    detail: `both servers see failover peer ${JSON.stringify(options.peer)} normal on both sides`,
  });
}
