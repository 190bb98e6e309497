import { lastMatch, matchRule, skipSpaces } from './generated/lease-recogniser.js';

/**
 * Matches a whole file in one go, exactly as Ohm's `grammar.match(text,
 * 'LeaseFile')` does (the start rule, then spaces, then the end). Used by the
 * differential tests and by `fuzz`; `check` streams declarations instead.
 */
export function recogniseWholeFile(text: string): { succeeded: boolean; failure: number } {
  const end = matchRule('LeaseFile', text, 0);
  const failure = lastMatch.failure;
  if (end < 0) return { succeeded: false, failure };
  const after = skipSpaces(text, end);
  if (after === text.length) return { succeeded: true, failure: -1 };
  return { succeeded: false, failure: Math.max(failure, after) };
}
