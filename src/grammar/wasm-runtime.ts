/**
 * The JavaScript side of a WebAssembly recogniser (src/grammar/compile/wasm):
 * instantiates the module, puts the input into its memory, calls its `run`
 * and `skip`, and reads the state and events it leaves there. A generated
 * module (generated/lease-recogniser-wasm.ts) makes one and exports the
 * same functions as the JavaScript recogniser, so that callers switch by
 * their import alone.
 *
 * The module's memory layout is compile/wasm/layout.ts's: the data, then the
 * input (u16 codes), then the events.
 */

import { EVENT_BYTES } from './compile/wasm/layout.js';
import { withV8Flags, type V8FlagChange } from './v8-flag.js';

const END_CODE = 256;
/** Where `run` leaves F, H, DEEP, the event count and Y (i32 indices). */
const STATE_F = 0;
const STATE_H = 1;
const STATE_DEEP = 2;
const STATE_EV = 3;
const STATE_Y = 4;
const STATE_TAKEN = 5;
/** Where `many`'s capture mask lies (compile/wasm/layout.ts MASK_BASE): a bit per captured rule. */
const MASK_BASE = 32;
const MASK_BYTES = 32;
const PAGE = 65536;
/**
 * How much of a code array that is not tracked (see track) is copied from
 * `at` before a match: its owner may change it in place between matches
 * without saying so, so nothing copied for one match can be trusted for the
 * next. A slice this long holds any ordinary declaration; a match that
 * looked at the slice's end (H or Y) runs again on the whole rest.
 */
const SLICE = 1024;
/**
 * How much of a tracked code array (see track) is copied at once: a scan
 * window's declarations are then matched from one copy, dozens at a time.
 * A match that looks at the copy's end runs again on a longer copy.
 */
const HOLD = 64 * 1024;

/** The events of the last match as arrays (valid until the next match; `count` entries). */
export interface MatchEvents {
  readonly count: number;
  readonly rule: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/**
 * The part of the WebAssembly JavaScript API used here, typed locally: the
 * project compiles without the DOM library, where its declarations live.
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmGlobal {
  value: number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const WebAssemblyApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface Exports {
  memory: WasmMemory;
  run(entry: number, at: number, n: number, adj: number): number;
  skip(at: number, n: number, adj: number): number;
  many(
    entry: number,
    at: number,
    n: number,
    adj: number,
    lastRule: number,
    maxLength: number,
    masked: number,
  ): number;
  /** A lease recogniser's only (see compile/wasm/emit-lease-summary.ts). */
  summarise?(from: number): number;
  ev: WasmGlobal;
  ev0: WasmGlobal;
  cap: WasmGlobal;
}

/** A character that is no latin1 byte. */
// eslint-disable-next-line no-control-regex -- the whole latin1 range, NUL included
const PAST_LATIN1 = /[^\x00-\xff]/;

const align16 = (n: number): number => (n + 15) & ~15;

/**
 * V8 compiles each WebAssembly function with its baseline compiler
 * (Liftoff) when first called, and again with its optimising one
 * (TurboFan) once it has run a while. TurboFan's code is faster, but
 * compiling the lease recogniser's hot functions took V8's background
 * threads about 100 ms of CPU and 12-16 MB of fresh memory
 * (`--trace-wasm-compilation-times`), which a file of a few MB does not
 * win back (see lease-engine.ts).
 *
 * --liftoff-only keeps Liftoff's code. It also turns off --wasm-tier-up
 * and --wasm-dynamic-tiering (V8's flag implications), which turning it
 * off leaves off: V8's flag hash (v8.cachedDataVersionTag()) comes back
 * only with both on again. V8 reads them as functions are compiled and as
 * they run, not once per module: they hold while the code runs.
 */
export const LIFTOFF_ONLY: V8FlagChange = {
  set: '--liftoff-only',
  restore: '--no-liftoff-only --wasm-tier-up --wasm-dynamic-tiering',
};

/**
 * One background task at a time for V8's WebAssembly compiling (default:
 * up to 128, as many as V8's worker threads take, four in Node). With
 * several, TurboFan compiling the hot rules took both cores of a 2-core
 * machine while the scan needed one of them.
 */
export const ONE_COMPILE_TASK: V8FlagChange = {
  set: '--wasm-num-compilation-tasks=1',
  restore: '--wasm-num-compilation-tasks=128',
};

/** Runs `action` with WebAssembly on V8's baseline compiler alone (LIFTOFF_ONLY). */
export function withLiftoffOnly<T>(action: () => T): T {
  return withV8Flags(LIFTOFF_ONLY, action);
}

