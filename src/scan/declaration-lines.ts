import type { DeclarationKind } from '../model/types.js';

/**
 * Lines that begin a top-level declaration: where the scanner resynchronises
 * after damage, where a window of the file is best cut, and where a file can
 * be cut into parts scanned apart. A heuristic place to cut, never trusted
 * for correctness: a string may hold such a line, and the scanner checks.
 */
const kindByKeyword = new Map<string, DeclarationKind>(
  Object.entries<DeclarationKind>({
    lease: 'lease',
    host: 'host',
    group: 'group',
    class: 'class',
    subclass: 'subclass',
    failover: 'failover-state',
    'ia-na': 'ia-na',
    'ia-ta': 'ia-ta',
    'ia-pd': 'ia-pd',
    'server-duid': 'server-duid',
    'authoring-byte-order': 'authoring-byte-order',
  }),
);

/** The keywords a top-level declaration starts with. */
const TOP_LEVEL_KEYWORDS: readonly string[] = [...kindByKeyword.keys()];

/**
 * The kind of declaration whose keyword starts at `at`, or null for any other word.
 * The word is what dhcpd's lexer reads as one (read_num_or_name: letters, digits,
 * `-` and `_`): `lease9` or `leaseX` is a name, not the keyword `lease`, and
 * lease_file_subparse skips it as corrupt (checked with dhcpd -T), as any junk.
 * A Map: a word such as `constructor` is no key of it (an object's prototype is).
 */
export function kindAt(text: string, at: number): DeclarationKind | null {
  const word = /^[A-Za-z0-9_-]+/.exec(text.slice(at, at + 24))?.[0] ?? '';
  return kindByKeyword.get(word) ?? null;
}

const topLevelKeyword = new RegExp(`\\n(?=(?:${TOP_LEVEL_KEYWORDS.join('|')})[\\s"])`, 'g');

/**
 * The start of the first line after `from` that begins with a top-level
 * keyword, or -1.
 */
export function declarationLineAfter(text: string, from: number): number {
  topLevelKeyword.lastIndex = Math.max(from, 0);
  const found = topLevelKeyword.exec(text);
  return found ? found.index + 1 : -1;
}

const keywordCodes = TOP_LEVEL_KEYWORDS.map((word) => [...word].map((c) => c.charCodeAt(0)));

/** Bytes that may follow a keyword: white space or a quote. */
function isSeparator(c: number | undefined): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 34;
}

function keywordAt(bytes: Uint8Array, at: number, length: number): boolean {
  // An index, not for...of: an iterator per call, in code V8 has not optimised yet, is garbage per line.
  for (let w = 0; w < keywordCodes.length; w++) {
    const word = keywordCodes[w]!;
    if (at + word.length >= length) continue;
    let i = 0;
    while (i < word.length && bytes[at + i] === word[i]) i++;
    if (i === word.length && isSeparator(bytes[at + word.length])) return true;
  }
  return false;
}

/**
 * The start of the last line of `bytes[0, length)` that begins with a
 * top-level keyword, looking back at most `within` bytes; -1 if none.
 */
export function lastDeclarationLine(bytes: Uint8Array, length: number, within: number): number {
  for (let i = length - 1; i >= 0 && i >= length - within; i--) {
    if (bytes[i] === 10 && keywordAt(bytes, i + 1, length)) return i + 1;
  }
  return -1;
}
