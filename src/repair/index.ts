/** The library face of `leasecheck repair` / `undo`. */
export {
  analyseRepair,
  type AnalyseDeps,
  type AnalyseOptions,
  type RepairAnalysis,
} from './analyse.js';
export { planRepair, type PlanOptions } from './plan.js';
export { regionDiff } from './diff.js';
export { applyPlan, writeFileAtomic, type WriteOptions, type UndoManifest } from './write.js';
export { undoRepair, type UndoOutcome } from './undo.js';
export { preen, type PreenResult, type PreenStatus } from './preen.js';
export { findHolders, type Holder } from './holders.js';
export { describeLeftover, findLeftovers, type Leftover, type LeftoverKind } from './leftovers.js';
export type * from './types.js';
