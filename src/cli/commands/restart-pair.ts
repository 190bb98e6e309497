import { LeasecheckError } from '../../errors.js';
import type { RestartPairOptions, ServerTarget } from '../../restart-pair/types.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { renderEventLine, renderOutcomeText } from '../render/restart-pair-text.js';
import type { RegisterCommand } from './index.js';

interface RestartPairFlags {
  peer: string;
  primary: string;
  secondary: string;
  key?: string;
  keyFile?: string;
  keyName?: string;
  startPrimary: string;
  startSecondary: string;
  configPrimary?: string;
  configSecondary?: string;
  primaryFirst?: boolean;
  timeout: string;
  omapiTimeout: string;
  dryRun?: boolean;
  json?: boolean;
}

function seconds(option: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new LeasecheckError(
      `${option} ${JSON.stringify(text)}: expected a number of seconds`,
      16,
    );
  }
  return Math.round(value * 1000);
}

async function target(
  role: 'primary' | 'secondary',
  address: string,
  start: string,
  config: string | undefined,
): Promise<ServerTarget> {
  const { parseOmapiAddress } = await import('../../omapi/options.js');
  let parsed: { host: string; port: number };
  try {
    parsed = parseOmapiAddress(address);
  } catch {
    throw new LeasecheckError(
      `--${role} ${JSON.stringify(address)}: expected HOST:PORT of its OMAPI listener, e.g. 10.0.0.3:7911`,
      16,
    );
  }
  if (start.trim() === '') throw new LeasecheckError(`--start-${role} needs a command`, 16);
  return { role, ...parsed, start, ...(config !== undefined ? { config } : {}) };
}

export const registerRestartPair: RegisterCommand = (program, io: CliIo, setExit) => {
  program
    .command('restart-pair')
    .description(
      'restart a failover pair the way ISC advises: one server at a time (the secondary first), graceful OMAPI shutdown, start command, wait until both are normal, then the other; stop at the first failure',
    )
    .requiredOption('--peer <name>', 'the failover peer name both servers declare')
    .requiredOption('--primary <host:port>', "the primary's OMAPI address")
    .requiredOption('--secondary <host:port>', "the secondary's OMAPI address")
    .option('--key <name:secret>', 'OMAPI key: its name in dhcpd.conf and its base64 secret')
    .option('--key-file <file>', 'read the key from a file in dhcpd.conf syntax')
    .option(
      '--key-name <name>',
      'which key of --key-file (default: the omapi-key, or the only key)',
    )
    .requiredOption('--start-primary <command>', "shell command that starts the primary's dhcpd")
    .requiredOption(
      '--start-secondary <command>',
      "shell command that starts the secondary's dhcpd",
    )
    .option('--config-primary <file>', "the primary's dhcpd.conf: pre-flight compares the pair")
    .option('--config-secondary <file>', "the secondary's dhcpd.conf")
    .option('--primary-first', 'restart the primary first (refused when the ranges differ)')
    .option(
      '--timeout <seconds>',
      'longest wait of each step (stop, start command, back to normal)',
      '300',
    )
    .option(
      '--omapi-timeout <seconds>',
      'how long to wait for each OMAPI connection and reply',
      '5',
    )
    .option('--dry-run', 'run the pre-flight and print the plan; stop nothing')
    .option('--json', 'print the progress as JSON lines on stdout (one event per line)')
    .action(async (flags: RestartPairFlags) => {
      if ((flags.configPrimary === undefined) !== (flags.configSecondary === undefined)) {
        throw new LeasecheckError(
          'give both --config-primary and --config-secondary, or neither',
          16,
        );
      }
      const timeoutMs = seconds('--timeout', flags.timeout);
      const omapiTimeoutMs = seconds('--omapi-timeout', flags.omapiTimeout);
      const { loadKey } = await import('../../omapi/options.js');
      const { restartPair, defaultDeps } = await import('../../restart-pair/index.js');
      const key = await loadKey(flags);
      const options: RestartPairOptions = {
        peer: flags.peer,
        primary: await target('primary', flags.primary, flags.startPrimary, flags.configPrimary),
        secondary: await target(
          'secondary',
          flags.secondary,
          flags.startSecondary,
          flags.configSecondary,
        ),
        ...(key ? { key } : {}),
        primaryFirst: flags.primaryFirst ?? false,
        timeoutMs,
        dryRun: flags.dryRun ?? false,
      };
      const outcome = await restartPair(options, defaultDeps(key, omapiTimeoutMs), (event) => {
        if (flags.json) io.out(`${JSON.stringify(event)}\n`);
        else io.err(renderEventLine(event));
      });
      if (!flags.json) io.out(renderOutcomeText(outcome, io));
      setExit(outcome.exitCode === 0 ? ExitCode.Ok : outcome.exitCode);
    });
};
