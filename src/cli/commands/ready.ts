import type { Command } from 'commander';
import { checkLeaseFile } from '../../check/index.js';
import { LeasecheckError } from '../../errors.js';
import {
  checkReady,
  parseSince,
  renderChange,
  renderReadyText,
  waitReady,
  type ReadyOptions,
} from '../../ready/index.js';
import type { Style } from '../../ready/render.js';
import { ExitCode } from '../exit-codes.js';
import { paint, type CliIo } from '../io.js';
import type { RegisterCommand } from './index.js';

interface ReadyFlags {
  log: string[];
  leases?: string;
  peer?: string[];
  host?: string;
  wait?: string;
  since?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

function parseWait(text: string): number {
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new LeasecheckError(`--wait ${text}: not a number of seconds`, 16);
  }
  return seconds;
}

function styleFor(io: CliIo): Style {
  return (kind, text) =>
    paint(io, kind === 'good' ? 'green' : kind === 'bad' ? 'red' : 'yellow', text);
}

export const registerReady: RegisterCommand = (program: Command, io: CliIo, setExit) => {
  program
    .command('ready')
    .description(
      'Tell whether a (re)started dhcpd has fully come back: start-up complete, every failover peer normal on both sides, pools balanced.',
    )
    .requiredOption(
      '--log <file>',
      "dhcpd's log: a file, - for stdin, or .gz (repeatable)",
      collect,
    )
    .option(
      '--leases <file>',
      'also require this lease file to check clean; report its failover state',
    )
    .option(
      '--peer <name>',
      'require this failover peer (repeatable; default: every peer seen)',
      collect,
    )
    .option('--host <name>', 'judge this host of a log gathered from several servers')
    .option('--wait <seconds>', 'follow the log (like tail -F) until ready, at most this long')
    .option('--since <time>', 'ignore log lines before TIME (ISO 8601, @epoch, or -15m)')
    .option('--json', 'print a JSON report for scripts')
    .action(async (flags: ReadyFlags) => {
      const waitSeconds = flags.wait === undefined ? undefined : parseWait(flags.wait);
      const options: ReadyOptions = {
        logs: flags.log,
        leases: flags.leases,
        peers: flags.peer,
        host: flags.host,
        since: flags.since === undefined ? undefined : parseSince(flags.since),
        checkLeaseFile,
      };
      const style = styleFor(io);
      const report =
        waitSeconds === undefined
          ? await checkReady(options)
          : await waitReady({
              ...options,
              waitSeconds,
              onFollowing: (now) =>
                io.err(
                  `leasecheck: following ${flags.log.join(', ')} for up to ${waitSeconds} s: ${now.ready ? 'ready' : `not ready (${now.reasons.join('; ')})`}\n`,
                ),
              onChange: flags.json
                ? undefined
                : (entry, now) => io.out(renderChange(entry, now, style)),
              onReset: flags.json
                ? undefined
                : (path, why) => io.err(`leasecheck: ${path}: ${why}\n`),
            });
      io.out(flags.json ? JSON.stringify(report, null, 2) + '\n' : renderReadyText(report, style));
      setExit(report.ready ? ExitCode.Ok : ExitCode.Problems);
    });
};
