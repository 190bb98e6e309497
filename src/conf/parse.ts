/**
 * Parses the text of one dhcpd.conf file into statements, or throws a
 * ConfSyntaxError that says where and what was expected (Ohm's interpreter
 * gives the rightmost failure position and the expected tokens).
 */
import { LeasecheckError } from '../errors.js';
import type { Statement } from './ast.js';
import { confGrammar, foldCase } from './grammar.js';
import { lineOf, sourceText, statementsOf } from './semantics.js';

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

export function parseConfText(text: string, file: string): Statement[] {
  const grammar = confGrammar();
  const source = sourceText(text);
  let match;
  try {
    match = grammar.match(foldCase(text), 'Config');
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
