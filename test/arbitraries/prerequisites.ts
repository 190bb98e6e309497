import { existsSync } from 'node:fs';
import type { CheckReport } from '../../src/check/types.js';

/** fast-check parameters from the environment: FC_SEED and FC_RUNS replay or deepen a run. */
export function fcParams(defaultRuns: number): { numRuns: number; seed?: number } {
  const runs = Number(process.env.FC_RUNS ?? defaultRuns);
  const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
  return { numRuns: runs, ...(seed === undefined ? {} : { seed }) };
}

/** Under CI a missing prerequisite fails the test instead of skipping it. */
export const inCi = process.env.CI === 'true';

type CheckLeaseFile = (path: string, options: { now?: Date }) => Promise<CheckReport>;

const checkModule = new URL('../../src/check/index.ts', import.meta.url);

/** The lead's `checkLeaseFile`, or null while src/check/index.ts does not exist yet. */
export async function loadCheck(): Promise<CheckLeaseFile | null> {
  if (!existsSync(checkModule)) return null;
  const specifier = '../../src/check/index.js';
  const module = (await import(specifier)) as { checkLeaseFile: CheckLeaseFile };
  return module.checkLeaseFile;
}

export const checkMissing = existsSync(checkModule) ? null : 'src/check/index.ts (checkLeaseFile) does not exist yet';
