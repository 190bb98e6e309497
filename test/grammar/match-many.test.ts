import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as js from '../../src/grammar/generated/lease-recogniser.js';
import * as wasm from '../../src/grammar/generated/lease-recogniser-wasm.js';
import { LEASE_SUMMARY_RULES } from '../../src/model/from-events.js';
import { propertyParameters, readFixture } from '../helpers.js';
import { anyLeaseFileText } from './byte-mutations.js';

/**
 * matchMany takes a run of ordinary lease matches in one call to the
 * WebAssembly module. Together with the match one at a time that the
 * scanner makes where a run stops, it must give exactly what matching one
 * declaration at a time with the JavaScript engine gives: the same leases,
 * each with the same extent and the same events (those the capture mask
 * keeps), and the same place where ordinary leases end.
 */

const LEASE_DECL = js.CAPTURED_RULES.indexOf('LeaseDecl');

interface Lease {
  start: number;
  end: number;
  events: number[][];
}

/** What the scanner's loop over leases sees: the ordinary leases, and the places it stops (resuming after each, as the scanner does). */
interface Walk {
  leases: Lease[];
  stops: number[];
}

/**
 * Where the scanner goes on after a stop at `pos`: after the declaration
 * when it matched, else at the next line that starts with a keyword (or
 * the end).
 */
function resumeAfter(codes: Uint16Array, length: number, pos: number): number {
  const end = js.matchCodes('Declaration', codes, length, pos);
  if (end > pos) return end;
  const from = Math.max(pos, js.lastMatch.failure) + 1;
  for (let i = from; i < length; i++) {
    if (codes[i - 1] === 10 && /[a-z]/.test(String.fromCharCode(codes[i]!))) return i;
  }
  return length;
}

const kept = (rule: number, keep: readonly number[] | null): boolean =>
  keep === null || keep.includes(rule) || rule === LEASE_DECL;

/** One ordinary lease match at `pos` with `m`'s matchCodes, or null. */
function oneLease(
  m: typeof js | typeof wasm,
  codes: Uint16Array,
  length: number,
  pos: number,
  maxLength: number,
  keep: readonly number[] | null,
): { lease: Lease; end: number } | null {
  const end = m.matchCodes('Declaration', codes, length, pos);
  const ev = m.matchEvents();
  if (end < 0 || m.lastMatch.examinedEnd || m.lastMatch.tooDeep || end - pos >= maxLength) return null;
  if (ev.count === 0 || ev.rule[ev.count - 1] !== LEASE_DECL) return null;
  const events: number[][] = [];
  for (let i = 0; i < ev.count; i++) {
    if (kept(ev.rule[i]!, keep)) events.push([ev.rule[i]!, ev.start[i]!, ev.end[i]!]);
  }
  return { lease: { start: ev.start[ev.count - 1]!, end, events }, end };
}

/** The reference: the JavaScript engine, one declaration at a time. */
function oneAtATime(codes: Uint16Array, length: number, maxLength: number, keep: readonly number[] | null): Walk {
  const leases: Lease[] = [];
  const stops: number[] = [];
  let pos = 0;
  while (pos < length) {
    const one = oneLease(js, codes, length, pos, maxLength, keep);
    if (one === null) {
      stops.push(pos);
      pos = resumeAfter(codes, length, pos);
      continue;
    }
    leases.push(one.lease);
    pos = one.end;
  }
  return { leases, stops };
}

/** matchMany runs, with a match one at a time (WebAssembly) wherever a run stops, as the scanner does. */
function inRuns(
  codes: Uint16Array,
  length: number,
  maxLength: number,
  keep: readonly number[] | null,
): Walk & { runs: number } {
  const leases: Lease[] = [];
  const stops: number[] = [];
  let pos = 0;
  let runs = 0;
  while (pos < length) {
    const taken = wasm.matchMany('Declaration', codes, length, pos, 'LeaseDecl', maxLength, keep);
    if (taken > 0) {
      runs++;
      const ev = wasm.matchEvents();
      let lease: number[][] = [];
      for (let i = 0; i < ev.count; i++) {
        lease.push([ev.rule[i]!, ev.start[i]!, ev.end[i]!]);
        if (ev.rule[i] === LEASE_DECL) {
          leases.push({ start: ev.start[i]!, end: ev.end[i]!, events: lease });
          lease = [];
        }
      }
      expect(lease).toEqual([]);
      expect(leases.at(-1)!.end).toBe(wasm.manyEnd());
      pos = wasm.manyEnd();
    } else {
      expect(wasm.manyEnd()).toBe(pos);
    }
    if (pos >= length) break;
    const one = oneLease(wasm, codes, length, pos, maxLength, keep);
    if (one === null) {
      stops.push(pos);
      pos = resumeAfter(codes, length, pos);
      continue;
    }
    leases.push(one.lease);
    pos = one.end;
  }
  return { leases, stops, runs };
}

