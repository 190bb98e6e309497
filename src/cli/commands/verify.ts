import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { collect, parseTime, loadConfigOption } from '../options.js';
import type { RegisterCommand } from './index.js';
import { styleFor } from '../render/style.js';

interface VerifyFlags {
  log: string[];
  host?: string;
  json?: boolean;
  config?: string;
  now?: Date;
}

export const registerVerify: RegisterCommand = (program: Command, io: CliIo, setExit) => {
  program
    .command('verify')
    .description(
      'Hold a lease file against dhcpd\'s own "Wrote N leases" log lines: has it lost anything the server last wrote?',
    )
    .argument('<file>', 'the lease file, e.g. /var/lib/dhcp/dhcpd.leases')
    .requiredOption(
      '--log <file>',
      "dhcpd's log: a file, - for stdin, or .gz (repeatable)",
      collect,
    )
    .option('--host <name>', 'verify against this host of a log gathered from several servers')
    .option(
      '--config <file>',
      "dhcpd.conf: report leases in no range and unknown peers/classes/groups, and explain dhcpd's counts with it",
    )
    .option(
      '--now <time>',
      'the time predictions use (ISO 8601 or epoch seconds); default: now',
      parseTime,
    )
    .option('--json', 'print the report as JSON (shape documented in the README)')
    .action(async (file: string, flags: VerifyFlags) => {
      // dhcpd.conf is read first: an unreadable one is an operational error (exit 8) before any work.
      const config = await loadConfigOption(flags.config);
      const { verifyLeaseFile } = await import('../../verify/index.js');
      const { renderVerifyText } = await import('../render/verify-text.js');
      const report = await verifyLeaseFile(file, {
        logs: flags.log,
        ...(flags.host !== undefined ? { host: flags.host } : {}),
        ...(flags.now ? { now: flags.now } : {}),
        ...(config ? { config } : {}),
      });
      io.out(
        flags.json
          ? `${JSON.stringify(report, null, 2)}\n`
          : renderVerifyText(report, styleFor(io)),
      );
      setExit(report.consistent ? ExitCode.Ok : ExitCode.Problems);
    });
};
