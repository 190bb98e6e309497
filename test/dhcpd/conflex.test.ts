import { describe, expect, it } from 'vitest';
import { DhcpdFatal, DhcpdLexer } from '../../src/dhcpd/conflex.js';

function kinds(text: string): string[] {
  const lx = new DhcpdLexer(text);
  const out: string[] = [];
  for (;;) {
    const t = lx.next();
    out.push(
      t.kind === 'NAME' || t.kind === 'NUMBER' || t.kind === 'NUMBER_OR_NAME'
        ? `${t.kind}:${t.value}`
        : t.kind,
    );
    if (t.kind === 'END_OF_FILE') return out;
  }
}

describe("dhcpd's tokens (conflex.c), as the model sees them", () => {
  it('turns keywords into their tokens, case-insensitively', () => {
    expect(kinds('Binding STATE active;')).toEqual([
      'BINDING',
      'STATE',
      'TOKEN_ACTIVE',
      ';',
      'END_OF_FILE',
    ]);
  });

  it('makes a word cut short a different word', () => {
    expect(kinds('bindi')).toEqual(['NAME:bindi', 'END_OF_FILE']);
  });

  it('judges NAME by the characters after the first (so `s`, `se`, `t` are NUMBER_OR_NAME)', () => {
    expect(kinds('s se t sx fe')).toEqual([
      'NUMBER_OR_NAME:s',
      'NUMBER_OR_NAME:se',
      'NUMBER_OR_NAME:t',
      'NAME:sx',
      'NUMBER_OR_NAME:fe',
      'END_OF_FILE',
    ]);
  });

  it('reads numbers, hex and dates', () => {
    expect(kinds('2026/11/28 5e:0c')).toEqual([
      'NUMBER:2026',
      '/',
      'NUMBER:11',
      '/',
      'NUMBER:28',
      'NUMBER_OR_NAME:5e',
      ':',
      'NUMBER_OR_NAME:0c',
      'END_OF_FILE',
    ]);
  });

  it('resolves octal escapes in strings and returns an unterminated string at end of file, with a warning', () => {
    const lx = new DhcpdLexer('"a\\001\\376b" "cut\\00');
    expect(lx.next().value).toBe('a\x01\xfeb');
    expect(lx.next()).toMatchObject({ kind: 'STRING', value: 'cut' });
    expect(lx.warnings).toEqual(['eof in string constant']);
  });

  it('treats whitespace that runs to the end of the file, and comments, as nothing', () => {
    expect(kinds('  ; # comment\n  \n  ')).toEqual([';', 'END_OF_FILE']);
  });

  it("leaves END_OF_FILE's value as the last token left dhcpd's buffer (its warnings quote it)", () => {
    const lx = new DhcpdLexer('set ');
    lx.next();
    expect(lx.next()).toMatchObject({ kind: 'END_OF_FILE', value: ' et' });
  });

  it('fills tokbuf slot by slot: an invalid octal digit skips a slot and the escape goes on to the next octal digit', () => {
    // `\108`: \10 is 8 so far, `8` is no octal digit (warned, a slot left stale), then `\` too, then `0`: 8*8+0 = `@`.
    const lx = new DhcpdLexer('"\\001\\108\\001x"', [], { wholeFile: true });
    expect(lx.next().value).toBe('\x01\0\0@01x');
    expect(lx.warnings).toEqual(['invalid octal digit 38', 'invalid octal digit 5c']);
  });

  it('reads `\\0` before a non-octal character as: drop that character, read the next as an escape', () => {
    expect(new DhcpdLexer('"a\\09nb"').next().value).toBe('a\nb');
  });

  it('shows a slot an earlier token filled, before the text lexed, as unknown', () => {
    // `8` and `\\` are no octal digits (two stale slots), then `0`, `0` finish the escape: 1*8*8 = `@`.
    expect(new DhcpdLexer('"\\18\\001"').next().value).toBe('\uFFFD\uFFFD@1');
  });

  it('holds 1,499 bytes of a string; at 1,500 the closing quote opens a new string', () => {
    const fits = new DhcpdLexer(`"${'a'.repeat(1499)}";`);
    expect(fits.next().value).toHaveLength(1499);
    expect(fits.next().kind).toBe(';');
    const long = new DhcpdLexer(`"${'a'.repeat(1500)}";`);
    expect(long.next().value).toHaveLength(1499);
    expect(long.next()).toMatchObject({ kind: 'STRING', value: ';' });
    expect(long.warnings).toEqual([
      'string constant larger than internal buffer',
      'eof in string constant',
    ]);
  });

  it('keeps 1,499 characters of a longer word, drops the 1,500th and reads on', () => {
    const lx = new DhcpdLexer(`${'a'.repeat(1500)}bc;`);
    expect(lx.next().value).toHaveLength(1499);
    expect(lx.next()).toMatchObject({ kind: 'NUMBER_OR_NAME', value: 'bc' });
    expect(lx.warnings).toEqual(['token larger than internal buffer']);
  });

  it('exits on 1,500 white space characters in a row, not on 1,499', () => {
    const lx = new DhcpdLexer(`a${' '.repeat(1500)}b`);
    lx.next();
    expect(() => lx.next()).toThrow(DhcpdFatal);
    const ok = new DhcpdLexer(`a${' '.repeat(1499)}b`);
    ok.next();
    expect(ok.next().value).toBe('b');
  });
});
