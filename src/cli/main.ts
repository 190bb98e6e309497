import { Command, CommanderError, Option } from 'commander';
import { LeasecheckError } from '../errors.js';
import { packageText } from '../package-root.js';
import { ExitCode } from './exit-codes.js';

/** The monitoring-plugin convention's UNKNOWN, for usage errors under --format nagios. */
const NAGIOS_UNKNOWN = 3;
import { colourModes, processIo, takeColourOption, type CliIo } from './io.js';
import { commandGuide, programExitCodes } from './command-guide.js';
import { registerCommands } from './commands/index.js';

/**
 * The version, built into the bundled CLI by scripts/bundle-cli.mjs (a start
 * then reads no package.json: finding it is a walk up the folders); absent,
 * so undefined, when the compiled modules run as they are.
 */
declare const __LEASECHECK_VERSION__: string | undefined;

function packageVersion(): string {
  if (typeof __LEASECHECK_VERSION__ === 'string') return __LEASECHECK_VERSION__;
  const pkg = JSON.parse(packageText('package.json')) as { version: string };
  return pkg.version;
}

/**
 * Commander's messages as leasecheck's: one line on stderr, starting
 * `leasecheck:`, naming the help to read. Commander writes "error: …" and
 * sometimes a second line ("(Did you mean check?)").
 */
function commanderOutput(io: CliIo, commandPath: string, onError: (line: string) => void) {
  return {
    writeOut: (text: string) => io.out(text),
    writeErr: (text: string) => io.err(text),
    outputError: (text: string, write: (text: string) => void) => {
      const message = text
        .replace(/^error:\s*/i, '')
        .split('\n')
        .map((part) => part.trim())
        .filter(Boolean)
        .join(' ')
        .replace('(Did you mean', '(did you mean')
        // commander ends some messages with a full stop; "; see" follows.
        .replace(/\.$/, '');
      onError(message);
      write(`leasecheck: ${message}; see '${commandPath} --help'\n`);
    },
  };
}

/**
 * Builds the commander program; each command sets `process.exitCode` via the
 * returned promise. `only`: the command the arguments name, when they start
 * with one: the program then holds that command alone (see registerCommands).
 */
export function buildProgram(
  io: CliIo,
  setExit: (code: number) => void,
  onUsageError: (message: string) => void = () => {},
  only?: string,
): Command {
  const program = new Command('leasecheck')
    .description(
      'Keep ISC dhcpd lease files honest: check, repair, verify against the log, and tell when a restarted failover peer is ready.',
    )
    .version(packageVersion(), '-V, --version')
    .addOption(
      new Option(
        '--color <when>',
        'colour in text output: auto is a terminal without NO_COLOR or TERM=dumb',
      )
        .choices(colourModes)
        .default('auto'),
    )
    .configureOutput(commanderOutput(io, 'leasecheck', onUsageError))
    .exitOverride()
    .addHelpText(
      'after',
      `\nExit codes: ${programExitCodes}\nRun 'leasecheck COMMAND --help' for a command's options and exit codes.`,
    );
  registerCommands(program, io, setExit, only);
  describeInWorkflowOrder(program);
  // Subcommands inherit the exit override and output configuration.
  for (const command of program.commands) {
    command
      .exitOverride()
      .configureOutput(commanderOutput(io, `leasecheck ${command.name()}`, onUsageError));
  }
  return program;
}

/** Lists the commands in the guide's order, each with its summary and, in its own help, its exit codes. */
function describeInWorkflowOrder(program: Command): void {
  const position = (name: string) => {
    const index = commandGuide.findIndex((entry) => entry.name === name);
    return index === -1 ? commandGuide.length : index;
  };
  // commander lists its commands in this array's order; it is typed read-only for callers.
  (program.commands as Command[]).sort((a, b) => position(a.name()) - position(b.name()));
  for (const command of program.commands) {
    const guide = commandGuide.find((entry) => entry.name === command.name());
    if (guide === undefined) continue;
    command.summary(guide.summary).addHelpText('after', `\nExit codes: ${guide.exitCodes}`);
  }
}

/** Whether the arguments ask for the monitoring-plugin format, whose errors are UNKNOWN (exit 3). */
function asksForNagios(argv: readonly string[]): boolean {
  return argv.some(
    (arg, i) => arg === '--format=nagios' || (arg === '--format' && argv[i + 1] === 'nagios'),
  );
}

/** Runs the CLI with the given arguments and returns the fsck(8)-style exit code. */
export async function runCli(argv: string[], given?: CliIo): Promise<number> {
  const colour = takeColourOption(argv);
  if (typeof colour === 'string') {
    (given ?? processIo()).err(`leasecheck: ${colour}; see 'leasecheck --help'\n`);
    return ExitCode.Usage;
  }
  const io = given ?? processIo(colour.mode);
  let exitCode: number = ExitCode.Ok;
  let usageError: string | null = null;
  const program = buildProgram(
    io,
    (code) => {
      exitCode = code;
    },
    (message) => {
      usageError = message;
    },
    colour.rest[0],
  );
  // A bare `leasecheck` is a mistake in a script, not a request for help: exit 16.
  if (colour.rest.length === 0) {
    program.outputHelp({ error: true });
    return ExitCode.Usage;
  }
  const nagios = asksForNagios(colour.rest);
  const unknown = (message: string): number => {
    io.out(`LEASECHECK UNKNOWN - ${message}\n`);
    return NAGIOS_UNKNOWN;
  };
  try {
    await program.parseAsync(colour.rest, { from: 'user' });
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
      return nagios ? unknown(usageError ?? error.message) : ExitCode.Usage;
    }
    if (error instanceof LeasecheckError) {
      io.err(`leasecheck: ${error.message}\n`);
      if (nagios && error.exitCode === ExitCode.Usage) return unknown(error.message);
      return error.exitCode;
    }
    io.err(`leasecheck: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return ExitCode.Operational;
  }
}
