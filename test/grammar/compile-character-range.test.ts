// The grammar compiler on a tiny grammar built on character ranges
// ("0".."9", "a".."f", "A".."Z"): the generated recogniser must accept exactly
// what Ohm's own interpreter accepts, at both ends of each range and just
// outside them, for every latin1 character. A range compiled one character
// short (or long) shifts what a lease file's numbers and names may contain.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGrammar } from '../../src/grammar/compile/index.js';
import { ohmLibrary } from '../../src/grammar/ohm-lazy.js';

const source = String.raw`Tiny {
  number = "0".."9" ("0".."9" | "a".."f")* ";"
  tagged = "x" "A".."Z" "y"
  word = "a".."f" "x" | "0".."9" "y" | "G".."K" "z"
}`;

// The copy of Ohm the compiler inspects (its classes must match).
const grammar = ohmLibrary().grammar(source);
// number: ranges inside a character class; tagged: a range alone in a sequence;
// word: a choice dispatched on the first character of each alternative (first sets).
const entryRules = ['number', 'tagged', 'word'] as const;

type Recogniser = {
  matchRule(rule: (typeof entryRules)[number], input: string, at: number): number;
};

const dir = mkdtempSync(join(tmpdir(), 'leasecheck-compile-range-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function compiled(): Promise<Recogniser> {
  const result = compileGrammar(grammar, {
    source: 'tiny.ohm',
    entryRules,
    captureRules: [],
    maxDepth: 100,
  });
  if ('errors' in result) throw new Error(result.errors.join('\n'));
  const js = ts.transpileModule(result.code, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const file = join(dir, 'tiny-recogniser.mjs');
  writeFileSync(file, js);
  return (await import(pathToFileURL(file).href)) as Recogniser;
}

/** Inputs that put every latin1 character at each position a range decides. */
function inputs(rule: (typeof entryRules)[number]): string[] {
  const all = Array.from({ length: 256 }, (_, c) => String.fromCharCode(c));
  if (rule === 'number') return all.flatMap((c) => [`${c};`, `0${c};`, `9${c}f;`]);
  if (rule === 'tagged') return all.map((c) => `x${c}y`);
  return all.flatMap((c) => [`${c}x`, `${c}y`, `${c}z`]);
}

describe('a compiled grammar with character ranges', () => {
  it('accepts exactly what Ohm accepts, for every latin1 character at every range', async () => {
    const recogniser = await compiled();
    const disagreements: string[] = [];
    let accepted = 0;
    for (const rule of entryRules) {
      for (const input of inputs(rule)) {
        const ours = recogniser.matchRule(rule, input, 0) === input.length;
        const theirs = grammar.match(input, rule).succeeded();
        if (ours) accepted++;
        if (ours !== theirs) disagreements.push(`${rule} ${JSON.stringify(input)}: ohm ${theirs}`);
      }
    }
    expect(disagreements).toEqual([]);
    // number: 10 digits first, 16 digits or a-f second and in the middle; tagged: 26
    // capitals; word: a-f before x, digits before y, G-K before z.
    expect(accepted).toBe(10 + 16 + 16 + 26 + (6 + 10 + 5));
  });

  it('accepts the ends of each range and refuses the characters just outside', async () => {
    const recogniser = await compiled();
    const ok = (rule: (typeof entryRules)[number], input: string) =>
      recogniser.matchRule(rule, input, 0) === input.length;
    expect([ok('number', '0;'), ok('number', '9;'), ok('number', '/;'), ok('number', ':;')]).toEqual(
      [true, true, false, false],
    );
    expect([ok('number', '0a;'), ok('number', '0f;'), ok('number', '0`;'), ok('number', '0g;')]).toEqual(
      [true, true, false, false],
    );
    expect([ok('tagged', 'xAy'), ok('tagged', 'xZy'), ok('tagged', 'x@y'), ok('tagged', 'x[y')]).toEqual(
      [true, true, false, false],
    );
    expect([ok('word', 'Gz'), ok('word', 'Kz'), ok('word', 'Fz'), ok('word', 'Lz')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
