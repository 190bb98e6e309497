/** Differential fuzzing of other lease-file readers against leasecheck (`leasecheck fuzz`). */
export { runFuzz } from './run.js';
export { checkVerdict } from './check-side.js';
export { fuzzCases } from './cases.js';
export { fillCommand, runReader } from './reader.js';
export { shellQuote } from '../shell-quote.js';
export type * from './types.js';
