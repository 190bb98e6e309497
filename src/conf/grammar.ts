/**
 * Loads grammar/dhcpd-conf.ohm once. The grammar is matched against the
 * configuration text with ASCII letters folded to lower case, because dhcpd
 * compares keywords case-insensitively (conflex.c intern) and the grammar's
 * terminals must stay plain (no case-insensitive terminals) for the compiler.
 */
import type * as ohm from 'ohm-js';
import { ohmLibrary } from '../grammar/ohm-lazy.js';
import { packageText } from '../package-root.js';

let cached: ohm.Grammar | undefined;

export function confGrammar(): ohm.Grammar {
  cached ??= ohmLibrary().grammar(packageText('grammar/dhcpd-conf.ohm'));
  return cached;
}

/**
 * Folds A-Z to a-z and nothing else, so every offset in the folded text is
 * the same character's offset in the original.
 */
export function foldCase(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}