export class WasmRecogniser<Entry extends string> {
  /** Null until the first match: a process that matches nothing pays nothing for the module. */
  private exports!: Exports;
  private readonly entryIndex: Record<string, number>;
  /** How many codes (padding included) fit before the events. */
  private inputRoom = 64 * 1024;
  private ev0 = 0;
  private cap = 4096;
  private buffer!: ArrayBuffer;
  private codes16!: Uint16Array;
  private state = new Int32Array(8);
  private events: MatchEvents = new Events(this.state, new ArrayBuffer(0), 0, 0);
  /** The summary area's words (SUMMARY in compile/wasm/layout.ts), renewed with the memory. */
  summaryWords = new Int32Array(0);
  /** The string whose codes are in memory, if any (strings do not change: copied once). */
  private heldString: string | null = null;
  /** Code arrays whose owner calls `changed` after every change it makes to them. */
  private readonly tracked = new WeakSet<Uint16Array>();
  /** The tracked array whose codes [heldFrom, heldTo) are in memory as they are in it now, if any. */
  private heldCodes: Uint16Array | null = null;
  private heldFrom = 0;
  private heldTo = 0;
  readonly lastMatch = new LastMatch(this.state, this.events);
  private readonly inputBase: number;

  constructor(
    private readonly moduleBase64: string,
    entries: readonly Entry[],
    private readonly padding: number,
    dataEnd: number,
  ) {
    this.entryIndex = Object.fromEntries(entries.map((name, i) => [name, i]));
    this.inputBase = align16(dataEnd);
  }

  /**
   * Compiles and instantiates the module, at the first match: Liftoff
   * compiles it in a few milliseconds, which a process that checks a tiny
   * file, or none, need not pay (see lease-engine.ts).
   */
  private start(): void {
    if (this.exports !== undefined) return;
    const module = new WebAssemblyApi.Module(Buffer.from(this.moduleBase64, 'base64'));
    const instance = new WebAssemblyApi.Instance(module, { env: { grow: () => this.growEvents() } });
    this.exports = instance.exports as unknown as Exports;
    this.layOut();
  }

  /** Places the events after the input room, with room for `cap` of them. */
  private layOut(): void {
    this.ev0 = align16(this.inputBase + 2 * this.inputRoom);
    this.ensureMemory(this.ev0 + EVENT_BYTES * this.cap);
    this.exports.ev0.value = this.ev0;
    this.exports.cap.value = this.cap;
    this.refreshViews();
  }

  private ensureMemory(bytes: number): void {
    const memory = this.exports.memory;
    const have = memory.buffer.byteLength;
    if (have < bytes) memory.grow(Math.ceil((bytes - have) / PAGE));
  }

  private refreshViews(): void {
    this.buffer = this.exports.memory.buffer;
    this.codes16 = new Uint16Array(this.buffer);
    this.state = new Int32Array(this.buffer, 0, 8);
    this.events = new Events(this.state, this.buffer, this.ev0, this.cap);
    this.lastMatch.renew(this.state, this.events);
    this.summaryWords = new Int32Array(
      this.buffer,
      this.ev0 + 12 * this.cap,
      ((EVENT_BYTES - 12) * this.cap) / 4,
    );
  }

  /** Called by `push` when the events fill their arrays: twice the room, the starts and ends moved up. */
  private growEvents(): void {
    const old = this.cap;
    const cap = old * 2;
    this.ensureMemory(this.ev0 + EVENT_BYTES * cap);
    const words = new Int32Array(this.exports.memory.buffer);
    const base = this.ev0 / 4;
    words.copyWithin(base + 2 * cap, base + 2 * old, base + 3 * old);
    words.copyWithin(base + cap, base + old, base + 2 * old);
    this.cap = cap;
    this.exports.cap.value = cap;
    this.refreshViews();
  }

  /** Room for `codes` codes of input, the padding included. */
  private roomFor(codes: number): void {
    if (codes <= this.inputRoom) return;
    this.inputRoom = Math.max(codes, this.inputRoom * 2);
    this.layOut();
  }

  /**
   * The memory's views. The memory grows only here (ensureMemory, from
   * layOut and growEvents, which renew the views at once), so the views are
   * never stale: no check of the buffer per match.
   */
  private views(): Uint16Array {
    return this.codes16;
  }

