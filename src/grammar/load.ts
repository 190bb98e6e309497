import type * as ohm from 'ohm-js';
import { ohmLibrary } from './ohm-lazy.js';
import { packageText } from '../package-root.js';

let cached: ohm.Grammar | null = null;

/**
 * The lease grammar as Ohm's interpreter sees it. Loaded lazily: the fast
 * path never needs it, only error messages and tests do.
 */
export function leaseGrammar(): ohm.Grammar {
  cached ??= ohmLibrary().grammar(packageText('grammar/dhcpd-leases.ohm'));
  return cached;
}
