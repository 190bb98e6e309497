import { dhcpdKeywords } from './conflex-keywords.js';

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

/** Size of dhcpd's token buffer (struct parse tokbuf): the limit of every string, number, name and white space run. */
export const TOKBUF = 1500;
/**
 * The slots a lexer's tokbuf holds at first (it grows to TOKBUF as tokens
 * need). 32 slots are 64 bytes, the most V8 keeps inside its own heap
 * (--typed-array-max-size-in-heap); with 64, every lexer (two per IA of a
 * v6 file) had a buffer outside it, allocated and freed one by one: a 9 MB
 * v6 file's check took 1.13x the time of this.
 */
const TOKBUF_FIRST = 32;

/**
 * A byte of dhcpd's token buffer this model cannot know: what an earlier
 * token, before the text lexed here, left there. Shows in a STRING's value
 * where dhcpd keeps a stale byte (an invalid escape skips a slot).
 */
export const UNKNOWN_BYTE = '\uFFFD';

/** Where dhcpd calls log_fatal: the server exits. */
export class DhcpdFatal extends Error {}

/** One parse_warn: the message and the byte offset of the token dhcpd names (its line is the warning's line). */
export interface LexWarning {
  message: string;
  offset: number;
}

export class DhcpdLexer {
  private pos = 0;
  private peeked: Token | null = null;
  /**
   * conflex's tokbuf: every token is written over it from index 0, so bytes
   * past the last token's end keep what longer tokens left (-1: unknown,
   * written before `text` began; 0 when `text` is a whole file, as dhcpd
   * allocates it zeroed). tval points at it, or at the 1-char `tb`.
   *
   * Held as far as tokens have reached (tokbufFor grows it), the rest being
   * `tokbufFill` as ever: a v6 check makes two lexers per IA, and 3,000
   * bytes of fresh ArrayBuffer each were most of its garbage collection
   * (63 ms of a 0.9 MB file's 395, profiled).
   */
  private tokbuf: Int16Array;
  private readonly tokbufFill: number;
  private tvalIsTokbuf = true;
  private tb = '';
  /** Offset of the last token lexed (peeked or not): dhcpd's lexline. */
  private lexOffset = 0;
  /** Offset of the last token next() returned: parse_warn names its line. */
  private lastOffset = 0;
  /** Parse warnings in the order dhcpd would log them (message text only). */
  readonly warnings: string[];
  /** The same warnings with the offset of the token dhcpd names. */
  readonly located: LexWarning[] = [];
  /**
   * Escapes dhcpd reads otherwise without a word (read_string: `\0` or `\00`
   * followed by a non-octal byte drops that byte and reads the next one as
   * an escape), with the offset of their string.
   */
  readonly silent: LexWarning[] = [];

  constructor(
    private readonly text: string,
    warnings: string[] = [],
    options: { wholeFile?: boolean } = {},
  ) {
    this.warnings = warnings;
    this.tokbufFill = options.wholeFile ? 0 : -1;
    this.tokbuf = new Int16Array(TOKBUF_FIRST).fill(this.tokbufFill);
  }

  /** tokbuf with room for slot `i` (below TOKBUF). */
  private tokbufFor(i: number): Int16Array {
    if (i < this.tokbuf.length) return this.tokbuf;
    const grown = new Int16Array(Math.min(TOKBUF, Math.max(i + 1, this.tokbuf.length * 2)));
    grown.fill(this.tokbufFill, this.tokbuf.length);
    grown.set(this.tokbuf);
    this.tokbuf = grown;
    return grown;
  }

  /** The text being lexed. */
  get source(): string {
    return this.text;
  }

  /** Continue lexing at `offset` (for dhcpd's raw-token readers, which the caller does itself). */
  seek(offset: number): void {
    this.peeked = null;
    this.pos = offset;
  }

  /** Offset of the next byte the lexer reads. */
  get position(): number {
    return this.peeked ? this.peeked.offset : this.pos;
  }

  next(): Token {
    if (this.peeked) {
      const t = this.peeked;
      this.peeked = null;
      this.lastOffset = t.offset;
      return t;
    }
    const t = this.lex();
    this.lastOffset = t.offset;
    return t;
  }

  peek(): Token {
    this.peeked ??= this.lex();
    return this.peeked;
  }

  private lex(): Token {
    const t = this.lexRaw();
    if (t.kind !== 'END_OF_FILE') this.lexOffset = t.offset;
    return t;
  }

