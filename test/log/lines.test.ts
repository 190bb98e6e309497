import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, MAX_LINE } from '../../src/log/lines.js';
import { propertyParameters } from '../helpers.js';

/** Splits `text` into pieces at `cuts` and runs them through a LineSplitter. */
function splitInPieces(text: string, cuts: number[]): string[] {
  const splitter = new LineSplitter();
  const lines: string[] = [];
  let at = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)) {
    lines.push(...splitter.push(text.slice(at, cut)));
    at = cut;
  }
  lines.push(...splitter.push(text.slice(at)));
  lines.push(splitter.end());
  return lines;
}

describe('splitting a log into lines as it arrives', () => {
  it('gives the lines of the whole text, however it is cut into pieces', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom('a', 'b', '\n', ' ', 'é'), { maxLength: 300 })
          .map((c) => c.join('')),
        fc.array(fc.nat(), { maxLength: 20 }),
        (text, cuts) => {
          expect(splitInPieces(text, cuts)).toEqual(text.split('\n'));
        },
      ),
      propertyParameters(200),
    );
  });

  it('keeps the first 64 KiB of a line of megabytes and loses no line after it', () => {
    const long = 'x'.repeat(5 * MAX_LINE + 17);
    const text = `first\n${long}\nsecond\nthird`;
    const cuts = Array.from({ length: 200 }, (_, i) => i * 1637);
    expect(splitInPieces(text, cuts)).toEqual([
      'first',
      long.slice(0, MAX_LINE),
      'second',
      'third',
    ]);
  });
});
