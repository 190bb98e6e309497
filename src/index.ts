/**
 * leasecheck as a library: what the commands do, without printing or
 * exiting. `import { checkLeaseFile } from 'leasecheck'`.
 *
 * Errors a caller can act on (a missing file, a refused write, bad options)
 * are thrown as LeasecheckError, whose `exitCode` is the one the CLI ends
 * with; anything else is a bug.
 */
import { checkLeaseFile } from './check/index.js';
import {
  analyseRepair as analyseRepairWith,
  preen as preenWith,
  type AnalyseDeps,
  type AnalyseOptions,
  type PreenResult,
  type RepairAnalysis,
  type WriteOptions,
} from './repair/index.js';
import { defaultRepairDeps } from './repair/default-deps.js';
import {
  checkReady as checkReadyWith,
  waitReady as waitReadyWith,
  type ReadyOptions,
  type ReadyReport,
  type WaitOptions,
} from './ready/index.js';

export { LeasecheckError } from './errors.js';
// Diagnostics: one shape, and each area's list of codes.
export type * from './diagnostic.js';
export { checkProblemCodes } from './check/codes.js';
export { verifyFindingCodes } from './verify/codes.js';
export { pairAreas, pairFindingCodes } from './pair/codes.js';
export { configFindingCodes, type ConfigFinding, type ConfigFindingCode } from './conf/index.js';

// check: is the file whole; what it holds; what dhcpd would do with it.
export { checkLeaseFile, type CheckOptions } from './check/index.js';
export type * from './check/types.js';
export type { BindingState, Declaration, DeclarationKind } from './model/types.js';

// repair: the fix as a plan and a diff; applied with a backup; undone.
export {
  applyPlan,
  undoRepair,
  type AnalyseDeps,
  type AnalyseOptions,
  type PreenResult,
  type PreenStatus,
  type RepairAnalysis,
  type UndoManifest,
  type UndoOutcome,
  type WriteOptions,
} from './repair/index.js';
export type * from './repair/types.js';

/**
 * Checks FILE and works out its repair (`leasecheck repair FILE`): the plan,
 * its unified diff, the check report. Changes nothing; `applyPlan` writes.
 */
export function analyseRepair(
  file: string,
  options: AnalyseOptions,
  deps: AnalyseDeps = defaultRepairDeps,
): Promise<RepairAnalysis> {
  return analyseRepairWith(file, options, deps);
}

/** `leasecheck repair --preen FILE`: repairs a truncated tail and nothing else. */
export function preen(
  file: string,
  options: { now: Date; write: WriteOptions },
  deps: AnalyseDeps = defaultRepairDeps,
): Promise<PreenResult> {
  return preenWith(file, options, deps);
}

// verify: does the file hold what dhcpd said it wrote?
export { verifyLeaseFile, type VerifyOptions } from './verify/index.js';
export type * from './verify/types.js';

// ready: has the restarted server fully come back?
export type { ReadyOptions, ReadyReport, WaitOptions } from './ready/index.js';

/** `leasecheck ready`: judges dhcpd's logs (and, with `leases`, the lease file) once. */
export function checkReady(options: ReadyOptions): Promise<ReadyReport> {
  return checkReadyWith({ checkLeaseFile, ...options });
}

/** `leasecheck ready --wait`: follows the logs until ready or `waitSeconds` pass. */
export function waitReady(options: WaitOptions): Promise<ReadyReport> {
  return waitReadyWith({ checkLeaseFile, ...options });
}

// pair: are the two failover peers configured alike where they must be?
export { pairConfigs, comparePlans } from './pair/index.js';
export type { PairArea, PairFinding, PairReport, PairSide } from './pair/index.js';
export { loadDhcpdConf, planFromText, ConfSyntaxError, ConfInvalidError } from './conf/index.js';

// monitoring: a check report as a Nagios plugin's output or Prometheus metrics.
export {
  renderNagios,
  renderNagiosUnknown,
  renderPrometheus,
  NagiosStatus,
  parseNagiosRange,
  type NagiosOptions,
  type NagiosRange,
  type NagiosResult,
  type PrometheusOptions,
} from './monitor/index.js';

// OMAPI: ask the running server.
export { OmapiConnection, OmapiStatusError, parseKeyFile, parseKeyOption } from './omapi/index.js';
export type { OmapiKey } from './omapi/index.js';

// restart-pair: ISC's failover restart procedure, with injectable OMAPI, commands and clock.
export { restartPair, defaultDeps as restartPairDeps } from './restart-pair/index.js';
export type {
  RestartDeps,
  RestartEvent,
  RestartOutcome,
  RestartPairOptions,
  ServerTarget,
  FailoverView,
} from './restart-pair/index.js';

// leases: what dhcpd loads, address by address (isc_dhcp_leases' get() and get_current()).
export { readLeases, currentLeases, filterLeases, type LeaseFilter } from './leases/index.js';
export type * from './leases/types.js';
