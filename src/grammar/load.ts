import { readFileSync } from 'node:fs';
import type * as ohm from 'ohm-js';
import { ohmLibrary } from './ohm-lazy.js';
import { packageFile } from '../package-root.js';

/** Where the lease grammar lives in the package. */
export const leaseGrammarPath = packageFile('grammar/dhcpd-leases.ohm');

let cached: ohm.Grammar | null = null;

/**
 * The lease grammar as Ohm's interpreter sees it. Loaded lazily: the fast
 * path never needs it, only error messages and tests do.
 */
export function leaseGrammar(): ohm.Grammar {
  cached ??= ohmLibrary().grammar(readFileSync(leaseGrammarPath, 'utf8'));
  return cached;
}
