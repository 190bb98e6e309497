import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corruptedLeasesFile, leasesFile, truncatedLeasesFile } from '../../src/arbitraries/index.js';
import * as js from '../../src/grammar/generated/lease-recogniser.js';
import * as wasm from '../../src/grammar/generated/lease-recogniser-wasm.js';
import { propertyParameters, readFixture } from '../helpers.js';
import { mutatedText } from './byte-mutations.js';
import { leaseRecogniserOptions } from '../../src/grammar/lease-recogniser-options.js';

/**
 * The WebAssembly recogniser must be the JavaScript one in every observable:
 * end position, rightmost failure F, H (examined the end), DEEP and every
 * event, on every entry rule, for strings and for code arrays (where it
 * copies a slice and runs again on the rest when the slice's end was looked
 * at), whatever the input: generated lease files, cut ones, damaged ones.
 */

type Engine = typeof js | typeof wasm;

interface Observation {
  end: number;
  failure: number;
  examinedEnd: boolean;
  tooDeep: boolean;
  events: number[][];
}

function observe(engine: Engine, end: number): Observation {
  const m = engine.lastMatch;
  const ev = engine.matchEvents();
  const events: number[][] = [];
  expect(ev.count).toBe(m.eventCount);
  for (let i = 0; i < m.eventCount; i++) {
    events.push([ev.rule[i]!, ev.start[i]!, ev.end[i]!]);
    expect([m.eventRule(i), m.eventStart(i), m.eventEnd(i)]).toEqual(events[i]);
  }
  return { end, failure: m.failure, examinedEnd: m.examinedEnd, tooDeep: m.tooDeep, events };
}

function codesOf(text: string, length = text.length): Uint16Array {
  const codes = js.codesOf(text);
  codes.fill(js.END_CODE, length);
  return codes;
}

/**
 * Walks a text declaration by declaration as the scanner does (skip spaces,
 * match a Declaration, go on from its end, or past the failure), comparing
 * the engines at every step, on code arrays cut at `length`. Returns how
 * many steps it compared.
 */
function compareWalk(text: string, length = text.length): number {
  const codes = codesOf(text, length);
  let pos = 0;
  let steps = 0;
  while (pos <= length && steps < 5000) {
    const skipJs = js.skipSpacesInCodes(codes, length, pos);
    const a = observe(js, skipJs);
    const skipWasm = wasm.skipSpacesInCodes(codes, length, pos);
    expect({ step: steps, pos, ...observe(wasm, skipWasm) }).toEqual({ step: steps, pos, ...a });
    pos = skipJs;
    const endJs = js.matchCodes('Declaration', codes, length, pos);
    const b = observe(js, endJs);
    const endWasm = wasm.matchCodes('Declaration', codes, length, pos);
    expect({ step: steps, pos, ...observe(wasm, endWasm) }).toEqual({ step: steps, pos, ...b });
    steps++;
    if (pos >= length) break;
    pos = endJs > pos ? endJs : Math.max(pos + 1, b.failure + 1);
  }
  return steps;
}

/** Every entry rule on the whole string at 0 and at a few positions. */
function compareEntries(text: string, positions: number[]): void {
  // Every rule callers may start from, as the recognisers are compiled.
  const entries = leaseRecogniserOptions.entryRules as readonly js.EntryRule[];
  for (const rule of entries) {
    for (const at of [0, ...positions.filter((p) => p <= text.length)]) {
      const a = observe(js, js.matchRule(rule, text, at));
      const b = observe(wasm, wasm.matchRule(rule, text, at));
      expect({ rule, at, ...b }).toEqual({ rule, at, ...a });
    }
  }
  for (const at of [0, ...positions.filter((p) => p <= text.length)]) {
    const a = observe(js, js.skipSpaces(text, at));
    const b = observe(wasm, wasm.skipSpaces(text, at));
    expect({ skip: at, ...b }).toEqual({ skip: at, ...a });
  }
}

