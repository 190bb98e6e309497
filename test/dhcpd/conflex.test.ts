import { describe, expect, it } from 'vitest';
import {
  DhcpdFatal,
  DhcpdLexer,
  TOKBUF,
  UNKNOWN_BYTE,
  isIdentifier,
  lastTokenEnd,
} from '../../src/dhcpd/conflex.js';

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
    // After a one-character token dhcpd's tval points at that character's own buffer.
    const punct = new DhcpdLexer('abc;');
    punct.next();
    punct.next();
    expect(punct.next()).toMatchObject({ kind: 'END_OF_FILE', value: ';' });
    const word = new DhcpdLexer('abc');
    word.next();
    expect(word.next()).toMatchObject({ kind: 'END_OF_FILE', value: 'abc' });
    const string = new DhcpdLexer(';"ab"');
    string.next();
    string.next();
    expect(string.next()).toMatchObject({ kind: 'END_OF_FILE', value: 'ab' });
    // White space before a comment is copied into tokbuf too (read_whitespace), and tval points there.
    const spaced = new DhcpdLexer('abc; # c');
    spaced.next();
    spaced.next();
    expect(spaced.next()).toMatchObject({ kind: 'END_OF_FILE', value: ' ' });
    // Before any token: the buffer as dhcpd left it before the text, unknown; empty in a whole
    // file (dhcpd's buffer starts zeroed).
    expect(new DhcpdLexer('# a comment').next().value).toBe(UNKNOWN_BYTE.repeat(TOKBUF));
    expect(new DhcpdLexer('# a comment', [], { wholeFile: true }).next().value).toBe('');
    // A long token's tail stays behind shorter ones: the white space that ends the file
    // overwrites three slots, and END_OF_FILE's value runs on to the string's terminating 0.
    for (const wholeFile of [false, true]) {
      const long = new DhcpdLexer(`"${'a'.repeat(100)}" x   `, [], { wholeFile });
      long.next();
      long.next();
      expect(long.next()).toMatchObject({ kind: 'END_OF_FILE', value: `   ${'a'.repeat(97)}` });
    }
    // White space to the end of the file over all but two slots: the two are unknown, or
    // in a whole file the zeroed buffer's end.
    const spaces = ' '.repeat(TOKBUF - 2);
    for (const [wholeFile, after] of [
      [false, UNKNOWN_BYTE.repeat(2)],
      [true, ''],
    ] as const) {
      const run = new DhcpdLexer(`x${spaces}`, [], { wholeFile });
      run.next();
      expect(run.next()).toMatchObject({ kind: 'END_OF_FILE', value: `${spaces}${after}` });
    }
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
    // Also when the word ends the text: the buffer is full before the end is seen.
    const atEnd = new DhcpdLexer('a'.repeat(1500));
    expect(atEnd.next().value).toHaveLength(1499);
    expect(atEnd.warnings).toEqual(['token larger than internal buffer']);
    const fits = new DhcpdLexer('a'.repeat(1499));
    expect(fits.next().value).toHaveLength(1499);
    expect(fits.warnings).toEqual([]);
  });

  it('exits on 1,500 white space characters in a row, not on 1,499', () => {
    const lx = new DhcpdLexer(`a${' '.repeat(1500)}b`);
    lx.next();
    expect(() => lx.next()).toThrow(DhcpdFatal);
    expect(lx.located).toEqual([{ message: 'whitespace too long, buffer overflow.', offset: 0 }]);
    expect(() => new DhcpdLexer(' '.repeat(1500)).next()).toThrow(
      /^a run of 1500 or more white space characters overflows its token buffer: dhcpd logs "whitespace too long, buffer overflow." and exits$/,
    );
    const ok = new DhcpdLexer(`a${' '.repeat(1499)}b`);
    ok.next();
    expect(ok.next().value).toBe('b');
  });

  it('reads `\\x` escapes of two hex digits of either case, and warns of a bad digit, which it drops', () => {
    expect(new DhcpdLexer('"\\x41\\x4a\\xfF"').next().value).toBe('AJ\xff');
    const lx = new DhcpdLexer('"\\x7g"', [], { wholeFile: true });
    // `g` is no hex digit: warned, dropped, and its slot skipped (left as the buffer held it: 0).
    expect(lx.next().value).toBe('\0');
    expect(lx.warnings).toEqual(['invalid hex digit: 67']);
  });

  it('lists each `\\0` that a non-octal byte follows, naming that byte (octal when not printable)', () => {
    expect(new DhcpdLexer('"a\\001b" "\\x41"').silent).toEqual([]);
    const silent = (text: string) => {
      const lx = new DhcpdLexer(text);
      lx.next();
      return lx.silent.map((w) => `${w.offset} ${w.message}`);
    };
    expect(silent(' "a\\09nb"')).toEqual(['1 "\\0" followed by "9"']);
    expect(silent('"\\00\x01nx"')).toEqual(['0 "\\00" followed by "\\001"']);
    expect(silent('"\\0~nx"')).toEqual(['0 "\\0" followed by "~"']);
    expect(silent('"\\0\x7fnx"')).toEqual(['0 "\\0" followed by "\\177"']);
    expect(silent('"\\0 nx"')).toEqual(['0 "\\0" followed by " "']);
    expect(silent('"\\0\x1fnx"')).toEqual(['0 "\\0" followed by "\\037"']);
  });

  it('reads `0x` and `0X` numbers as NUMBER_OR_NAME, other letters after a digit as NAME, and a lone `-` as `-`', () => {
    expect(kinds('0x1f 0X0A 0x 0xg 0xg1 1x1 0y1 12ab 1-2 1_2 - -1 a-b_c')).toEqual([
      'NUMBER_OR_NAME:0x1f',
      'NUMBER_OR_NAME:0X0A',
      'NAME:0x',
      'NAME:0xg',
      // Only the third character can make `0x…` NUMBER_OR_NAME again.
      'NAME:0xg1',
      'NAME:1x1',
      'NAME:0y1',
      'NUMBER_OR_NAME:12ab',
      'NAME:1-2',
      'NAME:1_2',
      '-',
      'NUMBER:-1',
      'NAME:a-b_c',
      'END_OF_FILE',
    ]);
  });

  it('ends a word or number at a byte of 0x80 or more, which is a token of its own', () => {
    expect(kinds('ab\x80 12\xff')).toEqual([
      'NUMBER_OR_NAME:ab',
      '\x80',
      'NUMBER:12',
      '\xff',
      'END_OF_FILE',
    ]);
  });

  it('keeps 1,499 digits of a longer number and warns of it', () => {
    const lx = new DhcpdLexer(`${'1'.repeat(1500)}2;`);
    expect(lx.next()).toMatchObject({ kind: 'NUMBER', value: '1'.repeat(1499) });
    expect(lx.next()).toMatchObject({ kind: 'NUMBER', value: '2' });
    expect(lx.warnings).toEqual(['numeric token larger than internal buffer']);
  });

  it('takes control bytes other than tab, newline, vertical tab, form feed and return as tokens, not white space', () => {
    expect(kinds('a\t\n\v\f\rb\x08c\x0ed\x1fe')).toEqual([
      'NUMBER_OR_NAME:a',
      'NUMBER_OR_NAME:b',
      '\x08',
      'NUMBER_OR_NAME:c',
      '\x0e',
      'NUMBER_OR_NAME:d',
      '\x1f',
      'NUMBER_OR_NAME:e',
      'END_OF_FILE',
    ]);
  });

  it('calls any word an identifier, keyword or not, and no string, number, end of file or punctuation', () => {
    expect(['NAME', 'NUMBER_OR_NAME', 'LEASE', 'TOKEN_ACTIVE'].map(isIdentifier)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['STRING', 'NUMBER', 'END_OF_FILE', ';', '{', '-'].map(isIdentifier)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('ends the last token before trailing white space and comments, and a `#` in a string is the string', () => {
    expect(lastTokenEnd('lease 1 { } # x\n  ')).toBe(11);
    expect(lastTokenEnd('"a # b"  # c')).toBe(7);
    expect(lastTokenEnd('  # only\n')).toBe(0);
    expect(lastTokenEnd(`a${' '.repeat(1500)}b`)).toBe(1);
  });
});
