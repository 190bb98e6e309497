/**
 * Parses the text of one dhcpd.conf file into statements, or throws a
 * ConfSyntaxError that says where and what was expected.
 *
 * The compiled recogniser (src/grammar/generated/conf-recogniser.ts) reads
 * every valid file; Ohm's interpreter runs only when it fails, for the
 * message (the rightmost failure position and the expected tokens), or when
 * blocks are nested beyond the recogniser's depth limit.
 */
import { LeasecheckError } from '../errors.js';
import type { Statement } from './ast.js';
import { statementsFromEvents } from './from-events.js';
import { confGrammar, foldCase } from './grammar.js';
import { recogniseConf } from './recognise.js';
import { statementsOf } from './semantics.js';
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

const WIDE = /[\u0100-\uffff]/;

export function parseConfText(text: string, file: string): Statement[] {
  const folded = foldCase(text);
  const source = sourceText(text);
  // The recogniser reads bytes (a latin1 file); a string with wider characters is left to Ohm.
  if (!WIDE.test(text) && recogniseConf(folded).succeeded) {
    return statementsFromEvents(source, folded);
  }
  return parseWithOhm(folded, source, file);
}

/** Ohm's interpreter: the statements of a file nested too deeply for the recogniser, or the error. */
function parseWithOhm(folded: string, source: SourceText, file: string): Statement[] {
  const text = source.original;
  const grammar = confGrammar();
  let match;
  try {
    match = grammar.match(folded, 'Config');
  } catch (error) {
    if (error instanceof RangeError) {
      throw new LeasecheckError(`${file}: blocks nested too deeply to read`, 8);
    }
    throw error;
  }
  if (match.failed()) {
    const offset = match.getRightmostFailurePosition();
    const line = lineOf(source, offset);
    const lineStart = source.lineStarts[line - 1]!;
    const lineEnd = text.indexOf('\n', lineStart);
    const lineText = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
    const column = offset - lineStart + 1;
    const caret = `${lineText.slice(0, column - 1).replace(/[^\t]/g, ' ')}^`;
    throw new ConfSyntaxError(
      file,
      line,
      column,
      match.getExpectedText(),
      `  ${lineText}\n  ${caret}`,
    );
  }
  try {
    return statementsOf(grammar, match, source);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new LeasecheckError(`${file}: blocks nested too deeply to read`, 8);
    }
    throw error;
  }
}
