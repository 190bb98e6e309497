/**
 * Excerpts of damaged input for messages: a few lines with a caret, cut
 * around the byte they point at and with control and high bytes escaped, so
 * that a message stays a few lines of a terminal and never garbles it,
 * whatever the input holds (a damaged region can be megabytes of binary
 * without a newline).
 */

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
/** The 1-based line and column of offset `at` in `text`, whose first line is line `firstLine` of the file. */
export function placeInText(
  text: string,
  at: number,
  firstLine: number,
): { line: number; column: number } {
  const before = text.slice(0, at);
  return {
    line: firstLine + (before.match(/\n/g)?.length ?? 0),
    column: at - (before.lastIndexOf('\n') + 1) + 1,
  };
}

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
    const shown = marked ? lineExcerpt(line, column) : lineExcerpt(line, 0);
    out.push(`${marked ? '>' : ' '} ${number} | ${shown.text}`);
    if (marked) out.push(`  ${' '.repeat(width)} | ${shown.pad}^`);
  }
  return out.join('\n');
}

/**
 * The printable part of `line` around `column`, and what to print before a
 * caret under it: spaces, and tabs where the excerpt has tabs, so that the
 * caret lines up however wide the terminal's tabs are.
 */
export function lineExcerpt(line: string, column: number): { text: string; pad: string } {
  const from = Math.max(0, column - FRAME_BEFORE);
  const to = Math.min(line.length, column + FRAME_AFTER);
  const head = (from > 0 ? '…' : '') + printable(line.slice(from, column));
  const tail = printable(line.slice(column, to)) + (to < line.length ? '…' : '');
  // Escapes widen bytes (\x00 is four characters): the caret counts what is printed.
  return { text: head + tail, pad: head.replace(/[^\t]/g, ' ') };
}

/** Escapes control and high bytes so a frame never garbles a terminal. */
function printable(line: string): string {
  // eslint-disable-next-line no-control-regex -- matching control bytes is the point
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u00ff]/g, (ch) => {
    const c = ch.charCodeAt(0);
    return c === 13 ? '\\r' : `\\x${c.toString(16).padStart(2, '0')}`;
  });
}
