/**
 * What the WebAssembly recogniser's parts agree on: the numbers of its
 * globals, helper functions and function types, and where things lie in
 * its memory. The rule emitter (emit-wasm-rules.ts), the module emitter
 * (emit-wasm-module.ts) and the JavaScript side (wasm-runtime.ts) all read
 * them from here.
 *
 * Memory:
 *   0 .. 31          the last match's state, written by `run`, `skip` and `many`
 *   32 .. 63         `many`'s capture mask: bit r set when captured rule r's
 *                    events are kept (MASK_BASE; written by JavaScript)
 *                    (STATE_*, i32 each), read by JavaScript
 *   TABLES_BASE ..   character tables, 257 bytes each (codes 0-255 and the
 *                    end sentinel 256), then the terminals' bytes
 *   inputBase ..     the input as u16 codes and its END_CODE padding
 *                    (placed by JavaScript after the data)
 *   EV0 ..           the events: CAP rules, CAP starts, CAP ends (i32 each),
 *                    after the input; a captured rule's end calls the
 *                    imported `grow` when CAP are used
 *   EV0 + 12 CAP ..  the lease recogniser's summary area (SUMMARY), written
 *                    by `summarise`: 12 CAP bytes more (EVENT_BYTES a slot)
 */

/** Bytes of memory an event's slot takes: its rule, start and end, and room for the summary. */
export const EVENT_BYTES = 24;

/**
 * The summary area of `summarise` (emit-lease-summary.ts), in i32 words from
 * its start: a header, then from RECORDS a record of RECORD_WORDS per
 * lease. A lease has two events at least (its address and its own), so
 * the records of a run's leases take at most 10 bytes an event.
 */
export const SUMMARY = {
  /** The first event not summarised: where the lease JavaScript is to read begins. */
  NEXT: 0,
  /** The dates of the summarised leases in dhcpd's UTC form, and as `epoch N`. */
  UTC: 1,
  EPOCH: 2,
  RECORDS: 4,
  RECORD_WORDS: 5,
  /** A record's words: the address (32 bits), its binding state's text, its start and end. */
  ADDRESS: 0,
  STATE_START: 1,
  STATE_END: 2,
  START: 3,
  END: 4,
  /** STATE_START of a lease with no binding state, and of one with the abandoned flag. */
  NO_STATE: -1,
  ABANDONED: -2,
} as const;

import type { FunctionBuilder } from './function-builder.js';

/** Global numbers. */
export const G = {
  /** Rightmost failure position, exactly as Ohm computes it. */
  F: 0,
  /** Whether a primitive examined the end of the input. */
  H: 1,
  /** Depth of recursive rules, and whether the limit was hit. */
  D: 2,
  DEEP: 3,
  /** Number of events. */
  EV: 4,
  /**
   * Whether the match depended on the input's end in a way that leaves H
   * as it was (`end` succeeding, a space skip that found the end at once).
   * Not part of the result: it tells the JavaScript side, which may copy
   * only a slice of a long input, that the slice's end was looked at.
   */
  Y: 5,
  /** The input's length. */
  N: 6,
  /** The code of position p is at byte address 2p + ADJ (ADJ: the slice's first code's address, less 2 x its position). */
  ADJ: 7,
  /** Where the events lie, and how many fit. */
  EV0: 8,
  CAP: 9,
  /** 1 while `many` keeps only the events of the rules in the capture mask. */
  MASKED: 10,
} as const;

export const GLOBAL_COUNT = 11;

/** The capture mask (see the memory layout): one bit per captured rule, 256 at most. */
export const MASK_BASE = 32;
export const MASK_BITS = 256;

/** Where `run` and `skip` leave the state, as i32 indices into memory. */
export const STATE = {
  F: 0,
  H: 1,
  DEEP: 2,
  EV: 3,
  Y: 4,
  /** `many`: how many matches it took (their events are the first EV). */
  TAKEN: 5,
} as const;

export const TABLES_BASE = 64;
/** A table per character class: one byte per code 0-256. */
export const TABLE_SIZE = 257;

/** Function types. */
export const TYPE = {
  /** () -> () */
  none: 0,
  /** (i32) -> () */
  one: 1,
  /** (i32, i32, i32) -> () */
  three: 2,
  /** (i32) -> i32: rules and `sk` */
  rule: 3,
  /** (entry, at, n, adj) -> i32: `run` */
  run: 4,
  /** (at, n, adj) -> i32: `skip` */
  skip: 5,
  /** (entry, at, n, adj, lastRule, maxLength, masked) -> i32: `many` */
  many: 6,
} as const;
// `summarise` (from) -> i32 is of type `rule`.

/** Function numbers: the imported `grow` first, then the helpers, then the rules from FIRST_RULE. */
export const FN = {
  /** Imported: make room for twice as many events (moves the start and end arrays). */
  grow: 0,
  /** A failure at p: F = max(F, p). (Rule functions write it out where they fail.) */
  fail: 1,
  /** A terminal failed at p: (p, terminal address, length). */
  tfail: 2,
  /** Ohm's implicit spaces. */
  sk: 3,
  run: 4,
  skip: 5,
  many: 6,
} as const;

export const FIRST_RULE = 7;

/** Pushes the address of the code of position (local) `v`: 2v + ADJ (ADJ held in local `adj`). */
export function codeAddress(f: FunctionBuilder, v: number, adj: number): void {
  f.get(v).get(v).add().get(adj).add();
}

/**
 * Pushes the code of position (local) `v`, `offset` positions further on:
 * i32.load16_u at codeAddress. What every function that reads the input emits.
 */
export function codeAt(f: FunctionBuilder, v: number, adj: number, offset = 0): void {
  codeAddress(f, v, adj);
  f.load16u(2 * offset);
}
