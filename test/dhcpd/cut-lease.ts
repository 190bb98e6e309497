// Test helpers: cut a lease declaration's text into the input shape of
// predictPartialLease (head, complete statements, the statement the file
// ends inside), the way the scanner describes a truncated tail.
import type {
  PartialDeclarationInput,
  StatementText,
} from '../../src/dhcpd/partial-declaration.js';
import { statementName } from '../../src/dhcpd/statement-name.js';

/** Split the text of a (possibly partial) lease declaration, `lease …` included. */
export function cutLease(text: string): PartialDeclarationInput {
  const brace = text.indexOf('{');
  if (brace < 0) return { kind: 'lease', head: text, completeStatements: [], cutInside: null };
  const head = text.slice(0, brace + 1);
  const statements: StatementText[] = [];
  let start = brace + 1;
  let depth = 0;
  let inString = false;
  let inComment = false;
  for (let i = brace + 1; i < text.length; i++) {
    const c = text[i];
    if (inComment) {
      if (c === '\n') inComment = false;
      continue;
    }
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '#') inComment = true;
    else if (c === '{') depth++;
    else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        const s = text.slice(start, i + 1);
        statements.push({ name: statementName(s), text: s });
        start = i + 1;
      }
    } else if (c === ';' && depth === 0) {
      const s = text.slice(start, i + 1);
      statements.push({ name: statementName(s), text: s });
      start = i + 1;
    }
  }
  const rest = text.slice(start);
  const meaningful = rest.replace(/#[^\n]*(\n|$)/g, ' ').trim();
  return {
    kind: 'lease',
    head,
    completeStatements: statements,
    cutInside: meaningful === '' ? null : { name: statementName(rest), text: rest },
  };
}
