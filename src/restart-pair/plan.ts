/**
 * The order of the restart and the steps it will take, as ISC states the
 * procedure: one server at a time, the secondary first unless told
 * otherwise, the second only once the first is back and both are normal.
 */
import type { RestartPairOptions, Role } from './types.js';

export function restartOrder(options: Pick<RestartPairOptions, 'primaryFirst'>): Role[] {
  return options.primaryFirst ? ['primary', 'secondary'] : ['secondary', 'primary'];
}

/** The steps in words, one per line of the plan. */
export function planSteps(options: RestartPairOptions, order: readonly Role[]): string[] {
  const seconds = options.timeoutMs / 1000;
  const steps: string[] = [];
  for (const role of order) {
    const server = options[role];
    const where = `${role} ${server.host}:${server.port}`;
    steps.push(
      `${where}: graceful stop over OMAPI (control state 2); wait until it stops answering and its partner reports it gone (at most ${seconds} s)`,
      `${where}: run ${JSON.stringify(server.start)} (at most ${seconds} s)`,
      `${where}: wait until it answers again and both servers see failover peer "${options.peer}" normal on both sides (at most ${seconds} s)`,
    );
  }
  return steps;
}
