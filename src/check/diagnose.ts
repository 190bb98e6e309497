import { leaseGrammar } from '../grammar/load.js';
import { MAX_HELD_DECLARATION, type ScanFailure } from '../scan/index.js';
import { DHCPD_CRASH_NESTING, nestingDepth } from './nesting.js';

/**
 * Human diagnostics for a damaged declaration, from Ohm's interpreter run on
 * that declaration alone (the fast recogniser knows where, Ohm knows what it
 * expected). Ohm memoises every rule at every position, so it only ever sees
 * one bounded region.
 */

const ORACLE_LIMIT = 16 * 1024;

/** The parts of Ohm's MatchResult that its type declarations leave out. */
interface OhmFailure {
  succeeded(): boolean;
  getRightmostFailurePosition(): number;
  getRightmostFailures(): Array<{ isFluffy(): boolean; getText(): string; getType(): string }>;
}

export interface Diagnosis {
  expected: string[];
  message: string;
}

export function diagnose(failure: ScanFailure): Diagnosis {
  const relative = failure.failureOffset - failure.offset;
  if (failure.tooDeep) {
    return {
      expected: [],
      message: `blocks nested ${nestingDepth(failure.text)}${failure.text.length >= failure.length ? '' : ' or more'} levels deep: dhcpd recurses once a level and crashes (stack overflow) beyond about ${DHCPD_CRASH_NESTING.toLocaleString('en')} levels`,
    };
  }
  if (failure.tooLong) {
    return {
      expected: [],
      message: `a declaration of ${failure.length.toLocaleString('en')} bytes, more than the ${MAX_HELD_DECLARATION / (1024 * 1024)} MiB leasecheck matches whole (dhcpd writes a few hundred): not checked further; dhcpd cuts any token longer than 1,499 bytes and reads the rest as further tokens`,
    };
  }
  if (relative >= failure.text.length && failure.text.length < failure.length) {
    // The scan keeps only the start of a long damaged declaration (ScanFailure.text):
    // the byte is not at hand, and it is not the end of the file.
    return {
      expected: [],
      message: `unexpected input at byte ${relative.toLocaleString('en')}`,
    };
  }
  const found = describeByte(failure.text, relative);
  if (relative > ORACLE_LIMIT) {
    return { expected: [], message: `unexpected ${found}` };
  }
  const region = failure.text.slice(0, Math.min(failure.text.length, relative + 256));
  const match = leaseGrammar().match(region, 'Declaration') as unknown as OhmFailure;
  if (match.succeeded() || match.getRightmostFailurePosition() !== relative) {
    return { expected: [], message: `unexpected ${found}` };
  }
  const expected = [
    ...new Set(
      match
        .getRightmostFailures()
        .filter((f) => !f.isFluffy())
        // Terminals are shown quoted ("state"), descriptions as written (a date).
        .map((f) => (f.getType() === 'string' ? `"${f.getText()}"` : f.getText())),
    ),
  ];
  const list = expected.length > 0 ? `expected ${joinOr(expected)}` : 'unexpected input';
  return { expected, message: `${list}, found ${found}` };
}

function joinOr(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function describeByte(text: string, at: number): string {
  if (at >= text.length) return 'end of file';
  const c = text.charCodeAt(at);
  if (c === 10) return 'end of line';
  if (c === 0) return 'a NUL byte';
  if (c < 32 || c === 127) return `control byte 0x${c.toString(16).padStart(2, '0')}`;
  if (c >= 128) return `byte 0x${c.toString(16)}`;
  const word = /^[^\s;{}]+/.exec(text.slice(at, at + 40))?.[0] ?? text[at]!;
  return `"${word}"`;
}
