/**
 * The progress of a restart as events: each is stamped with the injected
 * clock and handed to the listener at once (the CLI prints one line each).
 * A failover state is reported only when it changes, per server.
 */
import type { FailoverView, RestartEvent, Role } from './types.js';

/** An event before it is stamped. */
export type Unstamped<E = RestartEvent> = E extends RestartEvent ? Omit<E, 'time'> : never;

export type EventListener = (event: RestartEvent) => void;

/** The state line of a view: what changed is what gets reported. */
function stateKey(view: FailoverView): string {
  return view.answered ? `${view.local ?? '?'}/${view.partner ?? '?'}` : 'not answering';
}

export class EventLog {
  private readonly lastState = new Map<Role, string>();
  /** The last view of each server, for the abort report. */
  readonly seen: Partial<Record<Role, FailoverView>> = {};

  constructor(
    private readonly now: () => number,
    private readonly listener: EventListener,
  ) {}

  emit(event: Unstamped): RestartEvent {
    const stamped = { time: new Date(this.now()).toISOString(), ...event } as RestartEvent;
    this.listener(stamped);
    return stamped;
  }

  /** Records a view; emits a `state` event when the server's state differs from the last one seen. */
  observe(server: Role, view: FailoverView, quiet = false): void {
    this.seen[server] = view;
    const key = stateKey(view);
    if (this.lastState.get(server) === key) return;
    this.lastState.set(server, key);
    if (quiet) return;
    this.emit({
      event: 'state',
      server,
      local: view.answered ? view.local : null,
      partner: view.answered ? view.partner : null,
      answering: view.answered,
    });
  }
}