  /** Copies codes[from, to) to the input's start, then the padding. */
  private copyIn(codes: Uint16Array, from: number, to: number): void {
    this.start();
    this.roomFor(to - from + this.padding);
    this.heldString = null;
    this.heldCodes = this.tracked.has(codes) ? codes : null;
    this.heldFrom = from;
    this.heldTo = to;
    const memory = this.views();
    const at = this.inputBase / 2;
    memory.set(codes.subarray(from, to), at);
    memory.fill(END_CODE, at + to - from, at + to - from + this.padding);
  }

  private index(rule: Entry): number {
    const index = this.entryIndex[rule];
    if (index === undefined) throw new Error(`${rule} is not an entry rule`);
    return index;
  }

  /**
   * Promises that every later change to `codes` is reported through
   * `changed`: until then, what was copied of it into memory stays valid, and
   * matches from one copy need no copy of their own.
   */
  track(codes: Uint16Array): void {
    this.tracked.add(codes);
  }

  /** Whether the copy in memory is of `codes` as it is now, holds `at`, and ends within `length`. */
  private holds(codes: Uint16Array, length: number, at: number): boolean {
    return codes === this.heldCodes && at >= this.heldFrom && at < this.heldTo && this.heldTo <= length;
  }

  /** `codes` (tracked) changed: the copy of it in memory, if any, is stale. */
  changed(codes: Uint16Array): void {
    if (codes === this.heldCodes) this.heldCodes = null;
  }

  /**
   * matchCodes: from the copy in memory when it holds `at` (a tracked
   * array); else a slice from `at` first (HOLD long for a tracked array,
   * SLICE for another), the whole rest when the slice's end was looked at.
   */
  matchCodes(rule: Entry, codes: Uint16Array, length: number, at: number): number {
    if (codes.length < length + this.padding || codes[length] !== END_CODE) {
      throw new Error('code array must be followed by CODE_PADDING end codes');
    }
    const entry = this.index(rule);
    if (this.holds(codes, length, at)) {
      const end = this.exports.run(entry, at, this.heldTo, this.inputBase - 2 * this.heldFrom);
      const state = this.state;
      if (this.heldTo >= length || (state[STATE_H] === 0 && state[STATE_Y] === 0)) return end;
    }
    let to = Math.min(length, at + (this.tracked.has(codes) ? HOLD : SLICE));
    for (;;) {
      this.copyIn(codes, at, to);
      const end = this.exports.run(entry, at, to, this.inputBase - 2 * at);
      const state = this.stateView();
      if (to >= length || (state[STATE_H] === 0 && state[STATE_Y] === 0)) return end;
      to = length;
    }
  }

  /**
   * Matches `rule` again and again from `at` in a tracked array (see track),
   * each match where the last ended, while the matches are ordinary: they
   * succeed within the copy in memory, do not examine its end, are shorter
   * than `maxLength` and end with an event of captured rule number
   * `lastRule`. Returns how many it took; their events are the last
   * match's (matchEvents), one after another, and `manyEnd` is where the
   * last one ended. It stops before any other match, which the caller makes
   * with matchCodes; an array that is not tracked takes none. With `keep`
   * (captured rule numbers), only those rules' events are kept, and
   * `lastRule`'s.
   */
  matchMany(
    rule: Entry,
    codes: Uint16Array,
    length: number,
    at: number,
    lastRule: number,
    maxLength: number,
    keep: readonly number[] | null = null,
  ): number {
    this.manyEnd = at;
    if (!this.tracked.has(codes)) return 0;
    if (codes.length < length + this.padding || codes[length] !== END_CODE) {
      throw new Error('code array must be followed by CODE_PADDING end codes');
    }
    const entry = this.index(rule);
    if (!this.holds(codes, length, at)) {
      this.copyIn(codes, at, Math.min(length, at + HOLD));
    }
    if (keep !== null) this.setMask(keep, lastRule);
    this.manyEnd = this.exports.many(
      entry,
      at,
      this.heldTo,
      this.inputBase - 2 * this.heldFrom,
      lastRule,
      maxLength,
      keep === null ? 0 : 1,
    );
    return this.state[STATE_TAKEN]!;
  }

  /** The rules whose bits the capture mask holds now (the list and the last rule). */
  private maskOf: readonly number[] | null = null;
  private maskLast = -1;

  private setMask(keep: readonly number[], lastRule: number): void {
    if (keep === this.maskOf && lastRule === this.maskLast) return;
    const mask = new Uint8Array(this.buffer, MASK_BASE, MASK_BYTES);
    mask.fill(0);
    for (const r of [...keep, lastRule]) {
      if (r < 0 || r >= 8 * MASK_BYTES) throw new Error(`no captured rule ${r} in the capture mask`);
      mask[r >> 3]! |= 1 << (r & 7);
    }
    this.maskOf = keep;
    this.maskLast = lastRule;
  }

