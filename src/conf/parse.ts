/**
 * Parses the text of one dhcpd.conf file into statements, or throws a
 * ConfSyntaxError that says where and what was expected.
 *
 * The compiled recogniser (src/grammar/generated/conf-recogniser.ts) reads
 * every valid file, and src/conf/from-events.ts builds its statements; Ohm's
 * interpreter runs only when it fails, for the message (the rightmost
 * failure position and the expected tokens). Two inputs it cannot read are
 * refused with a message of their own: characters beyond latin1 (a file is
 * read as bytes, so only a string handed to this function can hold them) and
 * blocks nested beyond the recogniser's depth limit.
 */
import { LeasecheckError } from '../errors.js';
import type { Statement } from './ast.js';
import { statementsFromEvents } from './from-events.js';
import { confGrammar, foldCase } from './grammar.js';
import { failingStatementStart, recogniseConf } from './recognise.js';
import { lineExcerpt } from '../model/code-frame.js';
import { lineOf, sourceText, type SourceText } from './source.js';

/** A configuration dhcpd could not read either: exit 8, like any unreadable input. */
export class ConfSyntaxError extends LeasecheckError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly expected: string,
    readonly excerpt: string,
  ) {
    super(`${file}:${line}:${column}: syntax error: expected ${expected}\n${excerpt}`, 8);
    this.name = 'ConfSyntaxError';
  }
}

const WIDE = /[\u0100-\uffff]/g;

/**
 * Ohm memoises every rule at every position and reads a few dozen KB a
 * second: it is given a whole file only up to this size, or else the
 * failing statement alone, and none of it when that is longer still.
 */
const OHM_WHOLE_LIMIT = 64 * 1024;
const OHM_STATEMENT_LIMIT = 256 * 1024;
/** How far past the failure Ohm sees. */
const FAILURE_MARGIN = 256;

export function parseConfText(text: string, file: string): Statement[] {
  const folded = foldCase(text);
  const source = sourceText(text);
  // The recogniser reads bytes (a latin1 file): a string with wider characters is refused.
  WIDE.lastIndex = 0;
  const wide = WIDE.exec(text);
  if (wide) {
    const code = wide[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new LeasecheckError(
      `${file}:${lineOf(source, wide.index)}: character U+${code} is not a byte: a dhcpd.conf is read as bytes (latin1)`,
      8,
    );
  }
  const recognised = recogniseConf(folded);
  if (recognised.succeeded) return statementsFromEvents(source, folded);
  if (recognised.tooDeep) {
    throw new LeasecheckError(`${file}: blocks nested too deeply to read`, 8);
  }
  throw errorAt(source, file, recognised.failure, expectedAt(folded, recognised.failure));
}

/**
 * What Ohm's interpreter expected at \`failure\`, the rightmost failure
 * position the recogniser found (the same as Ohm's). Ohm is trusted only
 * where it fails at that very position: it sees the text up to a little
 * past the failure, which might otherwise change its answer.
 */
function expectedAt(folded: string, failure: number): string {
  const end = Math.min(folded.length, failure + FAILURE_MARGIN);
  if (failure <= OHM_WHOLE_LIMIT) {
    const match = confGrammar().match(folded.slice(0, end), 'Config');
    if (match.failed() && match.getRightmostFailurePosition() === failure) {
      return match.getExpectedText();
    }
  }
  const start = failingStatementStart(folded);
  if (failure - start <= OHM_STATEMENT_LIMIT) {
    const match = confGrammar().match(folded.slice(start, end), 'Statement');
    if (match.failed() && start + match.getRightmostFailurePosition() === failure) {
      // At the statement's first byte the whole file could also have ended.
      const expected = match.getExpectedText();
      return failure === start ? `end of input or ${expected}` : expected;
    }
  }
  return 'a parameter or declaration dhcpd accepts';
}

function errorAt(
  source: SourceText,
  file: string,
  offset: number,
  expected: string,
): ConfSyntaxError {
  const text = source.original;
  const line = lineOf(source, offset);
  const lineStart = source.lineStarts[line - 1]!;
  const lineEnd = text.indexOf('\n', lineStart);
  const lineText = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
  const column = offset - lineStart + 1;
  const shown = lineExcerpt(lineText, column - 1);
  return new ConfSyntaxError(file, line, column, expected, `  ${shown.text}\n  ${shown.pad}^`);
}
