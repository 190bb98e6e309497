/**
 * `leasecheck restart-pair`: ISC's restart procedure for a failover pair as
 * one command. Pre-flight, then for each server in turn (the secondary
 * first unless told otherwise): graceful stop, start command, wait until
 * both servers are normal; on any failure stop at once and never touch the
 * next server.
 */
import { RestartAbort } from './abort.js';
import { EventLog, type EventListener } from './events.js';
import { planSteps, restartOrder } from './plan.js';
import { preflight } from './preflight.js';
import { startServer, stopServer, waitNormal } from './steps.js';
import type {
  RestartDeps,
  RestartEvent,
  RestartOutcome,
  RestartPairOptions,
  Role,
} from './types.js';

export async function restartPair(
  options: RestartPairOptions,
  deps: RestartDeps,
  onEvent: EventListener = () => {},
): Promise<RestartOutcome> {
  const log = new EventLog(deps.now, onEvent);
  const restarted: Role[] = [];
  let plan: Extract<RestartEvent, { event: 'plan' }> | null = null;
  try {
    await preflight(options, deps, log);
    const order = restartOrder(options);
    plan = log.emit({
      event: 'plan',
      order,
      steps: planSteps(options, order),
      dryRun: options.dryRun ?? false,
    }) as Extract<RestartEvent, { event: 'plan' }>;
    if (!options.dryRun) {
      for (const role of order) {
        await stopServer(role, options, deps, log);
        await startServer(role, options, deps, log);
        await waitNormal(role, options, deps, log);
        restarted.push(role);
      }
    }
  } catch (error) {
    if (!(error instanceof RestartAbort)) throw error;
    const abort = log.emit({
      event: 'abort',
      step: error.step,
      server: error.server,
      reason: error.reason,
      advice: error.advice,
      seen: { ...log.seen },
      restarted: [...restarted],
      exitCode: error.exitCode,
    }) as Extract<RestartEvent, { event: 'abort' }>;
    return { exitCode: error.exitCode, restarted, abort, plan };
  }
  log.emit({
    event: 'finished',
    restarted: [...restarted],
    dryRun: options.dryRun ?? false,
    exitCode: 0,
  });
  return { exitCode: 0, restarted, abort: null, plan };
}
