import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Shared test helpers: fixture paths, and the seed every property test prints. */

export const realFixtures = '/work/shared/fixtures/real-dhcpd';

/** The real-dhcpd fixtures: a copy in test/fixtures/real-dhcpd/, else the shared/ folder beside the repository. */
export function fixturePath(name: string): string {
  const candidates = [
    fileURLToPath(new URL(`fixtures/real-dhcpd/${name}`, import.meta.url)),
    fileURLToPath(new URL(`../../shared/fixtures/real-dhcpd/${name}`, import.meta.url)),
    `${realFixtures}/${name}`,
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
