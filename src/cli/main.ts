import { Command, CommanderError } from 'commander';
import { LeasecheckError } from '../errors.js';
import { packageText } from '../package-root.js';
import { ExitCode } from './exit-codes.js';
import { processIo, type CliIo } from './io.js';
import { registerCommands } from './commands/index.js';

function packageVersion(): string {
  const pkg = JSON.parse(packageText('package.json')) as { version: string };
  return pkg.version;
}

/** Builds the commander program; each command sets `process.exitCode` via the returned promise. */
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('leasecheck')
    .description(
      'Keep ISC dhcpd lease files honest: check, repair, verify against the log, and tell when a restarted failover peer is ready.',
    )
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
    })
    .exitOverride();
  registerCommands(program, io, setExit);
  // Subcommands inherit the exit override and output configuration.
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
    });
    command.showHelpAfterError('(run with --help for usage)');
  }
  return program;
}

/** Runs the CLI with the given arguments and returns the fsck(8)-style exit code. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; every other commander error is a usage error.
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return ExitCode.Ok;
      }
      return ExitCode.Usage;
    }
    if (error instanceof LeasecheckError) {
      io.err(`leasecheck: ${error.message}\n`);
      return error.exitCode;
    }
    io.err(`leasecheck: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return ExitCode.Operational;
  }
}
