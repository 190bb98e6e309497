import { CODE_PADDING, END_CODE, codesChanged, trackCodes } from '../grammar/lease-engine.js';
import { lastDeclarationLine } from './declaration-lines.js';

/** How far back from a window's end to look for a line that begins a declaration. */
const LOOK_BACK = 64 * 1024;
/** How much of the window textTo makes into a string for what ends near its start. */
const FIRST_TEXT = 16 * 1024;

/**
 * The part of the file the scanner holds: the bytes, and the character codes
 * the recogniser reads (the same bytes, followed by the end sentinel).
 * Offsets in both are the same window-relative byte offsets. Both arrays are
 * reused from chunk to chunk. The latin1 string of the window, which the
 * model slices values from, is made only when something asks for it: a file
 * of leases is summarised from the codes alone.
 *
 * The codes array is tracked by the recogniser (trackCodes): every change
 * made to it here is reported (codesChanged), so the WebAssembly engine
 * matches the window's declarations from one copy of it.
 */
export class ScanWindow {
  private bytes: Buffer = Buffer.alloc(0);
  codes: Uint16Array = tracked(new Uint16Array(CODE_PADDING).fill(END_CODE));
  length = 0;
  /**
   * Where the recogniser's input ends (END_CODE from here): the window's end,
   * or, while more of the file is to come, the start of its last line that
   * begins a declaration (see endAtLastDeclarationLine).
   */
  limit = 0;
  /** The codes the end sentinel covers while `limit` is before the end. */
  private readonly hidden = new Uint16Array(CODE_PADDING);
  private textCache: string | null = '';

  /** The window's bytes (a view: valid until the window next changes). */
  get heldBytes(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  /** The window as a latin1 string (made once per window). */
  get text(): string {
    return this.textTo(this.length);
  }

  /**
   * The window's text from its start to at least `end`: the whole window's,
   * or, for what ends near its start, only its first FIRST_TEXT bytes. A
   * file's first declarations (its server-duid, its byte order) are read
   * from text, and a string of the whole window (256 KiB of fresh memory)
   * cost a check of a file of leases more than reading them.
   */
  textTo(end: number): string {
    if (this.textCache !== null && this.textCache.length >= end) return this.textCache;
    const length = end <= FIRST_TEXT ? Math.min(this.length, FIRST_TEXT) : this.length;
    this.textCache = this.bytes.toString('latin1', 0, length);
    return this.textCache;
  }

  /**
   * The window's bytes from `start` to `end` as a latin1 string, for what
   * needs only them (a damaged declaration's text): a string of the whole
   * window, 256 KiB and more of fresh memory, is made only when asked for.
   */
  textBetween(start: number, end: number): string {
    if (this.textCache !== null && this.textCache.length >= end)
      return this.textCache.slice(start, end);
    return this.bytes.toString('latin1', start, Math.min(end, this.length));
  }

  /**
   * Ends the recogniser's input at the start of the window's last line that
   * begins a top-level declaration, when there is one near the end. The
   * declaration the chunk cut in two is then matched once, whole, in the
   * next window, instead of failing at the cut first: a failure at a new
   * place costs a deoptimisation of the recogniser's code, and a chunk
   * boundary is a new place every time.
   */
  endAtLastDeclarationLine(): void {
    const at = lastDeclarationLine(this.bytes, this.length, LOOK_BACK);
    if (at <= 0) return;
    this.hidden.set(this.codes.subarray(at, at + CODE_PADDING));
    this.codes.fill(END_CODE, at, at + CODE_PADDING);
    codesChanged(this.codes);
    this.limit = at;
  }

  /** Empties the window for another scan, keeping its arrays. */
  reset(): this {
    this.length = 0;
    this.limit = 0;
    this.codes.fill(END_CODE, 0, CODE_PADDING);
    codesChanged(this.codes);
    this.textCache = '';
    return this;
  }

  /** Lets the recogniser see the whole window again. */
  endAtEnd(): void {
    if (this.limit === this.length) return;
    this.codes.set(this.hidden, this.limit);
    codesChanged(this.codes);
    this.limit = this.length;
  }

  /** Drops what lies before `keepFrom`: the window then starts there. */
  dropBefore(keepFrom: number): void {
    this.endAtEnd();
    this.bytes.copyWithin(0, keepFrom, this.length);
    this.codes.copyWithin(0, keepFrom, this.length);
    codesChanged(this.codes);
    this.length -= keepFrom;
    this.limit = this.length;
    this.textCache = null;
  }

  /**
   * Appends what `read` writes into the window's own bytes (read straight
   * from the file, with no buffer between): `read(bytes, at, room)` writes up
   * to `room` bytes from `at` and returns how many, 0 at the end. Reads until
   * at least `want` bytes were appended or the end came. Returns how many.
   */
  append(
    want: number,
    room: number,
    read: (bytes: Uint8Array, at: number, room: number) => number,
  ): number {
    this.endAtEnd();
    let added = 0;
    while (added < want) {
      // Room for a chunk after a kept chunk's worth from the start: the window
      // then never grows, in a file of ordinary declarations. Fresh memory is
      // dear (a page fault per 4 KiB touched), and growing copies it as well.
      this.reserve(Math.max(this.length, room) + room);
      const got = read(this.bytes, this.length, room);
      if (got === 0) break;
      this.codes.set(this.bytes.subarray(this.length, this.length + got), this.length);
      this.length += got;
      added += got;
    }
    this.codes.fill(END_CODE, this.length, this.length + CODE_PADDING);
    codesChanged(this.codes);
    this.limit = this.length;
    this.textCache = null;
    return added;
  }

  /** Room for `length` bytes (and their codes with the padding), keeping what is held. */
  private reserve(length: number): void {
    if (this.bytes.length < length) {
      const bytes = Buffer.allocUnsafe(Math.max(length, this.bytes.length * 2));
      this.bytes.copy(bytes, 0, 0, this.length);
      this.bytes = bytes;
    }
    if (this.codes.length < length + CODE_PADDING) {
      const codes = new Uint16Array(Math.max(length + CODE_PADDING, this.codes.length * 2));
      codes.set(this.codes.subarray(0, this.length));
      this.codes = tracked(codes);
    }
  }
}

/** A new window array, tracked by the recogniser (see ScanWindow). */
function tracked(codes: Uint16Array): Uint16Array {
  trackCodes(codes);
  return codes;
}
