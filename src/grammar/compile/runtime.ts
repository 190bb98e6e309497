/**
 * The runtime of every generated recogniser: the match state, the helpers the
 * generated rule functions call, and the functions the recogniser exports.
 * A real module, so that the type checker and the linter read it; the
 * generator (emit-module.ts) copies the text between each `#region NAME` and
 * `#endregion` marker into the generated file as it is. What the generator
 * writes around them (the grammar's terminals, character tables, `sk`, the
 * rule functions, ENTRIES) is declared below, outside the regions.
 *
 * Formatting is left as written (.prettierignore): the regions are copied
 * byte for byte, and the generated files stay the same as before this
 * module existed.
 */
/* eslint-disable no-var -- the match state is `var` on purpose (see the state region) */

declare const END_CODE: number;
declare const CODE_PADDING: number;
declare const TERMINALS: string[];
/** Ohm's implicit `spaces` (generated: it calls the grammar's `space` rule). */
declare function sk(p: number): number;
declare const ENTRIES: Record<string, (p: number) => number>;
type EntryRule = keyof typeof ENTRIES;

// #region state
// The match state is declared with `var`, not `let`: V8 checks at every
// read of a module-level `let` that it is initialised (the temporal dead
// zone), and these are read on every failure and choice.
/** The input and its length, set by start(); functions read them as `b` and `n` (see openLocals). */
var inputCodes: Uint16Array = new Uint16Array(CODE_PADDING).fill(END_CODE);
var inputLength = 0;
/** Rightmost failure position, exactly as Ohm's interpreter computes it. */
var F = -1;
/** Set when any primitive examined the end of the input. */
var H = false;
/** Current depth of recursive rules, and whether the limit was hit. */
var D = 0;
var DEEP = false;
var evRule: Int32Array = new Int32Array(4096);
var evStart: Int32Array = new Int32Array(4096);
var evEnd: Int32Array = new Int32Array(4096);
var ev = 0;
// #endregion

// #region helpers
function table(codes: number[]): Uint8Array {
  // Index END_CODE is the end sentinel, in no class.
  const t = new Uint8Array(END_CODE + 1);
  // An index, not for...of: at module load this runs unoptimised, where
  // for...of made an iterator result per code (tens of KB of garbage, most
  // of what a large check's scan leaves V8's first young generation).
  for (let i = 0; i < codes.length; i++) t[codes[i]!] = 1;
  return t;
}

function push(rule: number, start: number, end: number): void {
  if (ev === evRule.length) {
    const grow = (a: Int32Array): Int32Array => { const b = new Int32Array(a.length * 2); b.set(a); return b; };
    evRule = grow(evRule); evStart = grow(evStart); evEnd = grow(evEnd);
  }
  evRule[ev] = rule; evStart[ev] = start; evEnd[ev] = end; ev++;
}

/** Terminal k failed at p, which is near the end: did the input end inside a possible match? */
function tend(p: number, k: number): void {
  const b = inputCodes, n = inputLength;
  const t = TERMINALS[k]!;
  for (let i = 0; p + i < n; i++) if (b[p + i] !== t.charCodeAt(i)) return;
  H = true;
}

/** An alternative skipped by first-character dispatch fails exactly where it would have. */
function dfail(q: number): void {
  const n = inputLength;
  if (q > F) F = q;
  if (q >= n) H = true;
}
// #endregion

// #region api
/**
 * The code array of a latin1 string: one code per character, then the
 * padding. Callers that read files build it straight from the bytes instead.
 */
export function codesOf(input: string): Uint16Array {
  const codes = new Uint16Array(input.length + CODE_PADDING);
  for (let i = 0; i < input.length; i++) codes[i] = input.charCodeAt(i);
  codes.fill(END_CODE, input.length);
  return codes;
}

let lastInput: string | null = null;
let lastCodes: Uint16Array = inputCodes;

/** Repeated matches on one string (statement by statement) convert it once. */
function codesFor(input: string): Uint16Array {
  if (input !== lastInput) {
    lastCodes = codesOf(input);
    lastInput = input;
  }
  return lastCodes;
}

function start(codes: Uint16Array, length: number): void {
  if (codes.length < length + CODE_PADDING || codes[length] !== END_CODE) {
    throw new Error('code array must be followed by CODE_PADDING end codes');
  }
  inputCodes = codes; inputLength = length; F = -1; H = false; D = 0; DEEP = false; ev = 0;
}

/**
 * Applies an entry rule to `codes` (the first `length` entries, see
 * codesOf) at `at`, no spaces skipped first. Returns the end position, or
 * -1 when it fails.
 */
export function matchCodes(rule: EntryRule, codes: Uint16Array, length: number, at: number): number {
  start(codes, length);
  return ENTRIES[rule](at);
}

/** matchCodes on a string. */
export function matchRule(rule: EntryRule, input: string, at: number): number {
  return matchCodes(rule, codesFor(input), input.length, at);
}

/** Skips white space and comments from `at` as syntactic rules do. */
export function skipSpacesInCodes(codes: Uint16Array, length: number, at: number): number {
  start(codes, length);
  return sk(at);
}

/** skipSpacesInCodes on a string. */
export function skipSpaces(input: string, at: number): number {
  return skipSpacesInCodes(codesFor(input), input.length, at);
}

/** The events of the last match as arrays (valid until the next match; `count` entries). */
export interface MatchEvents {
  readonly count: number;
  readonly rule: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/** The last match's events, for loops over many of them (no call per event). */
export function matchEvents(): MatchEvents {
  return { count: ev, rule: evRule, start: evStart, end: evEnd };
}

/**
 * The state left by the last match. A class, not an object literal: V8 keeps
 * a literal with getters in dictionary mode, and every read of one from
 * optimised code then goes through the generic property lookup, several
 * times per declaration of a large file.
 */
class LastMatch {
  /** Rightmost failure position (Ohm's), or -1. */
  get failure(): number { return F; }
  /** Whether the match examined the end of the input. */
  get examinedEnd(): boolean { return H; }
  /** Whether recursion hit the depth limit. */
  get tooDeep(): boolean { return DEEP; }
  get eventCount(): number { return ev; }
  eventRule(i: number): number { return evRule[i]!; }
  eventStart(i: number): number { return evStart[i]!; }
  eventEnd(i: number): number { return evEnd[i]!; }
}

/** The state left by the last match. */
export const lastMatch = new LastMatch();
// #endregion

/** What only the generated rule functions use, named so that the checker sees it used. */
export const usedByGeneratedCode = [table, push, tend, dfail, sk, TERMINALS, () => D];
