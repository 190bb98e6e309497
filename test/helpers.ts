import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/**
 * Shared test helpers: the repository's root, fixture paths, temporary
 * directories (removed at the end of the test file), and the seed every
 * property test prints.
 */

/** The real-dhcpd fixtures: a copy in test/fixtures/real-dhcpd/, else the shared/ folder beside the repository. */
export function fixturePath(name: string): string {
  const candidates = [
    fileURLToPath(new URL(`fixtures/real-dhcpd/${name}`, import.meta.url)),
    fileURLToPath(new URL(`../../shared/fixtures/real-dhcpd/${name}`, import.meta.url)),
  ];
  for (const path of candidates) {
    try {
      readFileSync(path);
      return path;
    } catch {
      // try the next place
    }
  }
  throw new Error(`fixture ${name} not found in ${candidates.join(' or ')}`);
}

export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), 'latin1');
}

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const made: string[] = [];
// Each test file that imports these helpers gets its own copy of this module:
// its temporary directories are removed when its tests are done.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory `leasecheck-<label>-XXXXXX`, removed after the test file's last test. */
export function tempDir(label = 'test'): string {
  const dir = mkdtempSync(join(tmpdir(), `leasecheck-${label}-`));
  made.push(dir);
  return dir;
}

/** Writes `text` (as latin1: one byte per character) to `dir/name`; returns the path. */
export function write(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, 'latin1');
  return path;
}

/** The files written by the real dhcpd 4.4.3-P1, copied into the repository (see its README.md). */
export const realFixtureDir = fileURLToPath(new URL('fixtures/real-dhcpd', import.meta.url));

/**
 * fast-check parameters: a seed from LEASECHECK_SEED (or a fresh one), printed
 * so that any failure can be replayed; more runs with LEASECHECK_LONG=1.
 */
export function propertyParameters(numRuns: number): { seed: number; numRuns: number } {
  const seed = process.env.LEASECHECK_SEED
    ? Number(process.env.LEASECHECK_SEED)
    : Date.now() ^ (Math.random() * 0x7fffffff);
  const runs = process.env.LEASECHECK_LONG ? numRuns * 10 : numRuns;
  console.log(`fast-check seed ${seed} (replay with LEASECHECK_SEED=${seed}), ${runs} runs`);
  return { seed, numRuns: runs };
}