function trackedCodes(text: string, length = text.length): Uint16Array {
  const codes = js.codesOf(text);
  codes.fill(js.END_CODE, length);
  wasm.trackCodes(codes);
  return codes;
}

function compare(text: string, length = text.length, maxLength = 1499): number {
  let runs = 0;
  for (const keep of [null, LEASE_SUMMARY_RULES]) {
    const codes = trackedCodes(text, length);
    const reference = oneAtATime(codes, length, maxLength, keep);
    const walked = inRuns(codes, length, maxLength, keep);
    expect({ leases: walked.leases, stops: walked.stops }).toEqual(reference);
    runs += walked.runs;
  }
  return runs;
}

const lease = (i: number, extra = ''): string =>
  `lease 10.0.${i >> 8}.${i & 255} {\n  starts 4 2026/01/01 00:00:00;\n  binding state active;\n  next binding state free;\n  hardware ethernet 00:11:22:33:44:${(i & 255).toString(16).padStart(2, '0')};\n${extra}}\n`;

describe('matchMany: runs of lease matches in one call', () => {
  it('takes a file of leases in runs, with the same leases and events as one at a time', () => {
    const text = Array.from({ length: 3000 }, (_, i) => lease(i)).join('');
    // About 400 KB: several 64 KiB copies, each a run.
    expect(compare(text)).toBeGreaterThan(2);
  });

  it('stops before what is not an ordinary lease: a host, damage, a long lease, the end', () => {
    const host = 'host h1 {\n  hardware ethernet 00:11:22:33:44:55;\n}\n';
    const long = lease(7, `  client-hostname "${'x'.repeat(2000)}";\n`);
    const damaged = 'lease 10.9.9.9 {\n  binding state act!ve;\n}\n';
    const parts = [lease(1), lease(2), host, lease(3), long, lease(4), damaged, lease(5)];
    const text = parts.join('');
    compare(text);
    // The reference stops at the host, the long lease, the damage and the file's last newline.
    const codes = trackedCodes(text);
    const before = (i: number): number => parts.slice(0, i).join('').length - 1;
    const walk = oneAtATime(codes, text.length, 1499, null);
    expect(walk.stops).toEqual([before(2), before(4), before(6), text.length - 1]);
    expect(walk.leases).toHaveLength(5);
    // A run stops before the long lease when it is longer than maxLength.
    compare(text, text.length, 200);
    // Cut inside the last lease: the one before the cut is the last taken.
    compare(text, text.length - 10);
  });

  it('keeps only the summary rules with the capture mask, and every event without it', () => {
    const text = Array.from({ length: 50 }, (_, i) => lease(i)).join('');
    const codes = trackedCodes(text);
    expect(wasm.matchMany('Declaration', codes, text.length, 0, 'LeaseDecl', 1499, LEASE_SUMMARY_RULES)).toBe(50);
    const masked = wasm.matchEvents().count;
    const rules = new Set(Array.from(wasm.matchEvents().rule.subarray(0, masked)));
    expect([...rules].every((r) => LEASE_SUMMARY_RULES.includes(r))).toBe(true);
    expect(wasm.matchMany('Declaration', codes, text.length, 0, 'LeaseDecl', 1499)).toBe(50);
    expect(wasm.matchEvents().count).toBeGreaterThan(masked);
    // A match one at a time after a masked run records every event again.
    wasm.matchMany('Declaration', codes, text.length, 0, 'LeaseDecl', 1499, LEASE_SUMMARY_RULES);
    const one = wasm.matchCodes('Declaration', codes, text.length, 0);
    expect(one).toBe(js.matchCodes('Declaration', codes, text.length, 0));
    expect(wasm.matchEvents().count).toBe(js.matchEvents().count);
  });

  it('takes nothing from an array that is not tracked', () => {
    const text = lease(1) + lease(2);
    const codes = js.codesOf(text);
    expect(wasm.matchMany('Declaration', codes, text.length, 0, 'LeaseDecl', 1499)).toBe(0);
    expect(wasm.manyEnd()).toBe(0);
  });

  it.each(['srv.leases', 'v6.leases', 'fo-secondary.leases', 'fo-primary.leases', 'enospc-truncated.leases'])(
    'agrees with one at a time on the fixture %s',
    (name) => {
      const text = readFixture(name);
      compare(text);
      compare(text, Math.floor(text.length / 2));
    },
  );

  it('agrees with one at a time on generated, cut, damaged and mutated files (fast-check)', () => {
    const text = anyLeaseFileText();
    fc.assert(
      fc.property(text, fc.nat(), fc.constantFrom(1499, 120), (t, cutSeed, maxLength) => {
        compare(t, t.length, maxLength);
        compare(t, cutSeed % (t.length + 1), maxLength);
      }),
      propertyParameters(80),
    );
  });
});
