import * as leaseEngine from './lease-engine.js';

/** What a whole-file match needs of a recogniser (the JavaScript and the WebAssembly one both have it). */
export interface WholeFileRecogniser {
  matchRule(rule: 'LeaseFile', input: string, at: number): number;
  skipSpaces(input: string, at: number): number;
  readonly lastMatch: { readonly failure: number };
}

/**
 * Matches a whole file in one go, exactly as Ohm's `grammar.match(text,
 * 'LeaseFile')` does (the start rule, then spaces, then the end). Used by the
 * differential tests and by `fuzz`; `check` streams declarations instead.
 * `engine` is the recogniser the rest of leasecheck runs unless a test names
 * another.
 */
export function recogniseWholeFile(
  text: string,
  engine: WholeFileRecogniser = leaseEngine,
): { succeeded: boolean; failure: number } {
  const end = engine.matchRule('LeaseFile', text, 0);
  const failure = engine.lastMatch.failure;
  if (end < 0) return { succeeded: false, failure };
  const after = engine.skipSpaces(text, end);
  if (after === text.length) return { succeeded: true, failure: -1 };
  return { succeeded: false, failure: Math.max(failure, after) };
}
