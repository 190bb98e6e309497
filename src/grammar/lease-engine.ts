import * as js from './generated/lease-recogniser.js';
import * as wasm from './generated/lease-recogniser-wasm.js';
import type { CapturedRule, EntryRule, MatchEvents } from './generated/lease-recogniser-wasm.js';
import { ONE_COMPILE_TASK, withLiftoffOnly } from './wasm-runtime.js';
import { withV8Flags } from './v8-flag.js';

/**
 * The lease recogniser the rest of leasecheck runs. Two engines compiled
 * from the same grammar give the same results (test/grammar/wasm-engine.test.ts):
 *
 * - the WebAssembly one (generated/lease-recogniser-wasm.ts) runs at full
 *   speed from its first byte, after a compilation of a few milliseconds;
 * - the JavaScript one (generated/lease-recogniser.ts) starts at once but
 *   runs in V8's slower tiers until TurboFan has compiled its large
 *   functions: most of a 1-30 MB file's time went there.
 *
 * So the first WASM_AFTER bytes go to the JavaScript one, and every match
 * after them to the WebAssembly one: a tiny file never pays for the
 * module, a large one pays for it once, early. A scan that says it will
 * match WASM_FROM_START_BYTES or more starts with the WebAssembly one
 * (whileMatching). docs/internals.md (speed) has the figures.
 *
 * The switch happens only when a match starts, so that the state and events
 * read after a match are always those of the engine that ran it; everything
 * that reads them imports the recogniser from here.
 */

/**
 * Bytes matched by the JavaScript engine before the WebAssembly one takes
 * over. Small: the module compiles in about as many instructions as the
 * JavaScript engine, still interpreted, spends on a few KiB (a 20 KB file
 * cost fewer instructions with the WebAssembly engine from its first byte,
 * a 3.6 MB one 9% fewer than with 32 KiB first); a file of a few
 * declarations still never compiles the module.
 */
const WASM_AFTER = 4 * 1024;

/**
 * Below this much input, the WebAssembly module is compiled by V8's
 * baseline compiler alone (see LIFTOFF_ONLY in wasm-runtime.ts): the faster
 * code TurboFan would make for the hot rules arrives too late to pay for
 * its compiling, which competes with the scan for the machine's cores.
 * Liftoff alone against V8's default, whole-process checks alternating
 * (15-21 pairs, 2 cores): 3.6 MB 0.85x the wall time, 8.7 MB 0.91x, 16 MB
 * 0.98x, 29 MB 1.04x. From this size on, V8 tiers the hot rules up as
 * usual, but with one compile task instead of up to four (ONE_COMPILE_TASK),
 * so that TurboFan's threads leave the scan its core: the first check of
 * the 29 MB bench file in a process 0.90x the time (21 alternating pairs);
 * with it, Liftoff alone is still slower below 16 MiB (3.6 MB 1.07x, 9 MB
 * 1.09x). docs/internals.md (speed) has more.
 */
export const BASELINE_ONLY_BELOW = 16 * 1024 * 1024;

export {
  CAPTURED_RULES,
  CODE_PADDING,
  END_CODE,
  codesOf,
  // Only the WebAssembly engine copies its input: the JavaScript one reads the array itself.
  trackCodes,
  codesChanged,
} from './generated/lease-recogniser-wasm.js';
export type { CapturedRule, EntryRule, MatchEvents } from './generated/lease-recogniser-wasm.js';

type Engine = typeof js | typeof wasm;

/**
 * Runs `action`, which matches about `bytes` of input (a scan of a file of
 * that size), with the WebAssembly module compiled and run the way that
 * much input is matched fastest (BASELINE_ONLY_BELOW). Only speed depends
 * on it. Afterwards V8 is as before: functions compiled during `action`
 * keep the code they got.
 */
export function whileMatching<T>(bytes: number, action: () => T): T {
  // A scan that will match this much pays for the module anyway: the
  // JavaScript engine's first KiBs, still interpreted, would only add to it
  // (3.6 MB and 29 MB files: 0.98x the time, 21 alternating pairs each).
  // Between matches, as every switch of engine.
  if (bytes >= WASM_FROM_START_BYTES) engine = wasm;
  return bytes < BASELINE_ONLY_BELOW ? withLiftoffOnly(action) : withV8Flags(ONE_COMPILE_TASK, action);
}

