import { lastMatch, matchRule, skipSpaces } from '../grammar/generated/conf-recogniser.js';

/**
 * Matches a whole dhcpd.conf (already case-folded) with the compiled
 * recogniser, exactly as Ohm's `grammar.match(folded, 'Config')` would. On
 * success the recogniser's events describe the file until the next match:
 * read them at once (src/conf/from-events.ts).
 */
export interface ConfRecognition {
  succeeded: boolean;
  /** Ohm's rightmost failure position; meaningless when `tooDeep`. */
  failure: number;
  /** Blocks nested beyond the recogniser's depth limit: it could not decide. */
  tooDeep: boolean;
}

export function recogniseConf(folded: string): ConfRecognition {
  const end = matchRule('Config', folded, 0);
  const tooDeep = lastMatch.tooDeep;
  return { succeeded: end >= 0 && !tooDeep, failure: lastMatch.failure, tooDeep };
}

/**
 * Where the top-level statement that fails starts: the statements before it
 * are matched one by one. Only called after recogniseConf failed.
 */
export function failingStatementStart(folded: string): number {
  let at = skipSpaces(folded, 0);
  for (;;) {
    const end = matchRule('Statement', folded, at);
    if (end < 0 || end === at) return at;
    at = skipSpaces(folded, end);
  }
}