  /** dhcpd's parse_warn: records the message, at the last token read. */
  warn(message: string): void {
    this.warnAt(message, this.lastOffset);
  }

  private warnAt(message: string, offset: number): void {
    this.warnings.push(message);
    this.located.push({ message, offset });
  }

  /** What `val` holds for END_OF_FILE: dhcpd leaves tval as the last token left it (whitespace may have overwritten tokbuf). */
  private staleValue(): string {
    if (!this.tvalIsTokbuf) return this.tb;
    const zero = this.tokbuf.indexOf(0);
    // Past what is held, every slot is tokbufFill: the first 0 there is the first slot not held.
    const held = this.tokbufFill === 0 ? this.tokbuf.length : TOKBUF;
    return this.tokbufString(zero >= 0 ? zero : held);
  }

  private tokbufString(length: number): string {
    const tokbuf = this.tokbuf;
    let out = '';
    for (let i = 0; i < length; i++) {
      const b = i < tokbuf.length ? tokbuf[i]! : this.tokbufFill;
      out += b < 0 ? UNKNOWN_BYTE : String.fromCharCode(b);
    }
    return out;
  }

  /** Record a token's text in tokbuf, as read_number/read_num_or_name do. */
  private setTokbuf(value: string): void {
    const tokbuf = this.tokbufFor(value.length);
    for (let i = 0; i < value.length; i++) tokbuf[i] = value.charCodeAt(i);
    tokbuf[value.length] = 0;
    this.tvalIsTokbuf = true;
  }

  /**
   * END_OF_FILE, placed at the last token read: a warning at the end of the
   * file names that token's line, whatever white space or comments follow
   * (as dhcpd -T shows).
   */
  private endOfFile(): Token {
    return { kind: 'END_OF_FILE', value: this.staleValue(), offset: this.lexOffset };
  }

