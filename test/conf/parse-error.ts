import { ConfSyntaxError, parseConfText } from '../../src/conf/parse.js';

/** The syntax error parseConfText throws for `text`; fails the test when there is none. */
export function parseError(text: string, file = 'test.conf'): ConfSyntaxError {
  try {
    parseConfText(text, file);
  } catch (error) {
    if (error instanceof ConfSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a syntax error');
}
