import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { scanInParallel } from '../../src/check/parallel.js';
import { propertyParameters, readFixture } from '../helpers.js';

/**
 * A large file is checked on two threads, cut near its middle at a line that
 * starts a declaration. Whatever the file holds, and wherever that cut falls
 * (between two declarations, inside a string, inside damage), the report
 * must be the one a single scan gives.
 */

const dir = mkdtempSync(join(tmpdir(), 'leasecheck-parallel-'));
let counter = 0;
function write(text: string): string {
  const path = join(dir, `f${counter++}.leases`);
  writeFileSync(path, Buffer.from(text, 'latin1'));
  return path;
}
const now = new Date('2026-11-28T13:00:00Z');

async function bothWays(path: string, maxProblems = 20) {
  const single = await checkLeaseFile(path, { now, maxProblems, parallelMinBytes: Infinity });
  const parallel = await checkLeaseFile(path, { now, maxProblems, parallelMinBytes: 0 });
  return { single, parallel };
}

const fixtures = ['fo-primary.leases', 'fo-secondary.leases', 'v6.leases', 'srv.leases'];
/** Several fixtures in a row: failover states, v4 and v6 declarations on both sides of the middle. */
const mixed = fixtures.map(readFixture).join('\n');

describe('check on two threads', () => {
  it.each(fixtures)('gives the single-thread report for %s', async (name) => {
    const { single, parallel } = await bothWays(write(readFixture(name)));
    expect(parallel).toEqual(single);
  });

  it('gives the single-thread report, line numbers included, for a mixed file with damage on both sides of the middle', async () => {
    const middle = mixed.length >> 1;
    const damaged =
      mixed.slice(0, 200) + mixed.slice(200).replace('binding state', 'binding stat') + '\n';
    const cutNear = damaged.indexOf('\nlease ', middle);
    const text = `${damaged.slice(0, cutNear - 20)}@@${damaged.slice(cutNear - 18)}`;
    const { single, parallel } = await bothWays(write(text));
    expect(single.verdict).toBe('corrupt');
    expect(single.problems.length).toBeGreaterThanOrEqual(2);
    expect(parallel).toEqual(single);
  });

  it('joins the two parts of a clean file (it does not fall back to one scan)', async () => {
    const path = write(mixed);
    const joined = await scanInParallel(path, statSync(path).size, 20, {});
    expect(joined).not.toBeNull();
    expect(joined!.failureCount).toBe(0);
    expect(joined!.summary.endedInsideMatch).toBe(false);
  });

  it('falls back to one scan when the cut falls inside a string, with the same report', async () => {
    // A client-hostname holding a newline followed by "lease ", placed so
    // that it is the first line after the middle that looks like the start
    // of a declaration: the cut falls inside the string.
    const head = readFixture('fo-primary.leases');
    const name = `${'x'.repeat(20_000)}\nlease 10.0.0.8 {${'y'.repeat(100)}`;
    const text = `${head}lease 10.0.0.9 {\n  client-hostname "${name}";\n  binding state free;\n}\n${head}`;
    const path = write(text);
    expect(await scanInParallel(path, statSync(path).size, 20, {})).toBeNull();
    const { single, parallel } = await bothWays(path);
    expect(single.verdict).toBe('clean');
    expect(parallel).toEqual(single);
  });

  it('keeps the first problems and the last one, across the cut, as a single scan does', async () => {
    const lines = Array.from(
      { length: 60 },
      (_, i) => `lease 10.0.${i}.1 { binding state bogus; }\n`,
    );
    const { single, parallel } = await bothWays(write(lines.join('')), 5);
    expect(single.problems).toHaveLength(5);
    expect(single.problemsTruncated).toBe(true);
    expect(parallel).toEqual(single);
  });

  it('agrees with a single scan on truncations and byte changes anywhere', async () => {
    const path = join(dir, 'property.leases');
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: mixed.length - 1 }),
        fc.constantFrom('cut', 'byte', 'newline-lease'),
        fc.integer({ min: 0, max: 255 }),
        async (at, change, byte) => {
          const text =
            change === 'cut'
              ? mixed.slice(0, at)
              : change === 'byte'
                ? mixed.slice(0, at) + String.fromCharCode(byte) + mixed.slice(at + 1)
                : `${mixed.slice(0, at)}\nlease ${mixed.slice(at)}`;
          writeFileSync(path, Buffer.from(text, 'latin1'));
          const { single, parallel } = await bothWays(path);
          expect(parallel).toEqual(single);
        },
      ),
      propertyParameters(40),
    );
  }, 120_000);
});
