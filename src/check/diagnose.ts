import { leaseGrammar } from '../grammar/load.js';
import type { ScanFailure } from '../scan/index.js';

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
      message: 'blocks are nested too deeply (more than 64 levels); dhcpd never writes this',
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

/** How much of a line a frame shows before and after the byte it points at. */
const FRAME_BEFORE = 60;
const FRAME_AFTER = 100;

/**
 * A few lines of the declaration around a byte, with a caret under it.
 * `lineOfText0` is the file line of the first line in `text`. Long lines
 * (a damaged region can be megabytes without a newline) are cut around the
 * byte, with `…` where bytes are left out, so a frame stays a few lines of
 * a terminal.
 */
export function codeFrame(text: string, at: number, lineOfText0: number): string {
  const before = text.slice(0, at);
  const lineIndex = before.split('\n').length - 1;
  const allLines = text.slice(0, Math.min(text.length, at + FRAME_AFTER + 1)).split('\n');
  const first = Math.max(0, lineIndex - 2);
  const width = String(lineOfText0 + lineIndex + 1).length;
  const column = at - (before.lastIndexOf('\n') + 1);
  const out: string[] = [];
  for (let i = first; i <= Math.min(lineIndex + 1, allLines.length - 1); i++) {
    const number = String(lineOfText0 + i).padStart(width);
    const line = allLines[i] ?? '';
    const marked = i === lineIndex;
    const shown = marked ? around(line, column) : around(line, 0);
    out.push(`${marked ? '>' : ' '} ${number} | ${shown.text}`);
    if (marked) out.push(`  ${' '.repeat(width)} | ${' '.repeat(shown.caret)}^`);
  }
  return out.join('\n');
}

/** The printable part of `line` around `column`, and where the caret goes in it. */
function around(line: string, column: number): { text: string; caret: number } {
  const from = Math.max(0, column - FRAME_BEFORE);
  const to = Math.min(line.length, column + FRAME_AFTER);
  const head = (from > 0 ? '…' : '') + printable(line.slice(from, column));
  const tail = printable(line.slice(column, to)) + (to < line.length ? '…' : '');
  // Escapes widen bytes (\x00 is four characters): the caret counts what is printed.
  return { text: head + tail, caret: head.length };
}

/** Escapes control and high bytes so a frame never garbles a terminal. */
function printable(line: string): string {
  // eslint-disable-next-line no-control-regex -- matching control bytes is the point
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u00ff]/g, (ch) => {
    const c = ch.charCodeAt(0);
    return c === 13 ? '\\r' : `\\x${c.toString(16).padStart(2, '0')}`;
  });
}
