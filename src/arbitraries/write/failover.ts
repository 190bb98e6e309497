import type { FailoverStateRecord, TimeFormat } from '../types.js';
import { printTime } from './time.js';

/**
 * server/db.c write_failover_state (without the newline dhcpd writes before
 * it, which belongs to the file writer): `mclt` only for the secondary.
 */
export function writeFailoverState(state: FailoverStateRecord, timeFormat: TimeFormat): string {
  let out = `failover peer "${state.peer}" state {`;
  out += `\n  my state ${state.myState} at ${printTime(state.myStateAt, timeFormat)}`;
  out += `\n  partner state ${state.partnerState} at ${printTime(state.partnerStateAt, timeFormat)}`;
  if (state.mclt !== null) out += `\n  mclt ${state.mclt};`;
  return `${out}\n}`;
}
