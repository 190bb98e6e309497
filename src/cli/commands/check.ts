import { Option, type Command } from 'commander';
import { progressBar } from '../progress.js';
import { checkLeaseFile } from '../../check/index.js';
import { LeasecheckError } from '../../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { withStandardInput } from '../stdin.js';
import {
  collect,
  parsePositiveInteger,
  parseTime,
  loadConfigOption,
  nagiosLevelOptions,
  nagiosRangeOption,
} from '../options.js';
import { renderCheckText } from '../render/check-text.js';
import type { NagiosRange } from '../../monitor/nagios-range.js';
import { styleFor } from '../render/style.js';

interface CheckCliOptions {
  json?: boolean;
  format?: 'text' | 'json' | 'nagios' | 'prometheus';
  warning?: NagiosRange;
  critical?: NagiosRange;
  warningAge?: number;
  criticalAge?: number;
  output?: string;
  config?: string;
  now?: Date;
  maxProblems: number;
  log?: string[];
  host?: string;
}

/** `-w`/`-c`: a Nagios range on the file's age in seconds (`7200`, `60:`, `@0:30`). */
const ageRange = nagiosRangeOption(
  'expected seconds or a Nagios range (7200, 60:7200, ~:7200, @0:30)',
);

export function registerCheck(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const ageLevels = nagiosLevelOptions(
    'the seconds since the file was last written are outside this Nagios range',
    { warning: '7200: older than two hours', critical: '86400: older than a day' },
    ageRange,
  );
  program
    .command('check')
    .description(
      'Is this lease file whole? Reports a truncated tail or mid-file corruption with line, column and what was expected, and what dhcpd would do with it.',
    )
    .argument('<file>', 'the lease file, e.g. /var/lib/dhcp/dhcpd.leases')
    .option('--json', 'print the report as JSON (shape documented in the README)')
    .option(
      '--now <time>',
      'the time predictions use (ISO 8601 or epoch seconds); default: now',
      parseTime,
    )
    .option('--max-problems <n>', 'list at most this many problems', parsePositiveInteger, 20)
    .option(
      '--log <file>',
      "also verify against dhcpd's log, as `leasecheck verify` does (repeatable)",
      collect,
    )
    .option('--host <name>', 'with --log: the server to verify in a log gathered from several')
    .option(
      '--config <file>',
      "dhcpd.conf: report addresses in no range, unknown peers/classes/groups, and predict dhcpd's `Wrote N leases`",
    )
    .addOption(
      new Option('--format <format>', 'output format').choices([
        'text',
        'json',
        'nagios',
        'prometheus',
      ]),
    )
    .addOption(ageLevels.warning)
    .addOption(ageLevels.critical)
    .option('--warning-age <seconds>', 'nagios: the same as -w SECONDS', parsePositiveInteger)
    .option('--critical-age <seconds>', 'nagios: the same as -c SECONDS', parsePositiveInteger)
    .option('--output <file>', 'nagios/prometheus: write to FILE atomically instead of stdout')
    .action(async (file: string, options: CheckCliOptions) => {
      refuseIgnoredOptions(options);
      if (file !== '-') return runCheck(file, options, io, setExit);
      if (options.format === 'nagios' || options.format === 'prometheus' || options.log) {
        throw new LeasecheckError(
          '-: standard input cannot be checked with --format nagios/prometheus or --log (they need the file itself: its age, its name in the log)',
          ExitCode.Usage,
        );
      }
      await withStandardInput((copy) => runCheck(copy, options, io, setExit, '-'));
    });
}

