import { InvalidArgumentError, Option } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { parseTime } from '../options.js';
import { bindingStates, type BindingState } from '../../model/types.js';
import { ipMatcher, matcher } from '../../leases/filter.js';
import { LeasecheckError } from '../../errors.js';
import type { RegisterCommand } from './index.js';

interface LeasesCliOptions {
  json?: boolean;
  format?: 'text' | 'json' | 'csv' | 'jsonl';
  ip?: string;
  mac?: string;
  hostname?: string;
  state?: BindingState[];
  active?: boolean;
  history?: boolean;
  now?: Date;
}

function parseState(value: string, previous: BindingState[] = []): BindingState[] {
  const states = value.split(',').map((s) => s.trim().toLowerCase());
  for (const s of states) {
    if (!(bindingStates as readonly string[]).includes(s)) {
      throw new InvalidArgumentError(`expected one of ${bindingStates.join(', ')}`);
    }
  }
  return [...previous, ...(states as BindingState[])];
}

function parseIp(value: string): string {
  try {
    ipMatcher(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  return value;
}

export const registerLeases: RegisterCommand = (program, io, setExit) => {
  program
    .command('leases')
    .description(
      'List the leases of a lease file as dhcpd loads them: the last declaration of each address (v4 and v6), with state, times, hardware, uid and client-hostname.',
    )
    .argument('<file>', 'the lease file, e.g. /var/lib/dhcp/dhcpd.leases')
    .option(
      '--ip <address>',
      'only this address, or the addresses of a CIDR block (10.0.0.0/24)',
      parseIp,
    )
    .option('--mac <address>', 'only leases with this hardware address')
    .option(
      '--hostname <name>',
      'only this client-hostname (shell-style * and ? allowed, any case)',
    )
    .option(
      '--state <states>',
      'only these binding states (comma-separated, repeatable)',
      parseState,
    )
    .option('--active', 'only leases active and not ended at --now (isc_dhcp_leases get_current)')
    .option('--history', 'every lease declaration in file order, not only the last of each address')
    .option(
      '--now <time>',
      'the time made-up states and --active use (ISO 8601 or epoch seconds); default: now',
      parseTime,
    )
    .option('--json', 'print one JSON array (same as --format json)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'csv', 'jsonl']),
    )
    .addHelpText(
      'after',
      '\nA state marked * was made up by dhcpd (the declaration has no binding state).\n' +
        'Problems of the file go to stderr; the leases dhcpd would load are still listed.',
    )
    .action(async (file: string, options: LeasesCliOptions) => {
      const { readLeases } = await import('../../leases/index.js');
      const { renderLeasesCsv, renderLeasesText, renderLeaseProblems } =
        await import('../render/leases.js');
      const now = options.now ?? new Date();
      const match = matcher({
        ...(options.ip !== undefined ? { ip: options.ip } : {}),
        ...(options.mac !== undefined ? { mac: options.mac } : {}),
        ...(options.hostname !== undefined ? { hostname: options.hostname } : {}),
        ...(options.state !== undefined ? { state: options.state } : {}),
        ...(options.active ? { activeAt: now } : {}),
      });
      const format = options.json ? 'json' : (options.format ?? 'text');
      if (options.json && options.format !== undefined && options.format !== 'json') {
        throw new LeasecheckError(
          `--json and --format ${options.format} contradict each other`,
          ExitCode.Usage,
        );
      }
      const reading = readLeases(file, { now, ...(options.history ? { history: true } : {}) });
      const leases = [];
      for await (const lease of reading) {
        if (!match(lease)) continue;
        if (format === 'jsonl') io.out(`${JSON.stringify(lease)}\n`);
        else leases.push(lease);
      }
      if (format === 'json') io.out(`${JSON.stringify(leases, null, 2)}\n`);
      else if (format === 'csv') io.out(renderLeasesCsv(leases));
      else if (format === 'text') io.out(renderLeasesText(leases, io.stdoutColumns));
      if (reading.problems.length > 0) io.err(renderLeaseProblems(file, reading.problems));
      setExit(reading.problems.length > 0 ? ExitCode.Problems : ExitCode.Ok);
    });
};