  private lexRaw(): Token {
    const s = this.text;
    for (;;) {
      const start = this.pos;
      if (this.pos >= s.length) return this.endOfFile();
      const c = s.charCodeAt(this.pos++);
      if (isSpace(c)) {
        // read_whitespace copies the run into tokbuf; a run that reaches the end of the file is END_OF_FILE.
        let ofs = 0;
        let next = c;
        for (;;) {
          if (ofs >= TOKBUF - 1) {
            this.warnAt('whitespace too long, buffer overflow.', this.lexOffset);
            throw new DhcpdFatal(
              `a run of ${TOKBUF} or more white space characters overflows its token buffer: dhcpd logs "whitespace too long, buffer overflow." and exits`,
            );
          }
          this.tokbufFor(ofs)[ofs++] = next;
          if (this.pos >= s.length) return this.endOfFile();
          next = s.charCodeAt(this.pos);
          if (!isSpace(next)) break;
          this.pos++;
        }
        this.tokbufFor(ofs)[ofs] = 0;
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

  /**
   * read_string, slot by slot: an escape fills one slot of tokbuf; an invalid
   * octal or hex digit is warned about and *skips* a slot, leaving there what
   * an earlier token wrote; `\0` followed by a non-octal character drops that
   * character and reads the next one as an escape. After 1500 slots the string
   * ends where it is (its closing quote then opens a new string).
   */
  private readString(start: number): Token {
    const s = this.text;
    let tok = this.tokbuf;
    let bs = 0;
    let hex = false;
    let value = 0;
    let i = 0;
    slots: for (; i < TOKBUF; i++) {
      if (i >= tok.length) tok = this.tokbufFor(i);
      for (;;) {
        if (this.pos >= s.length) {
          this.warnAt('eof in string constant', start);
          break slots;
        }
        const c = s.charCodeAt(this.pos++);
        if (bs === 1) {
          if (c === 0x74) tok[i] = 9;
          else if (c === 0x72) tok[i] = 13;
          else if (c === 0x6e) tok[i] = 10;
          else if (c === 0x62) tok[i] = 8;
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
          } else tok[i] = c;
          bs = 0;
          continue slots;
        }
        if (bs > 1) {
          if (hex) {
            if (!isXdigit(c)) {
              this.warnAt(`invalid hex digit: ${c.toString(16)}`, start);
              bs = 0;
              continue slots;
            }
            value = value * 16 + parseInt(String.fromCharCode(c), 16);
          } else if (c >= 0x30 && c <= 0x37) value = value * 8 + (c - 0x30);
          else if (value !== 0) {
            this.warnAt(`invalid octal digit ${c.toString(16)}`, start);
            continue slots;
          } else {
            // dhcpd says nothing here: `\0` (or `\00`) then a non-octal byte.
            this.silent.push({
              message: `"\\${s.slice(this.pos - bs, this.pos - 1)}" followed by "${printableByte(c)}"`,
              offset: start,
            });
            tok[i] = 0;
            bs = 0;
          }
          if (++bs === 4) {
            tok[i] = value & 0xff;
            bs = 0;
            continue slots;
          }
          continue;
        }
        if (c === 0x5c) {
          bs = 1;
          continue;
        }
        if (c === 0x22) break slots;
        tok[i] = c;
        continue slots;
      }
    }
    if (i === TOKBUF) {
      this.warnAt('string constant larger than internal buffer', start);
      i--;
    }
    const out = this.tokbufString(i);
    this.tokbufFor(i)[i] = 0;
    this.tvalIsTokbuf = true;
    return { kind: 'STRING', value: out, offset: start };
  }

  private readNumber(start: number): Token {
    const s = this.text;
    let kind: 'NUMBER' | 'NUMBER_OR_NAME' | 'NAME' = 'NUMBER';
    for (;;) {
      if (this.pos - start >= TOKBUF) return this.overlong(start, 'numeric token', kind);
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
    for (;;) {
      // The buffer is full before the end of the text is seen: a word of 1,500 characters
      // that ends the file is over-long too.
      if (this.pos - start >= TOKBUF) return this.overlong(start, 'token', kind);
      if (this.pos >= s.length) break;
      const c = s.charCodeAt(this.pos);
      if (c >= 0x80 || (c !== 0x2d && c !== 0x5f && !isAlnum(c))) break;
      if (!isXdigit(c)) kind = 'NAME';
      this.pos++;
    }
    const value = s.slice(start, this.pos);
    this.setTokbuf(value);
    return { kind: dhcpdKeywords.get(value.toLowerCase()) ?? kind, value, offset: start };
  }

  /**
   * read_number / read_num_or_name at the buffer's end: 1500 characters were
   * read, the token is the first 1499 (the 1500th is lost) and the rest of
   * the word becomes the next token.
   */
  private overlong(start: number, what: string, kind: TokenKind): Token {
    this.warnAt(`${what} larger than internal buffer`, start);
    const value = this.text.slice(start, start + TOKBUF - 1);
    this.setTokbuf(value);
    // dhcpd looks the word up among its keywords too; none is 1,499 characters long.
    return { kind, value, offset: start };
  }
}

/** One byte for a message: itself when printable, else its octal escape. */
function printableByte(c: number): string {
  return c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `\\${c.toString(8).padStart(3, '0')}`;
}

/**
 * One past the last byte of the last token dhcpd reads of `text`: white space
 * and `#` comments are not tokens, but a `#` inside a string is part of the
 * string. Where dhcpd would exit on over-long white space, the last token
 * read before it.
 */
export function lastTokenEnd(text: string): number {
  const lexer = new DhcpdLexer(text);
  let end = 0;
  try {
    while (lexer.next().kind !== 'END_OF_FILE') end = lexer.position;
  } catch (e) {
    if (!(e instanceof DhcpdFatal)) throw e;
  }
  return end;
}

/**
 * The offset of a string in `text` that has no closing quote before the end
 * of `text` and holds a line break; null when there is none. Quotes pair as
 * the grammar and dhcpd's lexer pair them: `\` takes the byte after it, `#`
 * outside a string starts a comment. dhcpd never writes a line break inside
 * a string (quotify escapes it, print_hash_string writes a hash raw only
 * when every byte is printable), so such a string was not cut while dhcpd
 * wrote it: a raw `"` or a `\` before its closing quote (a printable
 * subclass hash holding one, written raw) made it run on. Not a lexer
 * model: a string of 1,500 bytes or more is one string here.
 */
export function runOnStringAt(text: string): number | null {
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (open >= 0) {
      if (c === 0x5c) i++;
      else if (c === 0x22) open = -1;
    } else if (c === 0x23) {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end;
    } else if (c === 0x22) open = i;
  }
  return open >= 0 && text.includes('\n', open) ? open : null;
}
