import { omittableStatements, type OmittableStatement } from '../../arbitraries/options.js';
import { LeasecheckError } from '../../errors.js';
import type { FuzzKind, FuzzOptions } from '../../fuzz/index.js';
import { ExitCode } from '../exit-codes.js';
import { renderFuzzReport } from '../render/fuzz-text.js';
import type { RegisterCommand } from './index.js';
import { maxTimerMs } from '../../timers.js';

interface FuzzFlags {
  against: string;
  runs: string;
  seed?: string;
  path?: string;
  kind: string;
  family: string;
  expectWarnings?: string;
  timeout: string;
  timeLimit?: string;
  keep?: string;
  legacy?: boolean;
  omit?: string;
  json?: boolean;
}

const kindNames: FuzzKind[] = ['clean', 'truncated', 'corrupt'];

function integer(name: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^-?\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text)))
    throw new LeasecheckError(`${name} must be an integer >= ${min}, not "${text}"`, 16);
  if (Number(text) > max)
    throw new LeasecheckError(`${name} must be at most ${max}, not "${text}"`, 16);
  return Number(text);
}

/** Turns the command line into FuzzOptions; every mistake is a usage error (exit 16). */
export function parseFuzzFlags(flags: FuzzFlags): FuzzOptions {
  if (!flags.against.includes('{}'))
    throw new LeasecheckError('--against must contain {} where the lease file path goes', 16);
  const kinds =
    flags.kind === 'all'
      ? kindNames
      : flags.kind.split(',').map((k) => {
          if (!kindNames.includes(k as FuzzKind))
            throw new LeasecheckError(
              `--kind must be clean, truncated, corrupt or all, not "${k}"`,
              16,
            );
          return k as FuzzKind;
        });
  if (!['v4', 'v6', 'any'].includes(flags.family))
    throw new LeasecheckError(`--family must be v4, v6 or any, not "${flags.family}"`, 16);
  let expectWarnings: RegExp | undefined;
  if (flags.expectWarnings !== undefined) {
    try {
      expectWarnings = new RegExp(flags.expectWarnings, 'm');
    } catch (error) {
      throw new LeasecheckError(`--expect-warnings: ${(error as Error).message}`, 16);
    }
  }
  const omit = (flags.omit ?? '')
    .split(',')
    .filter((name) => name !== '')
    .map((name) => {
      if (!(omittableStatements as readonly string[]).includes(name))
        throw new LeasecheckError(
          `--omit: unknown statement "${name}" (one of ${omittableStatements.join(', ')})`,
          16,
        );
      return name as OmittableStatement;
    });
  return {
    against: flags.against,
    ...(flags.legacy ? { legacy: true } : {}),
    ...(omit.length > 0 ? { omit } : {}),
    runs: integer('--runs', flags.runs, 1),
    // A fresh seed each time unless told; it is printed, so any run can be replayed.
    seed:
      flags.seed !== undefined
        ? integer('--seed', flags.seed, -2147483648)
        : Date.now() ^ (Math.random() * 0x100000000),
    ...(flags.path !== undefined ? { path: flags.path } : {}),
    kinds: [...new Set(kinds)],
    family: flags.family as FuzzOptions['family'],
    ...(expectWarnings ? { expectWarnings } : {}),
    timeoutMs: integer('--timeout', flags.timeout, 1, maxTimerMs),
    ...(flags.timeLimit !== undefined
      ? { timeLimitMs: integer('--time-limit', flags.timeLimit, 1) * 1000 }
      : {}),
    ...(flags.keep !== undefined ? { keepDir: flags.keep } : {}),
  };
}

export const registerFuzz: RegisterCommand = (program, io, setExit) => {
  program
    .command('fuzz')
    .description(
      'differential fuzzing: run another lease-file reader on generated clean, truncated and corrupt files and report (shrunk) the first file on which it and leasecheck disagree',
    )
    .requiredOption(
      '--against <command>',
      'shell command of the other reader; {} is replaced by the lease file, {conf} by a dhcpd.conf covering it, {-6} by -6 for v6 files',
    )
    .option('--runs <n>', 'generated files to try', '100')
    .option('--seed <n>', 'fast-check seed (printed; default: random)')
    .option('--path <path>', 'fast-check replay path of a counterexample (from a report)')
    .option('--kind <kind>', 'clean, truncated, corrupt, a comma list, or all', 'all')
    .option('--family <family>', 'v4, v6 or any', 'any')
    .option(
      '--expect-warnings <regex>',
      'judge the reader by its output: it found a problem when stdout+stderr match REGEX (for readers such as dhcpd -T that always exit 0)',
    )
    .option(
      '--legacy',
      'also generate the 3.x forms dhcpd still reads (abandoned;, bootp/reserved states, ddns-fwd-name, hex set values, dates with a zone offset)',
    )
    .option(
      '--omit <statements>',
      `lease statements to leave out, comma-separated: ${omittableStatements.join(', ')}`,
    )
    .option('--timeout <ms>', 'kill the reader after this many milliseconds', '30000')
    .option(
      '--time-limit <seconds>',
      'stop trying files and shrinking after this long; the smallest disagreement found so far is reported',
    )
    .option(
      '--keep <dir>',
      'directory for the shrunk counterexample (default: a new one under $TMPDIR)',
    )
    .option('--json', 'print the report as JSON')
    .action(async (flags: FuzzFlags) => {
      const options = parseFuzzFlags(flags);
      // fast-check and the generators load only when fuzzing (start-up time).
      const { runFuzz, checkVerdict } = await import('../../fuzz/index.js');
      const report = await runFuzz(options, checkVerdict);
      io.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : renderFuzzReport(io, report));
      setExit(report.disagreement ? ExitCode.Problems : ExitCode.Ok);
    });
};
