export { checkLeaseFile, type CheckOptions } from './check.js';
export type * from './types.js';
