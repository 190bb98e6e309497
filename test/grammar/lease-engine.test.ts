import { describe, expect, it, vi } from 'vitest';
import * as js from '../../src/grammar/generated/lease-recogniser.js';
import * as wasm from '../../src/grammar/generated/lease-recogniser-wasm.js';
import * as engine from '../../src/grammar/lease-engine.js';

/**
 * lease-engine.ts hands the matching over from the JavaScript engine to the
 * WebAssembly one after the first 4 KiB. Across the handover, every match's
 * state and events must be read from the engine that made them: the same
 * results as the JavaScript engine alone, at every step.
 */
function snapshot(m: typeof engine | typeof js, end: number): unknown {
  const ev = m.matchEvents();
  const events = Array.from({ length: ev.count }, (_, i) => [ev.rule[i], ev.start[i], ev.end[i]]);
  const viaLastMatch = Array.from({ length: m.lastMatch.eventCount }, (_, i) => [
    m.lastMatch.eventRule(i),
    m.lastMatch.eventStart(i),
    m.lastMatch.eventEnd(i),
  ]);
  expect(viaLastMatch).toEqual(events);
  const { failure, examinedEnd, tooDeep } = m.lastMatch;
  return { end, failure, examinedEnd, tooDeep, events };
}

describe('the lease engine', () => {
  it('gives the JavaScript engine’s results declaration by declaration across the handover to WebAssembly', () => {
    const lease = (i: number): string =>
      `lease 10.0.${i >> 8}.${i & 255} {\n  starts 4 2026/01/01 00:00:00;\n  binding state active;\n}\n`;
    // About 200 KB, then a cut declaration: matches past 4 KiB, and a failure at the end.
    const text = `${Array.from({ length: 2500 }, (_, i) => lease(i)).join('')}lease 10.9.9.9 {\n  binding st`;
    const codes = js.codesOf(text);
    let pos = 0;
    let steps = 0;
    for (;;) {
      const skipped = engine.skipSpacesInCodes(codes, text.length, pos);
      expect(snapshot(engine, skipped)).toEqual(snapshot(js, js.skipSpacesInCodes(codes, text.length, pos)));
      pos = skipped;
      const end = engine.matchCodes('Declaration', codes, text.length, pos);
      const mine = snapshot(engine, end);
      expect({ steps, ...(mine as object) }).toEqual({
        steps,
        ...(snapshot(js, js.matchCodes('Declaration', codes, text.length, pos)) as object),
      });
      steps++;
      if (end < 0) break;
      pos = end;
    }
    expect(steps).toBe(2501);
    // The last match was the WebAssembly engine's: its own state is the one read.
    expect(wasm.lastMatch.examinedEnd).toBe(true);
    expect(wasm.lastMatch.failure).toBe(engine.lastMatch.failure);
    // Strings too, after the handover.
    const end = engine.matchRule('LeaseFile', text, 0);
    expect(snapshot(engine, end)).toEqual(snapshot(js, js.matchRule('LeaseFile', text, 0)));
  });

  it('matches a scan of 64 KiB or more with WebAssembly from its first declaration, a smaller one with JavaScript first', async () => {
    const firstMatchBy = async (bytes: number) => {
      // Fresh modules: the handover of a scan before would carry over.
      vi.resetModules();
      const freshJs = await import('../../src/grammar/generated/lease-recogniser.js');
      const freshWasm = await import('../../src/grammar/generated/lease-recogniser-wasm.js');
      const fresh = await import('../../src/grammar/lease-engine.js');
      const text = 'lease 10.0.0.1 {\n  binding state active;\n}\n';
      const codes = freshJs.codesOf(text);
      const end = fresh.whileMatching(bytes, () => fresh.matchCodes('Declaration', codes, text.length, 0));
      expect(end).toBe(text.length - 1);
      expect(fresh.lastMatch.eventCount).toBeGreaterThan(0);
      if (freshWasm.lastMatch.eventCount === fresh.lastMatch.eventCount) return 'WebAssembly';
      expect(freshJs.lastMatch.eventCount).toBe(fresh.lastMatch.eventCount);
      return 'JavaScript';
    };
    expect(await firstMatchBy(64 * 1024)).toBe('WebAssembly');
    expect(await firstMatchBy(64 * 1024 - 1)).toBe('JavaScript');
  });
});
