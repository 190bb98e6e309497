import type { Command } from 'commander';
import { checkLeaseFile } from '../../check/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { collect, parsePositiveInteger, parseTime } from '../options.js';
import { renderCheckText } from '../render/check-text.js';
import { renderVerifyText, verifyLeaseFile } from '../../verify/index.js';
import { verifyStyle } from './verify.js';

interface CheckCliOptions {
  json?: boolean;
  now?: Date;
  maxProblems: number;
  log?: string[];
}

export function registerCheck(program: Command, io: CliIo, setExit: (code: number) => void): void {
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
    .addHelpText(
      'after',
      '\nExit codes: 0 clean, 4 problems found, 8 cannot read the file, 16 usage error.',
    )
    .action(async (file: string, options: CheckCliOptions) => {
      const report = await checkLeaseFile(file, {
        ...(options.now ? { now: options.now } : {}),
        maxProblems: options.maxProblems,
      });
      const verify = options.log
        ? await verifyLeaseFile(file, {
            logs: options.log,
            checkReport: report,
            ...(options.now ? { now: options.now } : {}),
          })
        : null;
      if (options.json)
        io.out(`${JSON.stringify(verify ? { ...report, verify } : report, null, 2)}\n`);
      else
        io.out(
          renderCheckText(report, io) + (verify ? renderVerifyText(verify, verifyStyle(io)) : ''),
        );
      setExit(
        report.verdict === 'clean' && (verify?.consistent ?? true)
          ? ExitCode.Ok
          : ExitCode.Problems,
      );
    });
}
