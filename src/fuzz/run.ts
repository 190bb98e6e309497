import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LeasecheckError } from '../errors.js';
import { fuzzCases } from './cases.js';
import { shellQuote } from '../shell-quote.js';
import { fillCommand, runReader } from './reader.js';
import type {
  Disagreement,
  FuzzCase,
  FuzzOptions,
  FuzzReport,
  LeasecheckOutcome,
  ReaderOutcome,
  VerdictOf,
} from './types.js';

interface CaseResult {
  agree: boolean;
  leasecheck: LeasecheckOutcome;
  reader: ReaderOutcome;
}

/** Writes the case where both readers look for it. */
function writeCase(dir: string, c: FuzzCase): { leasesPath: string; configPath: string } {
  const leasesPath = join(dir, 'dhcpd.leases');
  const configPath = join(dir, 'dhcpd.conf');
  writeFileSync(leasesPath, Buffer.from(c.leases, 'latin1'));
  writeFileSync(configPath, c.config);
  return { leasesPath, configPath };
}

async function judge(
  dir: string,
  c: FuzzCase,
  options: FuzzOptions,
  verdictOf: VerdictOf,
): Promise<CaseResult> {
  const { leasesPath, configPath } = writeCase(dir, c);
  let leasecheck: LeasecheckOutcome;
  try {
    const { verdict, warnings } = await verdictOf(leasesPath);
    // As `check` exits: 0 only for a clean file without a warning.
    leasecheck = { verdict, warnings, error: null, accepts: verdict === 'clean' && warnings === 0 };
  } catch (error) {
    // An operational error of leasecheck on a readable file is itself a finding.
    leasecheck = { verdict: null, warnings: 0, error: (error as Error).message, accepts: false };
  }
  const reader = await runReader(
    fillCommand(options.against, leasesPath, configPath, c.family),
    options.timeoutMs,
    options.expectWarnings,
  );
  const agree =
    leasecheck.error === null && !reader.timedOut && leasecheck.accepts === reader.accepts;
  return { agree, leasecheck, reader };
}

/** The command line that replays exactly this counterexample. */
function reproduce(options: FuzzOptions, seed: number, path: string): string {
  const parts = [
    'leasecheck fuzz',
    `--against ${shellQuote(options.against)}`,
    `--kind ${options.kinds.length === 3 ? 'all' : options.kinds.join(',')}`,
    `--family ${options.family}`,
    `--seed ${seed}`,
    `--path ${shellQuote(path)}`,
  ];
  if (options.legacy) parts.push('--legacy');
  if (options.omit && options.omit.length > 0) parts.push(`--omit ${options.omit.join(',')}`);
  if (options.expectWarnings)
    parts.push(`--expect-warnings ${shellQuote(options.expectWarnings.source)}`);
  return parts.join(' ');
}

/**
 * Differential fuzzing: generates files (fast-check, seeded), runs the
 * other reader and leasecheck on each, and when they disagree on whether a
 * file is sound, shrinks the file to a small one that still makes them
 * disagree and keeps it on disk.
 */
export async function runFuzz(options: FuzzOptions, verdictOf: VerdictOf): Promise<FuzzReport> {
  if (!options.against.includes('{}'))
    throw new LeasecheckError('--against must contain {} where the lease file path goes', 16);
  const work = mkdtempSync(join(tmpdir(), 'leasecheck-fuzz-'));
  let operational: unknown = null;
  let lastFailure: { c: FuzzCase; result: CaseResult } | null = null;
  try {
    const property = fc.asyncProperty(fuzzCases(options), async (c) => {
      if (operational) return true;
      try {
        const result = await judge(work, c, options, verdictOf);
        if (!result.agree) lastFailure = { c, result };
        return result.agree;
      } catch (error) {
        // Cannot run the reader at all: stop judging files; reported below.
        operational = error;
        return true;
      }
    });
    const details = await fc.check(property, {
      numRuns: options.runs,
      seed: options.seed,
      ...(options.path ? { path: options.path } : {}),
      ...(options.timeLimitMs !== undefined
        ? { interruptAfterTimeLimit: options.timeLimitMs }
        : {}),
    });
    if (operational) throw operational;
    const report: FuzzReport = {
      command: options.against,
      kinds: options.kinds,
      family: options.family,
      runs: options.runs,
      seed: options.seed,
      tried: details.numRuns,
      interrupted: details.interrupted,
      expectWarnings: options.expectWarnings?.source ?? null,
      disagreement: null,
    };
    if (!details.failed || !details.counterexample || !details.counterexamplePath) return report;
    const [c] = details.counterexample;
    // Judge the shrunk counterexample once more, in the directory where it is kept.
    const keep = options.keepDir ?? mkdtempSync(join(tmpdir(), 'leasecheck-fuzz-counterexample-'));
    mkdirSync(keep, { recursive: true });
    const result = await judge(keep, c, options, verdictOf).catch(
      () => lastFailure?.result ?? null,
    );
    if (!result)
      throw new LeasecheckError('the --against command failed while replaying the counterexample');
    const disagreement: Disagreement = {
      kind: c.kind,
      family: c.family,
      damage: c.damage,
      file: join(keep, 'dhcpd.leases'),
      config: join(keep, 'dhcpd.conf'),
      leasecheck: result.leasecheck,
      reader: result.reader,
      seed: details.seed,
      path: details.counterexamplePath,
      shrinks: details.numShrinks,
      reproduce: reproduce(options, details.seed, details.counterexamplePath),
    };
    return { ...report, disagreement };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
