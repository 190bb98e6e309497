import { describe, expect, it } from 'vitest';
import { DhcpdLexer } from '../../src/model/dhcpd-lexer.js';

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
});
