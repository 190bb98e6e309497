/** fast-check parameters from the environment: FC_SEED and FC_RUNS replay or deepen a run. */
export function fcParams(defaultRuns: number): { numRuns: number; seed?: number } {
  const runs = Number(process.env.FC_RUNS ?? defaultRuns);
  const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
  return { numRuns: runs, ...(seed === undefined ? {} : { seed }) };
}

/** Under CI a missing prerequisite fails the test instead of skipping it. */
export const inCi = process.env.CI === 'true';
