import type { Command } from 'commander';
import { checkLeaseFile } from '../../check/index.js';
import { LeasecheckError } from '../../errors.js';
import type { ReadyOptions } from '../../ready/index.js';
import { styleFor } from '../render/style.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { collect, isRepresentableTime, loadConfigOption } from '../options.js';
import type { RegisterCommand } from './index.js';
import { addOmapiOptions } from './omapi.js';
import type { OmapiCliOptions } from '../../omapi/options.js';
import type { OmapiFailoverReadiness } from '../../omapi/types.js';

interface ReadyFlags extends OmapiCliOptions {
  log?: string[];
  leases?: string;
  peer?: string[];
  host?: string;
  wait?: string;
  since?: string;
  json?: boolean;
  config?: string;
  logOnly?: boolean;
}

function parseWait(text: string): number {
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new LeasecheckError(`--wait ${text}: not a number of seconds`, 16);
  }
  return seconds;
}

export const registerReady: RegisterCommand = (program: Command, io: CliIo, setExit) => {
  const command = program
    .command('ready')
    .description(
      'Tell whether a (re)started dhcpd has fully come back: start-up complete, every failover peer normal on both sides, pools balanced.',
    )
    .option('--log <file>', "dhcpd's log: a file, - for stdin, or .gz (repeatable)", collect)
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
    .option(
      '--log-only',
      'judge the log alone, as of its last line, without checking that dhcpd still runs (saved logs, post-mortems)',
    )
    .option(
      '--config <file>',
      'dhcpd.conf: require every failover peer it declares; with --leases, report what dhcpd would drop or warn about in the file',
    )
    .option('--json', 'print a JSON report for scripts');
  addOmapiOptions(command, false).action(async (flags: ReadyFlags) => {
    // The log readers load with the command that uses them (start-up time).
    const { checkReady, parseSince, waitReady } = await import('../../ready/index.js');
    const { renderChange, renderOmapi, renderReadyText } = await import('../render/ready-text.js');
    const waitSeconds = flags.wait === undefined ? undefined : parseWait(flags.wait);
    if (!flags.log && !flags.omapi) {
      throw new LeasecheckError('ready needs --log LOG, or --omapi HOST:PORT with --peer NAME', 16);
    }
    if (flags.logOnly && flags.omapi) {
      throw new LeasecheckError(
        'ready: --log-only judges the log alone; it cannot go with --omapi, which asks the server',
        16,
      );
    }
    if (flags.logOnly && !flags.log) {
      throw new LeasecheckError('ready --log-only needs --log LOG', 16);
    }
    // dhcpd.conf is read first: an unreadable one is an operational error (exit 8) before any waiting.
    const config = await loadConfigOption(flags.config);
    const style = styleFor(io);
    let omapi: (OmapiFailoverReadiness & { timedOut: boolean }) | null = null;
    if (flags.omapi) {
      // OMAPI opens a failover-state object only by name: --peer, and the peers --config declares.
      const peers = [
        ...new Set([
          ...(config?.plan.failoverPeers.map((p) => p.name) ?? []),
          ...(flags.peer ?? []),
        ]),
      ];
      if (peers.length === 0) {
        throw new LeasecheckError(
          config
            ? `ready --omapi: ${config.file} declares no failover peer; name one with --peer NAME`
            : 'ready --omapi needs at least one --peer NAME',
          16,
        );
      }
      const { omapiConnectOptions } = await import('../../omapi/options.js');
      const { waitOmapiReady } = await import('../../ready/omapi-wait.js');
      omapi = await waitOmapiReady(await omapiConnectOptions(flags), peers, waitSeconds);
      if (!flags.log) {
        io.out(
          flags.json
            ? `${JSON.stringify({ ready: omapi.ready, omapi }, null, 2)}\n`
            : renderOmapi(omapi, style),
        );
        setExit(omapi.ready ? ExitCode.Ok : ExitCode.Problems);
        return;
      }
    }
    const logs = flags.log ?? [];
    const options: ReadyOptions = {
      logs,
      leases: flags.leases,
      peers: flags.peer,
      host: flags.host,
      since:
        flags.since === undefined ? undefined : sinceTime(parseSince(flags.since), flags.since),
      checkLeaseFile,
      liveness: flags.logOnly ? 'log-only' : omapi ? 'omapi' : 'process',
      ...(config ? { config } : {}),
    };
    const report =
      waitSeconds === undefined
        ? await checkReady(options)
        : await waitReady({
            ...options,
            waitSeconds,
            onFollowing: (now) =>
              io.err(
                `leasecheck: following ${logs.join(', ')} for up to ${waitSeconds} s: ${now.ready ? 'ready' : `not ready (${now.reasons.join('; ')})`}\n`,
              ),
            onChange: flags.json
              ? undefined
              : (entry, now) => io.out(renderChange(entry, now, style)),
            onReset: flags.json
              ? undefined
              : (path, why) => io.err(`leasecheck: ${path}: ${why}\n`),
            onGone: (now) =>
              io.err(`leasecheck: the judged dhcpd has gone: ${now.liveness?.detail ?? ''}\n`),
          });
    if (omapi && report.process) {
      // The server answered: it is the log's process when it reports the states the log shows.
      const { omapiLiveness } = await import('../../ready/liveness.js');
      report.liveness = omapiLiveness(report, omapi.peers, flags.omapi!);
      if (report.liveness.running !== true) {
        report.reasons.push(report.liveness.detail);
        report.ready = false;
      }
    }
    const ready = report.ready && (omapi?.ready ?? true);
    io.out(
      flags.json
        ? JSON.stringify(omapi ? { ...report, ready, omapi } : report, null, 2) + '\n'
        : renderReadyText(report, style) + (omapi ? renderOmapi(omapi, style) : ''),
    );
    setExit(ready ? ExitCode.Ok : ExitCode.Problems);
  });
};

/** A --since that parses to no valid Date (`@99999999999999999`) is a usage error. */
function sinceTime(date: Date, text: string): Date {
  if (isRepresentableTime(date.getTime())) return date;
  throw new LeasecheckError(`--since ${text}: out of the range of dates`, ExitCode.Usage);
}
