import type { FailoverView, RestartEvent, RestartOutcome, Role } from '../../restart-pair/types.js';
import { paint, type CliIo } from '../io.js';

/** `leasecheck restart-pair` for people: one timestamped progress line per event, then the outcome. */

function view(v: FailoverView | undefined): string {
  if (v === undefined) return 'not asked';
  if (!v.answered) return `not answering (${v.error})`;
  if (!v.found) return 'answers, but knows no such failover peer';
  return `${v.local ?? '?'}, partner ${v.partner ?? '?'}`;
}

function commandLine(event: Extract<RestartEvent, { event: 'command' }>): string {
  const r = event.result;
  const status = r.timedOut
    ? 'timed out'
    : r.code === null
      ? `killed by ${r.signal ?? 'a signal'}`
      : `exit ${r.code}`;
  const output = r.output.trim();
  const shown = output === '' ? '' : `: ${output.split('\n').slice(-5).join(' | ')}`;
  return `${event.server}: start command ${status}${shown}`;
}

/** One line, without the time stamp and newline. */
export function describeEvent(event: RestartEvent): string {
  switch (event.event) {
    case 'preflight':
      return `pre-flight: ${event.server} ${view(event.view)}`;
    case 'warning':
      return `warning: ${event.message}`;
    case 'plan':
      return `${event.dryRun ? 'plan (dry run)' : 'plan'}: ${event.order.join(', then ')}`;
    case 'step':
      return `${event.server}: ${event.step} ${event.status === 'begin' ? '…' : 'done'}: ${event.detail}`;
    case 'state':
      return `${event.server} failover state: ${event.answering ? `${event.local ?? '?'}, partner ${event.partner ?? '?'}` : 'not answering'}`;
    case 'command':
      return commandLine(event);
    case 'abort':
      return `stopped at ${event.step}${event.server ? ` of the ${event.server}` : ''} (exit ${event.exitCode}): ${event.reason}`;
    case 'finished':
      return event.dryRun
        ? 'dry run: pre-flight passed, nothing was stopped'
        : 'both servers restarted, the pair is normal';
  }
}

export function renderEventLine(event: RestartEvent): string {
  return `${event.time} restart-pair: ${describeEvent(event)}\n`;
}

/** What stdout says at the end: the plan of a dry run, the success, or where it stopped and what next. */
export function renderOutcomeText(outcome: RestartOutcome, io: CliIo): string {
  const lines: string[] = [];
  if (outcome.plan && (outcome.plan.dryRun || outcome.abort)) {
    lines.push(
      paint(io, 'bold', outcome.plan.dryRun ? 'Plan (dry run, nothing stopped):' : 'Plan:'),
    );
    outcome.plan.steps.forEach((step, i) => lines.push(`  ${i + 1}. ${step}`));
  }
  if (outcome.abort) {
    const a = outcome.abort;
    lines.push(
      `${paint(io, 'red', 'restart-pair stopped')} at ${a.step}${a.server ? ` of the ${a.server}` : ''}: ${a.reason}`,
    );
    for (const role of ['primary', 'secondary'] as Role[]) {
      if (a.seen[role]) lines.push(`  last seen on the ${role}: ${view(a.seen[role])}`);
    }
    lines.push(
      `  restarted: ${a.restarted.length ? a.restarted.join(', ') : 'none'}`,
      `  next: ${a.advice}`,
    );
  } else if (outcome.plan?.dryRun) {
    lines.push(`${paint(io, 'green', 'pre-flight passed')}: both servers answer and are normal`);
  } else {
    lines.push(
      `${paint(io, 'green', 'restarted')}: ${outcome.restarted.join(', then ')}; both servers normal again`,
    );
  }
  return `${lines.join('\n')}\n`;
}