  /** Where the last match taken by matchMany ended. */
  manyEnd = 0;

  /**
   * A lease recogniser's summary of the leases the last matchMany took, from
   * its event number `from` (the first of a lease): how many it summarised,
   * their records and the rest in summaryWords (see
   * compile/wasm/emit-lease-summary.ts). It stops at the first lease it
   * leaves to JavaScript, whose first event is summaryWords[SUMMARY.NEXT].
   */
  summariseLeases(from: number): number {
    const summarise = this.exports.summarise;
    if (summarise === undefined) throw new Error('this recogniser has no lease summary');
    return summarise(from);
  }

  skipSpacesInCodes(codes: Uint16Array, length: number, at: number): number {
    if (codes.length < length + this.padding || codes[length] !== END_CODE) {
      throw new Error('code array must be followed by CODE_PADDING end codes');
    }
    let to = Math.min(length, at + SLICE);
    for (;;) {
      this.copyIn(codes, at, to);
      const end = this.exports.skip(at, to, this.inputBase - 2 * at);
      const state = this.stateView();
      if (to >= length || (state[STATE_H] === 0 && state[STATE_Y] === 0)) return end;
      to = length;
    }
  }

  /** The string's codes in memory from position 0, copied once per new string. */
  private holdString(input: string): void {
    if (input === this.heldString) return;
    this.start();
    this.roomFor(input.length + this.padding);
    this.heldCodes = null;
    const memory = this.views();
    const at = this.inputBase / 2;
    if (PAST_LATIN1.test(input)) {
      for (let i = 0; i < input.length; i++) {
        // A character past latin1 is no byte: the end sentinel's code keeps it in no class and equal to no terminal.
        const c = input.charCodeAt(i);
        memory[at + i] = c > END_CODE ? END_CODE : c;
      }
    } else {
      // Widened byte by byte by the typed array copy (native, where a loop here would run interpreted).
      memory.set(Buffer.from(input, 'latin1'), at);
    }
    memory.fill(END_CODE, at + input.length, at + input.length + this.padding);
    this.heldString = input;
  }

  matchRule(rule: Entry, input: string, at: number): number {
    const entry = this.index(rule);
    this.holdString(input);
    return this.exports.run(entry, at, input.length, this.inputBase);
  }

  skipSpaces(input: string, at: number): number {
    this.holdString(input);
    return this.exports.skip(at, input.length, this.inputBase);
  }

  matchEvents(): MatchEvents {
    return this.events;
  }

  /** The state array (renewed when the memory grew). */
  stateView(): Int32Array {
    return this.state;
  }
}

/**
 * The events of the last match: the three arrays are views of the module's
 * memory. A class, not an object literal with a getter: V8 keeps such a
 * literal in dictionary mode, and `count` is read once per event.
 */
class Events implements MatchEvents {
  readonly rule: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;

  constructor(
    private readonly state: Int32Array,
    buffer: ArrayBuffer,
    ev0: number,
    cap: number,
  ) {
    this.rule = new Int32Array(buffer, ev0, cap);
    this.start = new Int32Array(buffer, ev0 + 4 * cap, cap);
    this.end = new Int32Array(buffer, ev0 + 8 * cap, cap);
  }

  get count(): number {
    return this.state[STATE_EV]!;
  }
}

/** The state left by the last match (the JavaScript recogniser's LastMatch, read from memory). */
export class LastMatch {
  constructor(
    private state: Int32Array,
    private events: MatchEvents,
  ) {}

  /** New views, after the memory grew. */
  renew(state: Int32Array, events: MatchEvents): void {
    this.state = state;
    this.events = events;
  }

  /** Rightmost failure position (Ohm's), or -1. */
  get failure(): number {
    return this.state[STATE_F]!;
  }
  /** Whether the match examined the end of the input. */
  get examinedEnd(): boolean {
    return this.state[STATE_H] !== 0;
  }
  /** Whether recursion hit the depth limit. */
  get tooDeep(): boolean {
    return this.state[STATE_DEEP] !== 0;
  }
  get eventCount(): number {
    return this.state[STATE_EV]!;
  }
  eventRule(i: number): number {
    return this.events.rule[i]!;
  }
  eventStart(i: number): number {
    return this.events.start[i]!;
  }
  eventEnd(i: number): number {
    return this.events.end[i]!;
  }
}
