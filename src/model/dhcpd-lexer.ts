import { dhcpdKeywords } from './dhcpd-keywords.js';

/**
 * A model of dhcpd's lexer (common/conflex.c get_raw_token and friends) over
 * a latin1 string, for predicting what dhcpd does with damaged text. It is not
 * a second grammar of the lease file: it reproduces the *tokens* dhcpd sees,
 * including its quirks at end of file (an unterminated string is still a
 * STRING; trailing whitespace is END_OF_FILE; a cut word is a different word).
 */

/** Token kinds: a keyword's token name (`STARTS`, `TOKEN_ACTIVE`…), a punctuation character, or one of these. */
export type TokenKind = 'NUMBER' | 'NUMBER_OR_NAME' | 'NAME' | 'STRING' | 'END_OF_FILE' | string;

export interface Token {
  kind: TokenKind;
  /** The token's text (for STRING: its value with escapes resolved). */
  value: string;
  /** Byte offset of its first character in the lexed text. */
  offset: number;
}

const isSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isAlpha = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isAlnum = (c: number): boolean => isDigit(c) || isAlpha(c);
const isXdigit = (c: number): boolean =>
  isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** Token kinds `is_identifier` accepts (includes/dhctoken.h): any word, keyword or not. */
export function isIdentifier(kind: TokenKind): boolean {
  return kind !== 'STRING' && kind !== 'NUMBER' && kind !== 'END_OF_FILE' && kind.length > 1;
}

/** Sizes of dhcpd's token buffer (struct parse tokbuf). */
const TOKBUF = 1500;

export class DhcpdLexer {
  private pos = 0;
  private peeked: Token | null = null;
  /** conflex's tokbuf (char codes; the value ends at the first NUL) and whether tval points at it or at the 1-char `tb`. */
  private tokbuf: number[] = [0];
  private tvalIsTokbuf = true;
  private tb = '';
  /** Parse warnings in the order dhcpd would log them (message text only). */
  readonly warnings: string[];

  constructor(
    private readonly text: string,
    warnings: string[] = [],
  ) {
    this.warnings = warnings;
  }

  next(): Token {
    if (this.peeked) {
      const t = this.peeked;
      this.peeked = null;
      return t;
    }
    return this.lex();
  }

  peek(): Token {
    this.peeked ??= this.lex();
    return this.peeked;
  }

  /** dhcpd's parse_warn: records the message. */
  warn(message: string): void {
    this.warnings.push(message);
  }

  /** What `val` holds for END_OF_FILE: dhcpd leaves tval as the last token left it (whitespace may have overwritten tokbuf). */
  private staleValue(): string {
    if (!this.tvalIsTokbuf) return this.tb;
    const nul = this.tokbuf.indexOf(0);
    return String.fromCharCode(...this.tokbuf.slice(0, nul < 0 ? this.tokbuf.length : nul));
  }

  /** Record a token's text in tokbuf, as read_string/read_number/read_num_or_name do. */
  private setTokbuf(value: string): void {
    this.tokbuf = [...value].map((ch) => ch.charCodeAt(0));
    this.tokbuf.push(0);
    this.tvalIsTokbuf = true;
  }

  private lex(): Token {
    const s = this.text;
    for (;;) {
      const start = this.pos;
      if (this.pos >= s.length)
        return { kind: 'END_OF_FILE', value: this.staleValue(), offset: start };
      const c = s.charCodeAt(this.pos++);
      if (isSpace(c)) {
        // read_whitespace copies the run into tokbuf; a run that reaches the end of the file is END_OF_FILE.
        let ofs = 0;
        this.tokbuf[ofs++] = c;
        while (this.pos < s.length && isSpace(s.charCodeAt(this.pos)))
          this.tokbuf[ofs++] = s.charCodeAt(this.pos++);
        if (this.pos >= s.length)
          return { kind: 'END_OF_FILE', value: this.staleValue(), offset: this.pos };
        this.tokbuf[ofs] = 0;
        this.tvalIsTokbuf = true;
        continue;
      }
      if (c === 0x23) {
        const nl = s.indexOf('\n', this.pos);
        this.pos = nl < 0 ? s.length : nl + 1;
        continue;
      }
      if (c === 0x22) return this.readString(start);
      if (isDigit(c) || c === 0x2d) return this.readNumber(start);
      if (isAlpha(c)) return this.readNumOrName(start);
      this.tb = String.fromCharCode(c);
      this.tvalIsTokbuf = false;
      return { kind: this.tb, value: this.tb, offset: start };
    }
  }

