/**
 * Where a partial declaration's last complete statement ends: the offset just
 * after its last top-level `;` (or the `}` closing a nested `on … { }` block),
 * skipping quoted strings and `#` comments. The grammar decided which
 * statements are complete; this only locates the byte where they end, and the
 * caller checks that both agree on how many there are.
 */
export function lastCompleteStatementEnd(text: string): { end: number; statements: number } | null {
  const open = text.indexOf('{');
  if (open < 0) return null;
  let depth = 1;
  let inString = false;
  let inComment = false;
  let end = -1;
  let statements = 0;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (inComment) {
      if (c === '\n') inComment = false;
    } else if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '#') inComment = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return null; // the declaration is closed: not a partial one
      if (depth === 1) {
        end = i + 1;
        statements++;
      }
    } else if (c === ';' && depth === 1) {
      end = i + 1;
      statements++;
    }
  }
  return end < 0 ? null : { end, statements };
}

/** True when dhcpd would get a usable lease from these statements: a binding state and a client identity. */
export function salvageable(completeStatements: string[]): { ok: boolean; why: string } {
  const names = completeStatements.map((s) => s.toLowerCase().trim());
  const state = names.includes('binding state');
  const identity = names.some((n) => n.startsWith('hardware') || n === 'uid');
  if (state && identity) return { ok: true, why: '' };
  const lacking = [!state && '`binding state`', !identity && 'a `hardware` address or `uid`']
    .filter(Boolean)
    .join(' and ');
  return { ok: false, why: `its complete statements lack ${lacking}` };
}
