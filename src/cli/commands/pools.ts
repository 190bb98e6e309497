import { InvalidArgumentError, Option } from 'commander';
import { LeasecheckError } from '../../errors.js';
import { ExitCode } from '../exit-codes.js';
import { loadConfigOption, nagiosLevelOptions, nagiosRangeOption, parseTime } from '../options.js';
import type { NagiosRange } from '../../pools/alarm.js';
import type { RegisterCommand } from './index.js';

interface PoolsCliOptions {
  config?: string;
  json?: boolean;
  format?: 'text' | 'json' | 'csv' | 'nagios' | 'prometheus';
  warning?: NagiosRange;
  critical?: NagiosRange;
  warnCount?: number;
  critCount?: number;
  output?: string;
  now?: Date;
}

const nagiosRange = nagiosRangeOption(
  'expected a percentage or a Nagios range (80, 10:, ~:90, @10:20)',
);

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

export const registerPools: RegisterCommand = (program, io, setExit) => {
  const usedLevels = nagiosLevelOptions(
    'a range or shared network has this percentage used',
    { warning: 'Nagios range; default 80', critical: 'Nagios range; default 90' },
    nagiosRange,
  );
  program
    .command('pools')
    .description(
      "How full each range, shared network and the whole server is (what dhcpd-pools reports), counted by the state of each address's last lease declaration as dhcpd loads it.",
    )
    .argument('<file>', 'the lease file, e.g. /var/lib/dhcp/dhcpd.leases')
    .requiredOption('--config <file>', 'dhcpd.conf (its includes are followed)')
    .option('--json', 'print the report as JSON (same as --format json)')
    .addOption(
      new Option('--format <format>', 'output format').choices([
        'text',
        'json',
        'csv',
        'nagios',
        'prometheus',
      ]),
    )
    .addOption(usedLevels.warning)
    .addOption(usedLevels.critical)
    .option('--warn-count <n>', 'nagios: WARNING only when fewer than N addresses are free', count)
    .option('--crit-count <n>', 'nagios: CRITICAL only when fewer than N addresses are free', count)
    .option('--output <file>', 'nagios/prometheus: write to FILE atomically instead of stdout')
    .option(
      '--now <time>',
      'also count the used addresses whose lease ended by then (dhcpd frees them at start-up)',
      parseTime,
    )
    .action(async (file: string, options: PoolsCliOptions) => {
      const format = options.format ?? (options.json ? 'json' : 'text');
      if (options.json && options.format !== undefined && options.format !== 'json') {
        throw new LeasecheckError(
          `--json and --format ${options.format} contradict each other`,
          ExitCode.Usage,
        );
      }
      const alarmOptions =
        options.warning ?? options.critical ?? options.warnCount ?? options.critCount;
      if (alarmOptions !== undefined && format !== 'nagios') {
        throw new LeasecheckError(
          `-w/-c/--warn-count/--crit-count: not used with --format ${format} (they are for --format nagios)`,
          ExitCode.Usage,
        );
      }
      if (options.output !== undefined && format !== 'nagios' && format !== 'prometheus') {
        throw new LeasecheckError(
          `--output: not used with --format ${format} (it is for --format nagios or prometheus)`,
          ExitCode.Usage,
        );
      }
      const { poolsReport, judgePools } = await import('../../pools/index.js');
      const render = await import('../render/pools.js');
      const monitor = format === 'nagios' || format === 'prometheus';
      let text: string;
      let exitCode: number;
      try {
        const config = (await loadConfigOption(options.config))!;
        const report = await poolsReport(file, config, options.now ? { now: options.now } : {});
        const problems = report.problems.length > 0;
        if (format === 'nagios') {
          const thresholds = {
            ...(options.warning ? { warning: options.warning } : {}),
            ...(options.critical ? { critical: options.critical } : {}),
            ...(options.warnCount !== undefined ? { warnCount: options.warnCount } : {}),
            ...(options.critCount !== undefined ? { critCount: options.critCount } : {}),
          };
          const alarm = judgePools(report, thresholds);
          const defaults = alarmOptions === undefined;
          text = render.renderPoolsNagios(report, alarm, {
            ...(defaults
              ? { warning: nagiosRange('80'), critical: nagiosRange('90') }
              : thresholds),
          });
          exitCode = alarm.exitCode;
        } else if (format === 'prometheus') {
          text = render.renderPoolsPrometheus(report, new Date());
          exitCode = ExitCode.Ok;
        } else {
          text =
            format === 'json'
              ? `${JSON.stringify(report, null, 2)}\n`
              : format === 'csv'
                ? render.renderPoolsCsv(report)
                : render.renderPoolsText(report, io.stdoutColumns);
          exitCode = problems ? ExitCode.Problems : ExitCode.Ok;
          if (problems) {
            io.err(
              report.problems.map((p) => `leasecheck: ${file}:${p.line}: ${p.message}\n`).join(''),
            );
          }
        }
      } catch (error) {
        // A monitor that cannot read its files says UNKNOWN, not a stack trace.
        if (format !== 'nagios' || !(error instanceof LeasecheckError)) throw error;
        text = `LEASECHECK POOLS UNKNOWN - ${error.message.replace(/[|\n]/g, ' ')}\n`;
        exitCode = 3;
      }
      if (monitor && options.output !== undefined) {
        const { writeFileAtomic } = await import('../../repair/write.js');
        try {
          writeFileAtomic(options.output, text);
        } catch (error) {
          if (error instanceof LeasecheckError) throw error;
          throw new LeasecheckError(`${options.output}: ${(error as Error).message}`);
        }
      } else {
        io.out(text);
      }
      setExit(exitCode);
    });
};
