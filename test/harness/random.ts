// Seeds and sizes for the randomised real-dhcpd tests: a seed from
// LEASECHECK_SEED (else a fresh one, printed so a failure can be replayed) and
// longer runs with LEASECHECK_LONG=1.
export function isLong(): boolean {
  return ['1', 'true', 'yes'].includes((process.env.LEASECHECK_LONG ?? '').toLowerCase());
}

/** `normal` cases by default, `long` with LEASECHECK_LONG=1. */
export function runSize(normal: number, long: number): number {
  return isLong() ? long : normal;
}

/** The run's seed: LEASECHECK_SEED when set, else a new one. Printed either way. */
export function runSeed(label: string): number {
  const fromEnv = process.env.LEASECHECK_SEED;
  const seed =
    fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed))
    throw new Error(`LEASECHECK_SEED must be an integer, got ${fromEnv}`);
  console.info(`[real-dhcpd] ${label}: seed ${seed} (replay with LEASECHECK_SEED=${seed})`);
  return seed;
}

/** A small deterministic generator (mulberry32): integers in [0, n). */
export function randomInts(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}