describe('WebAssembly recogniser vs JavaScript recogniser', () => {
  it('exports the same constants and captured rules', () => {
    expect(wasm.END_CODE).toBe(js.END_CODE);
    expect(wasm.CODE_PADDING).toBe(js.CODE_PADDING);
    expect(wasm.CAPTURED_RULES).toEqual(js.CAPTURED_RULES);
    expect(wasm.codesOf('ab\xff')).toEqual(js.codesOf('ab\xff'));
  });

  it.each(['srv.leases', 'v6.leases', 'fo-secondary.leases', 'fo-primary.leases', 'enospc-truncated.leases'])(
    'agrees on the fixture %s, declaration by declaration and as a whole',
    (name) => {
      const text = readFixture(name);
      expect(compareWalk(text)).toBeGreaterThan(0);
      compareEntries(text, [1, Math.floor(text.length / 2), text.length - 1, text.length]);
    },
  );

  it('agrees on a file whose matches need more than one slice (a declaration longer than 4 KiB)', () => {
    const long = `lease 10.0.0.1 {\n  client-hostname "${'x'.repeat(9000)}";\n  binding state active;\n}\n`;
    const text = `${long}${long}lease 10.0.0.2 {\n  binding state free;\n`;
    expect(compareWalk(text)).toBeGreaterThan(2);
    for (const cut of [4000, 4097, 9010, 9030, long.length - 1]) compareWalk(text, cut);
    compareEntries(text, [long.length, text.length - 5]);
  });

  it('agrees on strings with characters past latin1 (no byte: in no class, equal to no terminal)', () => {
    const text = 'lease 10.0.0.1 {\n  client-hostname "\u0101\u20ac";\n  binding state active;\n}\nlease \u0100 {\n';
    compareEntries(text, [17, 38, 62, text.length - 3]);
  });

  it('agrees on nesting past the depth limit (DEEP) and just under it', () => {
    for (const depth of [1499, 1500, 1501, 3000]) {
      const text = `lease 10.0.0.1 {\n  on expiry ${'{ '.repeat(depth)}${'}'.repeat(depth)}\n}\n`;
      compareWalk(text);
      compareEntries(text, [17]);
    }
  });

  it('grows its event arrays on a file of many declarations matched at once', () => {
    const one = 'lease 10.0.0.1 {\n  starts 4 2026/01/01 00:00:00;\n  binding state active;\n  hardware ethernet 00:11:22:33:44:55;\n}\n';
    const text = one.repeat(2000);
    compareEntries(text, []);
    const end = wasm.matchRule('LeaseFile', text, 0);
    expect(observe(wasm, end)).toEqual(observe(js, js.matchRule('LeaseFile', text, 0)));
    // LeaseFile leaves the trailing newline to the spaces after it.
    expect(end).toBe(text.length - 1);
    expect(wasm.lastMatch.eventCount).toBeGreaterThan(4096);
  });

  it('agrees on generated, cut and damaged lease files (fast-check)', () => {
    const text = fc.oneof(
      leasesFile(),
      truncatedLeasesFile().map((t) => t.text),
      corruptedLeasesFile().map((c) => c.text),
    );
    fc.assert(
      fc.property(text, fc.nat(), (t, cutSeed) => {
        compareWalk(t);
        // A window hiding its tail, as the scanner's does.
        compareWalk(t, cutSeed % (t.length + 1));
        compareEntries(t, [cutSeed % (t.length + 1)]);
      }),
      propertyParameters(60),
    );
  });

  it('agrees on random byte mutations of real files (fast-check)', () => {
    const texts = ['srv.leases', 'v6.leases', 'fo-secondary.leases'].map(readFixture);
    fc.assert(
      fc.property(mutatedText(texts), (text) => {
        compareWalk(text);
      }),
      propertyParameters(100),
    );
  });
});
