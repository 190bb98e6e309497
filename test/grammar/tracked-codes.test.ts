import { describe, expect, it } from 'vitest';
import * as js from '../../src/grammar/generated/lease-recogniser.js';
import * as wasm from '../../src/grammar/generated/lease-recogniser-wasm.js';

/**
 * A tracked code array (trackCodes) is matched from one copy in the
 * WebAssembly module's memory, not copied per match: the scan window's
 * declarations cost one copy per window. The copy must never be read once
 * the array changed (its owner reports each change with codesChanged), and
 * a declaration longer than the copy must still be matched whole.
 */

const lease = (i: number, hostname = `h${i}`): string =>
  `lease 10.0.${i >> 8}.${i & 255} {\n  binding state active;\n  client-hostname "${hostname}";\n}\n`;

/** The code array of `text` with room after it, as the scan window keeps one. */
function windowOf(text: string, room: number): Uint16Array {
  const codes = new Uint16Array(room + wasm.CODE_PADDING).fill(wasm.END_CODE);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return codes;
}

/** Every declaration's end (where the match ends: before the newline after it), one after another from 0; -1 last when one fails. */
function ends(m: typeof js | typeof wasm, codes: Uint16Array, length: number): number[] {
  const found: number[] = [];
  let pos = 0;
  // Only matches, as the scanner's loop over leases makes them (anything else would copy anew).
  while (!onlySpaceFrom(codes, pos, length)) {
    const end = m.matchCodes('Declaration', codes, length, pos);
    found.push(end);
    if (end < 0) break;
    pos = end;
  }
  return found;
}

function onlySpaceFrom(codes: Uint16Array, from: number, length: number): boolean {
  for (let i = from; i < length; i++) if (codes[i] !== 10 && codes[i] !== 32) return false;
  return true;
}

describe('a tracked code array in the WebAssembly engine', () => {
  it('is read afresh after a reported change, also where the old copy still covers the place', () => {
    const text = Array.from({ length: 300 }, (_, i) => lease(i)).join('');
    const codes = windowOf(text, text.length);
    wasm.trackCodes(codes);
    expect(ends(wasm, codes, text.length)).toEqual(ends(js, codes, text.length));

    // Damage the 10th lease in place: `active` becomes `actXve`.
    const tenth = text.indexOf('active', lease(0).length * 9);
    codes[tenth + 3] = 'X'.charCodeAt(0);
    wasm.codesChanged(codes);
    const damaged = ends(wasm, codes, text.length);
    expect(damaged).toHaveLength(10);
    expect(damaged.at(-1)).toBe(-1);
    expect(damaged).toEqual(ends(js, codes, text.length));

    // Repaired again: all 300 match.
    codes[tenth + 3] = 'i'.charCodeAt(0);
    wasm.codesChanged(codes);
    expect(ends(wasm, codes, text.length)).toHaveLength(300);
  });

  it('sees a shorter input after the end sentinel moved in (the window hiding its last line)', () => {
    const text = Array.from({ length: 50 }, (_, i) => lease(i)).join('');
    const codes = windowOf(text, text.length);
    wasm.trackCodes(codes);
    expect(ends(wasm, codes, text.length)).toHaveLength(50);
    // End the input inside the 20th lease, as the window's end sentinel does.
    const cut = lease(0).length * 19 + 5;
    codes.fill(wasm.END_CODE, cut, cut + wasm.CODE_PADDING);
    wasm.codesChanged(codes);
    const found = ends(wasm, codes, cut);
    expect(found).toEqual(ends(js, codes, cut));
    expect(found.at(-1)).toBe(-1);
    expect(wasm.lastMatch.examinedEnd).toBe(true);
  });

  it('matches a declaration longer than one copy whole, and the ones after it', () => {
    // A 150,000-character host name: the lease is longer than the 64 KiB copied at once.
    const text = lease(0) + lease(1, 'x'.repeat(150_000)) + lease(2);
    const codes = windowOf(text, text.length);
    wasm.trackCodes(codes);
    const found = ends(wasm, codes, text.length);
    expect(found).toEqual(ends(js, codes, text.length));
    expect(found).toEqual([lease(0).length - 1, text.length - lease(2).length - 1, text.length - 1]);
  });
});
