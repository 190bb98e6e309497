import { describe, expect, it } from 'vitest';
import type { Declaration } from '../../src/model/types.js';
import { MAX_HELD_DECLARATION, scanLeaseBytes, type ScanFailure } from '../../src/scan/index.js';
import { DeclarationExtent } from '../../src/scan/declaration-extent.js';

/**
 * A declaration longer than MAX_HELD_DECLARATION is not held whole (memory
 * would follow the largest item, not the chunk): the scanner finds where it
 * ends by its punctuation and reports it as a failure. What the report says
 * must not depend on that: a run-on string or comment at the end of the file
 * is the same truncated tail, at the same place, as a short one; a closed one
 * ends at its `}` and the declaration after it is read as usual.
 */

const head =
  'authoring-byte-order little-endian;\n\nlease 10.0.0.1 {\n  binding state active;\n}\n';
// The window doubles up to the limit, so twice it is sure to go past it.
const big = 2 * MAX_HELD_DECLARATION + 1024 * 1024;

function scan(text: string): { declarations: Declaration[]; failures: ScanFailure[] } {
  const declarations: Declaration[] = [];
  const failures: ScanFailure[] = [];
  scanLeaseBytes(Buffer.from(text, 'latin1'), {
    onDeclaration: (d) => declarations.push(d),
    onFailure: (f) => failures.push(f),
  });
  return { declarations, failures };
}

/** The failure's place, without what depends on the length. */
function place(f: ScanFailure) {
  return {
    offset: f.offset,
    line: f.line,
    column: f.column,
    atEndOfFile: f.atEndOfFile,
    kind: f.kind,
  };
}

describe('a declaration longer than the scanner holds', () => {
  for (const [name, opening] of [
    ['an unterminated string', '  client-hostname "'],
    ['a comment', '  # '],
  ] as const) {
    it(`${name} at the end of the file: the same truncated tail as a short one`, () => {
      const short = scan(`${head}lease 10.0.0.2 {\n${opening}${'A'.repeat(1000)}`).failures;
      const long = scan(`${head}lease 10.0.0.2 {\n${opening}${'A'.repeat(big)}`).failures;
      expect(short).toHaveLength(1);
      expect(long).toHaveLength(1);
      expect(short[0]!.tooLong).toBeUndefined();
      expect(long[0]!.tooLong).toBe(true);
      expect(place(long[0]!)).toEqual(place(short[0]!));
      expect(long[0]!.atEndOfFile).toBe(true);
      // Where the recogniser fails: the opening quote stays, a comment's end moves to the file's end.
      const shortAt = short[0]!.failureOffset - short[0]!.offset;
      const longAt = long[0]!.failureOffset - long[0]!.offset;
      expect(longAt - shortAt).toBe(opening.includes('"') ? 0 : big - 1000);
      expect(long[0]!.failureLine).toBe(short[0]!.failureLine);
      expect(long[0]!.length).toBe(short[0]!.length + big - 1000);
      expect(long[0]!.text.length).toBeLessThanOrEqual(64 * 1024);
    });
  }

  it('closed: one failure up to its `}`, and the next declaration is read as usual', () => {
    const tooLong = `lease 10.0.0.2 {\n  client-hostname "${'A'.repeat(big)};}\\"#";\n  # "{ \n}\n`;
    const { declarations, failures } = scan(
      `${head}${tooLong}lease 10.0.0.3 {\n  binding state free;\n}\n`,
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]!.tooLong).toBe(true);
    expect(failures[0]!.atEndOfFile).toBe(false);
    expect(failures[0]!.offset).toBe(head.length);
    expect(failures[0]!.length).toBe(tooLong.length - 1);
    expect(declarations.map((d) => d.key)).toEqual([null, '10.0.0.1', '10.0.0.3']);
    expect(declarations[2]!.line).toBe(10);
  });
});

describe('DeclarationExtent', () => {
  const end = (text: string, step = text.length): number => {
    const extent = new DeclarationExtent();
    const codes = Buffer.from(text, 'latin1');
    for (let at = 0; at < codes.length; at += step) {
      const found = extent.advance(codes, at, Math.min(codes.length, at + step));
      if (found >= 0) return found;
    }
    return -1;
  };

  it('ends at the `}` closing the outer block, or at `;` outside any block', () => {
    expect(end('lease 1 { a { b; } c; } x')).toBe(23);
    expect(end('server-duid "a;}";x')).toBe(18);
  });

  it('skips strings with escaped quotes and comments, whatever the chunks', () => {
    const text = 'lease 1 { x "a\\"};" # } ;\n } y';
    for (let step = 1; step <= text.length; step++) expect(end(text, step)).toBe(28);
  });

  it('does not end inside an open string, comment or block', () => {
    expect(end('lease 1 { x "}}}')).toBe(-1);
    expect(end('lease 1 { # }')).toBe(-1);
    expect(end('lease 1 { a { b; }')).toBe(-1);
  });
});