/** From this much input to scan, the WebAssembly engine matches from the first byte (see whileMatching). */
const WASM_FROM_START_BYTES = 64 * 1024;

let engine: Engine = js;
let matchedByJs = 0;

/** The engine for the match about to start. */
function engineFor(): Engine {
  if (engine === js && matchedByJs >= WASM_AFTER) engine = wasm;
  return engine;
}

/** Counts what the JavaScript engine matched. */
function counted(at: number, end: number): number {
  if (engine === js && end > at) matchedByJs += end - at;
  return end;
}

/**
 * Applies an entry rule to `codes` (the first `length` entries, see
 * codesOf) at `at`, no spaces skipped first. Returns the end position, or
 * -1 when it fails.
 */
export function matchCodes(rule: EntryRule, codes: Uint16Array, length: number, at: number): number {
  return counted(at, engineFor().matchCodes(rule, codes, length, at));
}

/** matchCodes on a string. */
export function matchRule(rule: EntryRule, input: string, at: number): number {
  return counted(at, engineFor().matchRule(rule, input, at));
}

/**
 * Matches `rule` again and again from `at` while the matches are ordinary
 * (the WebAssembly engine's matchMany: one call for a run of them). Returns
 * how many it took; matchEvents() then holds their events one after
 * another (with `keep`, captured rule numbers, only those rules' events and
 * `lastRule`'s), and manyEnd() where the last ended. The JavaScript engine takes
 * none: its caller matches one at a time with matchCodes.
 */
export function matchMany(
  rule: EntryRule,
  codes: Uint16Array,
  length: number,
  at: number,
  lastRule: CapturedRule,
  maxLength: number,
  keep: readonly number[] | null = null,
): number {
  if (engineFor() !== wasm) return 0;
  return wasm.matchMany(rule, codes, length, at, lastRule, maxLength, keep);
}

/** Where the last match taken by matchMany ended. */
export function manyEnd(): number {
  return wasm.manyEnd();
}

export { SUMMARY } from './generated/lease-recogniser-wasm.js';

/**
 * After matchMany took a run of leases: the WebAssembly module summarises
 * them itself from event number `from` (the first of a lease), up to the
 * first it leaves to the summary in JavaScript (model/from-events.ts), and
 * returns how many it summarised; leaseSummaryWords() holds the rest
 * (SUMMARY). See compile/wasm/emit-lease-summary.ts.
 */
export function summariseLeases(from: number): number {
  return wasm.summariseLeases(from);
}

/** The summary area of the last summariseLeases (SUMMARY): valid until the next match. */
export function leaseSummaryWords(): Int32Array {
  return wasm.leaseSummaryWords();
}

/** Skips white space and comments from `at` as syntactic rules do. */
export function skipSpacesInCodes(codes: Uint16Array, length: number, at: number): number {
  return engineFor().skipSpacesInCodes(codes, length, at);
}

/** skipSpacesInCodes on a string. */
export function skipSpaces(input: string, at: number): number {
  return engineFor().skipSpaces(input, at);
}

/** The last match's events, for loops over many of them (no call per event). */
export function matchEvents(): MatchEvents {
  return engine.matchEvents();
}

/** The state left by the last match, by whichever engine ran it. A class: see the JavaScript runtime's LastMatch. */
class LastMatch {
  /** Rightmost failure position (Ohm's), or -1. */
  get failure(): number {
    return engine.lastMatch.failure;
  }
  /** Whether the match examined the end of the input. */
  get examinedEnd(): boolean {
    return engine.lastMatch.examinedEnd;
  }
  /** Whether recursion hit the depth limit. */
  get tooDeep(): boolean {
    return engine.lastMatch.tooDeep;
  }
  get eventCount(): number {
    return engine.lastMatch.eventCount;
  }
  eventRule(i: number): number {
    return engine.lastMatch.eventRule(i);
  }
  eventStart(i: number): number {
    return engine.lastMatch.eventStart(i);
  }
  eventEnd(i: number): number {
    return engine.lastMatch.eventEnd(i);
  }
}

export const lastMatch = new LastMatch();
