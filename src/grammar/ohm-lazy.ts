import { createRequire } from 'node:module';
import type * as ohm from 'ohm-js';

/**
 * Ohm, loaded on first use. Importing ohm-js builds its own grammars and costs
 * about 100 ms, more than a whole check of a small file: the fast path (the
 * compiled recogniser) must never pay it, only error messages and tests.
 */
let loaded: typeof ohm | null = null;
let loader = (): typeof ohm => createRequire(import.meta.url)('ohm-js') as typeof ohm;

export function ohmLibrary(): typeof ohm {
  loaded ??= loader();
  return loaded;
}

/** The standalone executable bundles ohm-js and loads it through its own loader. */
export function useOhmLoader(load: () => typeof ohm): void {
  loader = load;
}