/** Checks FILE (a copy of standard input, reported as SHOWN_AS) and prints the verdict. */
async function runCheck(
  file: string,
  options: CheckCliOptions,
  io: CliIo,
  setExit: (code: number) => void,
  shownAs: string = file,
): Promise<void> {
  // Monitoring, dhcpd.conf and log reading load only when asked for (start-up time).
  if (options.format === 'nagios' || options.format === 'prometheus') {
    const { runMonitorCheck } = await import('../../monitor/run.js');
    const monitored = await runMonitorCheck(
      file,
      {
        format: options.format,
        now: options.now ?? new Date(),
        ...(options.warning ? { warning: options.warning } : {}),
        ...(options.critical ? { critical: options.critical } : {}),
        ...(options.warningAge !== undefined ? { warningAge: options.warningAge } : {}),
        ...(options.criticalAge !== undefined ? { criticalAge: options.criticalAge } : {}),
        ...(options.output !== undefined ? { output: options.output } : {}),
        maxProblems: options.maxProblems,
      },
      checkLeaseFile,
    );
    if (monitored.text) io.out(monitored.text);
    setExit(monitored.exitCode);
    return;
  }
  const json = options.json || options.format === 'json';
  const config = await loadConfigOption(options.config);
  const progress = progressBar(io, !json);
  const checked = await checkLeaseFile(file, {
    ...(options.now ? { now: options.now } : {}),
    maxProblems: options.maxProblems,
    ...(config ? { config } : {}),
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.finish();
  const report = shownAs === file ? checked : { ...checked, file: shownAs };
  const verifyModule = options.log ? await import('../../verify/index.js') : null;
  const verify =
    verifyModule && options.log
      ? await verifyModule.verifyLeaseFile(file, {
          logs: options.log,
          ...(options.host ? { host: options.host } : {}),
          checkReport: report,
          ...(options.now ? { now: options.now } : {}),
          ...(config ? { config } : {}),
        })
      : null;
  if (json) io.out(`${JSON.stringify(verify ? { ...report, verify } : report, null, 2)}\n`);
  else {
    const verifyText = verify ? await import('../render/verify-text.js') : null;
    io.out(
      renderCheckText(report, io) +
        (verify && verifyText ? `\n${verifyText.renderVerifyText(verify, styleFor(io))}` : ''),
    );
  }
  // What dhcpd would drop or warn about under --config is a problem too, and so is
  // a warning (an empty file beside a non-empty FILE~, a uid dhcpd reads otherwise).
  const configFindings = report.config?.findings.length ?? 0;
  setExit(
    report.verdict === 'clean' &&
      (verify?.consistent ?? true) &&
      configFindings === 0 &&
      !report.problems.some((p) => p.severity === 'warning')
      ? ExitCode.Ok
      : ExitCode.Problems,
  );
}

/**
 * Options that one output format would leave unused are a usage error: a
 * monitor told to verify against the log must not say OK without having
 * looked at it.
 */
function refuseIgnoredOptions(options: CheckCliOptions): void {
  const monitor = options.format === 'nagios' || options.format === 'prometheus';
  const given = (names: Array<[string, unknown]>) =>
    names.filter(([, value]) => value !== undefined && value !== false).map(([name]) => name);
  const thresholds: Array<[string, unknown]> = [
    ['-w', options.warning],
    ['-c', options.critical],
    ['--warning-age', options.warningAge],
    ['--critical-age', options.criticalAge],
  ];
  const unused = monitor
    ? given([
        ['--log', options.log],
        ['--host', options.host],
        ['--config', options.config],
        ['--json', options.json],
        // Prometheus exports the age itself; the alert rule holds its thresholds.
        ...(options.format === 'prometheus' ? thresholds : []),
      ])
    : given([...thresholds, ['--output', options.output]]);
  if (options.host !== undefined && options.log === undefined)
    unused.push('--host (without --log)');
  for (const [range, seconds] of [
    ['-w', '--warning-age'],
    ['-c', '--critical-age'],
  ] as const) {
    const both = given(thresholds).filter((name) => name === range || name === seconds);
    if (both.length === 2) {
      throw new LeasecheckError(
        `${range} and ${seconds}: give one of them (${seconds} N is ${range} N)`,
        ExitCode.Usage,
      );
    }
  }
  if (unused.length === 0) return;
  const format = options.format ?? (options.json ? 'json' : 'text');
  throw new LeasecheckError(
    `${unused.join(', ')}: not used with --format ${format}` +
      (monitor
        ? ' (the monitoring formats report the file itself; run `leasecheck verify` or `check --config` as their own checks)'
        : ' (they are for --format nagios or prometheus)'),
    ExitCode.Usage,
  );
}
