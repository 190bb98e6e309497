// leasecheck itself, as the differential tests see it: the library function
// `checkLeaseFile` (loaded lazily, since other parts of the project may not
// exist yet) and the real CLI, `node bin/leasecheck.js`, run as a child process.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckReport } from '../../src/check/types.js';
import { describe, it } from 'vitest';
import { run, type RunResult } from './exec.js';
import { isCi } from './prerequisites.js';

import { repoRoot } from '../helpers.js';

export { repoRoot };

export type CheckLeaseFile = (
  path: string,
  options: { now?: Date; maxProblems?: number },
) => Promise<CheckReport>;

/** Imports a module of the project by its path from the repository root, or null when it is not there (yet). */
export async function importOptional(
  pathFromRoot: string,
): Promise<Record<string, unknown> | null> {
  const source = join(repoRoot, pathFromRoot.replace(/\.js$/, '.ts'));
  if (!existsSync(source)) return null;
  const specifier = join(repoRoot, pathFromRoot);
  return (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
}

/** `checkLeaseFile` from src/check/index.ts, or null while it does not exist. */
export async function loadCheckLeaseFile(): Promise<CheckLeaseFile | null> {
  const module = await importOptional('src/check/index.js');
  const fn = module?.checkLeaseFile;
  return typeof fn === 'function' ? (fn as CheckLeaseFile) : null;
}

const bin = join(repoRoot, 'bin/leasecheck.js');

/** Runs `node bin/leasecheck.js ARGS` (needs the build in dist/: `npm run build`, which `npm ci` runs). */
export function leasecheck(
  args: readonly string[],
  options: { timeoutMs?: number; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return run([process.execPath, bin, ...args], {
    cwd: options.cwd ?? repoRoot,
    timeoutMs: options.timeoutMs ?? 60_000,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
}

const commandCache = new Map<string, Promise<boolean>>();

/** Whether the built CLI has subcommand `name` (its `--help` lists it). False when dist/ is not built. */
export function cliHasCommand(name: string): Promise<boolean> {
  let known = commandCache.get(name);
  if (known === undefined) {
    known = (async () => {
      if (!existsSync(join(repoRoot, 'dist/cli/main.js'))) return false;
      const help = await leasecheck(['--help']);
      return new RegExp(`^  ${name}\\b`, 'm').test(help.stdout);
    })();
    commandCache.set(name, known);
  }
  return known;
}

/** The subcommands among `names` that the built CLI lacks, as `leasecheck NAME` (all of them when dist/ is not built). */
export async function missingCommands(names: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const name of names) if (!(await cliHasCommand(name))) missing.push(`leasecheck ${name}`);
  return missing;
}

export interface FeatureGate {
  skip: boolean;
  reason: string;
}

/**
 * Tests written against parts of leasecheck still being built: they run as soon as every
 * part in `missing` exists. Until then they skip with a visible "waiting for …" (and a
 * `describe.todo` naming it) — but under CI=true only parts listed in `pending`
 * may be missing; anything else missing is a failure, so a renamed function cannot
 * silently turn a test off.
 */
export function gateOnFeatures(
  label: string,
  missing: readonly string[],
  pending: ReadonlySet<string>,
): FeatureGate {
  if (missing.length === 0) return { skip: false, reason: '' };
  const built = existsSync(join(repoRoot, 'dist/cli/main.js'));
  const reason = `waiting for ${missing.join(', ')}${built ? '' : ' (dist/ is not built: npm run build)'}`;
  const unexpected = missing.filter((name) => !pending.has(name));
  if (isCi() && unexpected.length > 0) {
    describe(`${label} (CI=true)`, () => {
      it('finds the parts of leasecheck it tests', () => {
        throw new Error(
          `${label}: ${unexpected.join(', ')} missing, and not listed as pending in test/real-dhcpd/pending.ts`,
        );
      });
    });
  } else {
    console.warn(`[real-dhcpd] ${label}: ${reason}`);
    describe.todo(`${label}: ${reason}`);
  }
  return { skip: true, reason };
}
