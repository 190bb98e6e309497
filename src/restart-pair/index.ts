/**
 * `leasecheck restart-pair`: ISC's failover restart procedure, end to end.
 * The public face of src/restart-pair.
 */
export { restartPair } from './run.js';
export { defaultDeps, readFailoverOverOmapi, runShellCommand } from './default-deps.js';
export { restartOrder, planSteps } from './plan.js';
export { isNormal, seesPartnerGone, describeView } from './judge.js';
export type * from './types.js';
