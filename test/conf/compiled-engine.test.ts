import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statementsFromEvents } from '../../src/conf/from-events.js';
import { confGrammar, foldCase } from '../../src/conf/grammar.js';
import { parseConfText } from '../../src/conf/parse.js';
import { recogniseConf } from '../../src/conf/recognise.js';
import { sourceText } from '../../src/conf/source.js';
import { propertyParameters, realFixtureDir, repoRoot } from '../helpers.js';
import { planArb, renderPlan, styleArb } from '../pair/plan-arbitrary.js';
import { confTextArb } from './conf-arbitrary.js';
import { statementsOf } from './ohm-semantics.js';

/** Every .conf in the repository's fixtures. */
function confFixtures(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.conf')) found.push(path);
    }
  };
  walk(realFixtureDir);
  walk(join(repoRoot, 'test/fixtures/conf'));
  return found.sort();
}

const fixtures = confFixtures();
const fixtureText = (path: string): string => readFileSync(path, 'latin1');

/**
 * Reads `text` with both engines and holds them together: the same verdict,
 * on failure the same rightmost failure position (where the message points),
 * on success the same statements.
 */
function expectAgreement(text: string): void {
  const folded = foldCase(text);
  const compiled = recogniseConf(folded);
  expect(compiled.tooDeep).toBe(false);
  const fromEvents = compiled.succeeded ? statementsFromEvents(sourceText(text), folded) : null;
  const grammar = confGrammar();
  const match = grammar.match(folded, 'Config');
  expect(compiled.succeeded).toBe(match.succeeded());
  if (match.failed()) {
    expect(compiled.failure).toBe(match.getRightmostFailurePosition());
  } else {
    expect(fromEvents).toStrictEqual(statementsOf(grammar, match, sourceText(text)));
  }
}

/** Replaces the bytes at the given offsets. */
function mutate(text: string, edits: Array<[number, string]>): string {
  const chars = [...text];
  for (const [at, byte] of edits) if (chars.length > 0) chars[at % chars.length] = byte;
  return chars.join('');
}

const byteArb = fc.oneof(
  fc.constantFrom(
    '{',
    '}',
    ';',
    '"',
    '#',
    '\n',
    ' ',
    '/',
    ':',
    '.',
    ',',
    '\\',
    '\0',
    '\xff',
    'A',
    '9',
  ),
  fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
);

describe('the compiled dhcpd.conf recogniser', () => {
  it('finds conf fixtures to compare on', () => {
    expect(fixtures.length).toBeGreaterThan(10);
  });

  it.each(fixtures.map((path) => [path.slice(repoRoot.length)]))(
    'reads %s to the same statements as the Ohm semantics',
    (path) => {
      const text = fixtureText(join(repoRoot, path));
      expect(recogniseConf(foldCase(text)).succeeded).toBe(true);
      expectAgreement(text);
    },
  );

  it.each([
    'real-dhcpd/fo-primary.conf',
    'real-dhcpd/v6.conf',
    'conf/include/main.conf',
    'conf/pair/site-secondary-reformatted.d/failover.conf',
    'conf/v6/v6-reformatted.conf',
    'real-dhcpd/fo-secondary.conf',
  ])('agrees with Ohm on every truncation of %s', (name) => {
    const text = fixtureText(join(repoRoot, 'test/fixtures', name));
    for (let length = 0; length <= text.length; length++) expectAgreement(text.slice(0, length));
  });

  it('agrees with Ohm on generated dhcpd.conf texts covering every statement', () => {
    fc.assert(fc.property(confTextArb, expectAgreement), propertyParameters(300));
  });

  it('reads most generated texts (the success path is exercised, not only errors)', () => {
    const texts = fc.sample(confTextArb, { numRuns: 200, seed: 7 });
    const read = texts.filter((text) => recogniseConf(foldCase(text)).succeeded).length;
    expect(read).toBeGreaterThan(100);
  });

  it("agrees with Ohm on the pair tests' generated address plans in every style", () => {
    fc.assert(
      fc.property(
        planArb,
        fc.constantFrom('primary' as const, 'secondary' as const),
        styleArb,
        (plan, role, style) => expectAgreement(renderPlan(plan, role, style)),
      ),
      propertyParameters(100),
    );
  });

  it('agrees with Ohm on fixtures and generated texts with random bytes changed', () => {
    const source = fc.oneof(fc.constantFrom(...fixtures.map(fixtureText)), confTextArb);
    const edits = fc.array(fc.tuple(fc.nat(), byteArb), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(source, edits, (text, changes) => expectAgreement(mutate(text, changes))),
      propertyParameters(300),
    );
  });

  it('reads an opaque block of 200,000 tokens without running out of stack', () => {
    const [statement] = parseConfText(`if x { ${'a '.repeat(200_000)}}\n`, 'big.conf');
    expect(statement?.kind === 'opaque' && statement.block?.length).toBe(2 + 200_000 * 2 + 1);
  });

  it('refuses characters beyond latin1 with a clear error: a dhcpd.conf is bytes', () => {
    expect(() => parseConfText('authoritative;\noption x "\u20ac";\n', 't')).toThrow(
      /^t:2: character U\+20AC is not a byte: a dhcpd\.conf is read as bytes \(latin1\)$/,
    );
    expect(() => parseConfText('authoritative; \u0100\n', 't')).toThrow(/^t:1: character U\+0100/);
  });

  it('refuses blocks nested beyond its depth limit with a clear error, however small the file', () => {
    const depth = 100;
    const text = `${'group {\n'.repeat(depth)}authoritative;\n${'}\n'.repeat(depth)}`;
    expect(recogniseConf(foldCase(text)).tooDeep).toBe(true);
    expect(() => parseConfText(text, 'deep.conf')).toThrow(
      /^deep\.conf: blocks nested too deeply to read$/,
    );
    // Shallower nesting is read.
    const shallow = `${'group {\n'.repeat(20)}authoritative;\n${'}\n'.repeat(20)}`;
    expect(parseConfText(shallow, 'ok.conf')).toHaveLength(1);
  });
});
