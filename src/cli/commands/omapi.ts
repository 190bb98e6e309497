import { Command } from 'commander';
import { LeasecheckError } from '../../errors.js';
import type { OmapiCliOptions } from '../../omapi/options.js';
import type { OmapiAttributes } from '../../omapi/types.js';
import { renderOmapiObject } from '../render/omapi-text.js';
import { ExitCode } from '../exit-codes.js';
import type { RegisterCommand } from './index.js';

/** Adds the connection options every OMAPI command shares. */
export function addOmapiOptions(command: Command, required = true): Command {
  const address = '--omapi <host:port>';
  const help = "dhcpd's OMAPI address (omapi-port; 7911 when the port is left out)";
  (required ? command.requiredOption(address, help) : command.option(address, help))
    .option('--key <name:secret>', 'OMAPI key: its name in dhcpd.conf and its base64 secret')
    .option(
      '--key-file <file>',
      'read the key from a file in dhcpd.conf syntax: key NAME { algorithm hmac-md5; secret "…"; }',
    )
    .option(
      '--key-name <name>',
      'which key of --key-file (default: the omapi-key, or the only key)',
    )
    .option('--timeout <seconds>', 'how long to wait for the connection and each reply', '5');
  return command;
}

const objectTypes = ['lease', 'failover-state', 'host'] as const;
type ObjectType = (typeof objectTypes)[number];

interface GetOptions extends OmapiCliOptions {
  json?: boolean;
}

export const registerOmapi: RegisterCommand = (program, io, setExit) => {
  const omapi = program
    .command('omapi')
    .description('talk to a running dhcpd over OMAPI, its control protocol (what omshell does)');

  addOmapiOptions(
    omapi
      .command('get')
      .description(
        'print one object dhcpd holds in memory: `lease ADDRESS`, `failover-state PEER` or `host NAME`',
      )
      .argument('<type>', `object type: ${objectTypes.join(', ')}`)
      .argument('<id>', 'lease: its IPv4 address; failover-state: the peer name; host: its name')
      .option('--json', "print one JSON object keyed by dhcpd's attribute names"),
  )
    .showHelpAfterError('(run with --help for usage)')
    .action(async (type: string, id: string, options: GetOptions) => {
      if (!(objectTypes as readonly string[]).includes(type)) {
        throw new LeasecheckError(
          `omapi get: unknown object type ${JSON.stringify(type)} (expected ${objectTypes.join(', ')})`,
          16,
        );
      }
      const objectType = type as ObjectType;
      // A malformed address is a usage error, found before connecting.
      // OMAPI code is loaded only by the commands that speak it (start-up time).
      const { ipv4Value } = await import('../../omapi/values.js');
      const { omapiConnectOptions } = await import('../../omapi/options.js');
      const { getFailoverState, getHost, getLease, withOmapi } =
        await import('../../omapi/index.js');
      if (objectType === 'lease') ipv4Value(id);
      const connect = await omapiConnectOptions(options);
      const object = await withOmapi(connect, (connection): Promise<OmapiAttributes | null> => {
        switch (objectType) {
          case 'lease':
            return getLease(connection, id);
          case 'failover-state':
            return getFailoverState(connection, id);
          case 'host':
            return getHost(connection, id);
        }
      });
      if (object === null) {
        const hint =
          objectType === 'failover-state' ? ' (failover peers are opened by their exact name)' : '';
        throw new LeasecheckError(
          `dhcpd at ${connect.host}:${connect.port} has no ${objectType} ${JSON.stringify(id)}${hint}`,
        );
      }
      io.out(
        options.json
          ? `${JSON.stringify(object, null, 2)}\n`
          : renderOmapiObject(io, objectType, id, object),
      );
      setExit(ExitCode.Ok);
    });

  addOmapiOptions(
    omapi
      .command('shutdown')
      .description(
        'shut dhcpd down gracefully (control object state 2, as omshell does); SIGTERM is not graceful in dhcpd 4.3+',
      )
      .option('--yes-shut-down-dhcpd', 'confirm: really stop the server'),
  )
    .showHelpAfterError('(run with --help for usage)')
    .action(async (options: OmapiCliOptions & { yesShutDownDhcpd?: boolean }) => {
      const { omapiConnectOptions } = await import('../../omapi/options.js');
      const { shutdownServer, withOmapi } = await import('../../omapi/index.js');
      const connect = await omapiConnectOptions(options);
      if (!options.yesShutDownDhcpd) {
        throw new LeasecheckError(
          `refusing to shut down dhcpd at ${connect.host}:${connect.port} without --yes-shut-down-dhcpd`,
          16,
        );
      }
      await withOmapi(connect, shutdownServer);
      io.out(
        `dhcpd at ${connect.host}:${connect.port} accepted the shutdown: it closes its listeners and OMAPI connections, moves failover peers to shutdown, then exits.\n`,
      );
      setExit(ExitCode.Ok);
    });
};
