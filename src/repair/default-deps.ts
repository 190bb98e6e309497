import { checkLeaseFile } from '../check/index.js';
import type { AnalyseDeps } from './analyse.js';

/**
 * What a repair needs of the rest of leasecheck: the check, and a listing of
 * the keyed declarations a restore from `FILE~` would lose. Injected rather
 * than imported where it is used, so that tests can stand in for either.
 */
export const defaultRepairDeps: AnalyseDeps = {
  check: (path, options) => checkLeaseFile(path, options),
  // Loaded when a restore is considered: a plain repair never needs it.
  list: async (path) => (await import('./keys.js')).listDeclarations(path),
};
