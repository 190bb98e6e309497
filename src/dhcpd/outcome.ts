import type { BindingState } from '../model/types.js';

/**
 * What dhcpd itself does with a partial last declaration (server/confpars.c
 * parse_lease_declaration): predicted here in the model, reported by check
 * (which re-exports it as part of `check --json`'s shape).
 */
export interface DhcpdOutcome {
  /** `loaded`: entered into memory with the fields listed; `dropped`: discarded. */
  action: 'loaded' | 'dropped';
  /** Binding state dhcpd ends up with when loaded (possibly made up from `ends` and the time). */
  bindingState: BindingState | null;
  /** Names of the statements dhcpd keeps (e.g. `starts`, `ends`, `binding state`). */
  fields: string[];
  /** Fields a whole declaration would have had that the loaded one lacks (e.g. `hardware`). */
  missing: string[];
  /** One sentence for people. */
  explanation: string;
}
