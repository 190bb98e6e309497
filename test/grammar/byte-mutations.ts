import fc from 'fast-check';
import { corruptedLeasesFile, leasesFile, truncatedLeasesFile } from '../../src/arbitraries/index.js';
import { readFixture } from '../helpers.js';

/**
 * Up to four byte edits (replace, insert, delete) of one of `texts`: the
 * damage a real lease file takes, biased towards the grammar's punctuation.
 * The engine tests run each engine on the result and compare.
 */
export function mutatedText(texts: readonly string[]): fc.Arbitrary<string> {
  const mutation = fc.record({
    file: fc.integer({ min: 0, max: texts.length - 1 }),
    edits: fc.array(
      fc.record({
        at: fc.nat(),
        kind: fc.constantFrom('replace', 'insert', 'delete'),
        byte: fc.oneof(
          fc.integer({ min: 0, max: 255 }),
          fc.constantFrom(...'{};" \n#:./'.split('').map((c) => c.charCodeAt(0))),
        ),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  });
  return mutation.map(({ file, edits }) => {
    let text = texts[file]!;
    for (const edit of edits) {
      const at = edit.at % (text.length + 1);
      const ch = String.fromCharCode(edit.byte);
      if (edit.kind === 'replace') text = text.slice(0, at) + ch + text.slice(at + 1);
      else if (edit.kind === 'insert') text = text.slice(0, at) + ch + text.slice(at);
      else text = text.slice(0, at) + text.slice(at + 1);
    }
    return text;
  });
}

/**
 * Lease files of every kind a scan meets: generated whole, cut, damaged,
 * and fixtures (real dhcpd files) with bytes mutated.
 */
export function anyLeaseFileText(): fc.Arbitrary<string> {
  const fixtures = ['srv.leases', 'fo-secondary.leases'].map(readFixture);
  return fc.oneof(
    leasesFile(),
    truncatedLeasesFile().map((t) => t.text),
    corruptedLeasesFile().map((c) => c.text),
    mutatedText(fixtures),
  );
}
