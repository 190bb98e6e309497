import { DhcpdFatal, DhcpdLexer, type Token } from './conflex.js';

/**
 * The name of a lease or IA statement for people and for the dhcpd model,
 * from the first token dhcpd's lexer reads of it (server/confpars.c
 * parse_lease_declaration switches on that token): `binding state` and its
 * `next` and `rewind` forms by their keywords, a `billing` statement as
 * `billing` whatever follows it, any other statement by its first word.
 * A statement cut inside its first word is named by the part that is there.
 */
export function statementName(text: string): string {
  const lexer = new DhcpdLexer(text);
  let first: Token;
  try {
    first = lexer.next();
  } catch (e) {
    // White space too long for dhcpd's token buffer: no statement starts there.
    if (e instanceof DhcpdFatal) return '';
    throw e;
  }
  if (first.kind === 'END_OF_FILE' || first.kind === ';') return '';
  const word = text.slice(first.offset, lexer.position);
  if (word === 'next' || word === 'rewind') return `${word} binding state`;
  if (word === 'binding') return 'binding state';
  return word;
}