  private readString(start: number): Token {
    const s = this.text;
    let out = '';
    let bs = 0;
    let hex = false;
    let value = 0;
    let n = 0;
    while (n < TOKBUF) {
      if (this.pos >= s.length) {
        this.warn('eof in string constant');
        break;
      }
      const c = s.charCodeAt(this.pos++);
      if (bs === 1) {
        if (c === 0x74) out += '\t';
        else if (c === 0x72) out += '\r';
        else if (c === 0x6e) out += '\n';
        else if (c === 0x62) out += '\b';
        else if (c >= 0x30 && c <= 0x33) {
          hex = false;
          value = c - 0x30;
          bs = 2;
          continue;
        } else if (c === 0x78) {
          hex = true;
          value = 0;
          bs = 2;
          continue;
        } else out += String.fromCharCode(c);
        bs = 0;
        n++;
      } else if (bs > 1) {
        const d = hex
          ? isXdigit(c)
            ? parseInt(String.fromCharCode(c), 16)
            : -1
          : c >= 0x30 && c <= 0x37
            ? c - 0x30
            : -1;
        if (d < 0) {
          if (hex) {
            this.warn(`invalid hex digit: ${c.toString(16)}`);
            bs = 0;
            continue;
          }
          if (value !== 0) {
            this.warn(`invalid octal digit ${c.toString(16)}`);
            continue;
          }
          // An octal escape cut short by a non-digit stores a NUL in its place.
          out += '\0';
          n++;
          bs = 0;
          continue;
        }
        value = value * (hex ? 16 : 8) + d;
        if (++bs === 4) {
          out += String.fromCharCode(value & 0xff);
          n++;
          bs = 0;
        }
      } else if (c === 0x5c) bs = 1;
      else if (c === 0x22) break;
      else {
        out += String.fromCharCode(c);
        n++;
      }
    }
    if (n >= TOKBUF) {
      this.warn('string constant larger than internal buffer');
      out = out.slice(0, TOKBUF - 1);
    }
    this.setTokbuf(out);
    return { kind: 'STRING', value: out, offset: start };
  }

  private readNumber(start: number): Token {
    const s = this.text;
    let kind: 'NUMBER' | 'NUMBER_OR_NAME' | 'NAME' = 'NUMBER';
    for (;;) {
      if (this.pos >= s.length) break;
      const c = s.charCodeAt(this.pos);
      const len = this.pos - start;
      if (c >= 0x80) break;
      if (kind === 'NUMBER' && isDigit(c)) {
        this.pos++;
        continue;
      }
      if (kind !== 'NAME' && isXdigit(c)) {
        kind = 'NUMBER_OR_NAME';
        this.pos++;
        continue;
      }
      const first = s.charCodeAt(start);
      const second = s.charCodeAt(start + 1);
      if (len === 2 && isXdigit(c) && first === 0x30 && (second === 0x78 || second === 0x58)) {
        kind = 'NUMBER_OR_NAME';
        this.pos++;
        continue;
      }
      if (c === 0x2d || c === 0x5f || isAlnum(c)) {
        kind = 'NAME';
        this.pos++;
        continue;
      }
      break;
    }
    const value = s.slice(start, this.pos);
    this.setTokbuf(value);
    if (value === '-') return { kind: '-', value, offset: start };
    return { kind, value, offset: start };
  }

  private readNumOrName(start: number): Token {
    const s = this.text;
    // Only the characters after the first decide NAME: `s`, `se`, `t` are NUMBER_OR_NAME.
    let kind: 'NUMBER_OR_NAME' | 'NAME' = 'NUMBER_OR_NAME';
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c >= 0x80 || (c !== 0x2d && c !== 0x5f && !isAlnum(c))) break;
      if (!isXdigit(c)) kind = 'NAME';
      this.pos++;
    }
    const value = s.slice(start, this.pos);
    this.setTokbuf(value);
    return { kind: dhcpdKeywords.get(value.toLowerCase()) ?? kind, value, offset: start };
  }
}
