import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countNewlines, LineCounter } from '../../src/scan/lines.js';
import { lineOfOffset, linesFrom } from '../../src/scan/line-of-offset.js';
import { propertyParameters, tempDir, write } from '../helpers.js';

/** The line of an offset, counted the obvious way. */
function naiveLine(text: string, start: number, offset: number): number {
  let line = 1;
  for (let i = start; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const textArb = fc
  .array(fc.constantFrom('a', 'b', ' ', '\n', '\r', '\xff'), { maxLength: 400 })
  .map((chars) => chars.join(''));

describe('line counting', () => {
  it('gives the line of increasing offsets, with windows held or the file read again', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.nat(),
        (text, picks, windowPick) => {
          const bytes = Buffer.from(text, 'latin1');
          const windowBase = text.length === 0 ? 0 : windowPick % (text.length + 1);
          const codes = Uint16Array.from(bytes.subarray(windowBase));
          const counter = new LineCounter(0, (at, length) => bytes.subarray(at, at + length));
          const offsets = picks.map((p) => p % (text.length + 1)).sort((a, b) => a - b);
          for (const offset of offsets) {
            const line =
              offset >= windowBase
                ? counter.lineAt(offset, codes, windowBase)
                : counter.lineInFile(offset);
            expect(line).toBe(naiveLine(text, 0, offset));
            // lineStart: the first byte of that line.
            expect(counter.lineStart).toBe(
              offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1,
            );
          }
        },
      ),
      propertyParameters(300),
    );
  });

  it('counts a file (by path or descriptor) from line 1 at the start given', () => {
    const dir = tempDir('scan-lines');
    const text = 'one\ntwo\n\nfour\xff\nfive';
    const path = write(dir, 'f', text);
    for (let offset = 0; offset <= text.length; offset++) {
      expect(lineOfOffset(path, offset)).toBe(naiveLine(text, 0, offset));
    }
    const from4 = linesFrom(path, 4);
    expect([4, 8, 9, 15, text.length].map(from4)).toEqual(
      [4, 8, 9, 15, text.length].map((o) => naiveLine(text, 4, o)),
    );
  });
});

describe('countNewlines', () => {
  it('counts the newlines of any slice of a buffer, whatever its alignment', () => {
    fc.assert(
      fc.property(textArb, fc.nat(), fc.nat(), (text, from, to) => {
        const bytes = Buffer.from(text, 'latin1');
        const start = from % (bytes.length + 1);
        const end = start + (to % (bytes.length - start + 1));
        const slice = bytes.subarray(start, end);
        expect(countNewlines(slice)).toBe(naiveLine(text.slice(start, end), 0, end - start) - 1);
      }),
      propertyParameters(500),
    );
  });
});
