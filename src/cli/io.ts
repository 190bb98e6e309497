import { StandardStream } from './standard-stream.js';
import { terminalSafe } from './terminal-safe.js';

/**
 * Where the CLI writes, and whether it may use colour. Commands receive this
 * instead of touching process.stdout directly, so tests can run them in-process.
 */
export interface CliIo {
  out(text: string): void;
  /** Raw bytes on stdout: a diff of a lease file must keep bytes 0x80-0xFF as they are. */
  outBytes(bytes: Uint8Array): void;
  err(text: string): void;
  /** Whether text output is coloured (see colourWanted). */
  readonly colour: boolean;
  /** True when stderr is a terminal (progress bars go there, and only then). */
  readonly stderrIsTty: boolean;
  /** The terminal's width on stdout, when it is one: tables must not wrap. */
  readonly stdoutColumns?: number;
  /** The terminal's width on stderr, when known: a progress line must not wrap. */
  readonly stderrColumns?: number;
}

export const colourModes = ['auto', 'always', 'never'] as const;
export type ColourMode = (typeof colourModes)[number];

export function processIo(mode: ColourMode = 'auto'): CliIo {
  const { stdout, stderr } = standardStreams();
  const colour = colourWanted(mode, stdout.isTTY, process.env);
  const stderrIsTty = stderr.isTTY;
  // Every line printed passes terminalSafe; only raw bytes piped elsewhere
  // (a diff for patch(1)) stay as they are.
  return {
    out: (text) => stdout.write(terminalSafe(text, colour)),
    outBytes: (bytes) =>
      stdout.write(stdout.isTTY ? terminalSafe(Buffer.from(bytes).toString('latin1')) : bytes),
    err: (text) => stderr.write(terminalSafe(text, stderrIsTty)),
    colour,
    stderrIsTty,
    ...(stdout.isTTY && stdout.columns ? { stdoutColumns: stdout.columns } : {}),
    ...(stderr.columns ? { stderrColumns: stderr.columns } : {}),
  };
}

/**
 * Colour as the common conventions have it: `--color always|never` decides;
 * otherwise FORCE_COLOR (set, not 0) turns it on, and NO_COLOR (set, not
 * empty) or TERM=dumb turn it off, else a terminal on stdout has it.
 */
export function colourWanted(
  mode: ColourMode,
  stdoutIsTty: boolean,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (mode !== 'auto') return mode === 'always';
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stdoutIsTty;
}

/**
 * `--color WHEN` is read before commander (the output must be set up before
 * any command runs, and it may stand anywhere before `--`); returns the
 * other arguments and the mode, or the usage error.
 */
export function takeColourOption(
  argv: readonly string[],
): { rest: string[]; mode: ColourMode } | string {
  const rest: string[] = [];
  let mode: string = 'auto';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--color' || arg === '--colour') {
      if (i + 1 >= argv.length) return `option '--color <when>' argument missing`;
      mode = argv[++i]!;
    } else if (arg.startsWith('--color=') || arg.startsWith('--colour=')) {
      mode = arg.slice(arg.indexOf('=') + 1);
    } else rest.push(arg);
  }
  if (!(colourModes as readonly string[]).includes(mode)) {
    return `option '--color <when>' argument '${mode}' is invalid: use ${colourModes.join(', ')}`;
  }
  return { rest, mode: mode as ColourMode };
}

let streams: { stdout: StandardStream; stderr: StandardStream } | null = null;

/**
 * stdout and stderr, made once. Output errors end the output, not the
 * program with a stack trace. A reader that went away (\`leasecheck check
 * FILE | head\`: EPIPE) is not an error: the exit code stays the verdict's.
 * Any other (a full disk behind \`>\`) is said on stderr and makes the exit
 * code 8, whatever the command found.
 */
function standardStreams(): { stdout: StandardStream; stderr: StandardStream } {
  if (streams !== null) return streams;
  let failed = false;
  const stderr = new StandardStream(2, (error) => {
    // Nowhere is left to say anything when stderr fails: only the exit code.
    if (error.code !== 'EPIPE') failed = true;
  });
  const stdout = new StandardStream(1, (error) => {
    if (error.code === 'EPIPE' || failed) return;
    failed = true;
    stderr.write(`leasecheck: cannot write the output: ${error.message}\n`);
  });
  process.on('exit', () => {
    if (failed) process.exitCode = 8;
  });
  streams = { stdout, stderr };
  return streams;
}

/**
 * Ends the process with `code`, the command being done. Left to end by
 * itself, Node first waits for V8's background work, which by then is
 * optimising code that will never run again: 6 to 9 ms after a check of a
 * 3.6 MB file, more than its report takes. So the process ends at once when
 * every byte was written directly (a pipe, a file: see StandardStream).
 * Output through Node's stream (a terminal, /dev/full, a descriptor that
 * said EAGAIN) may still be queued, or its failure still to be reported:
 * then the process ends the usual way, once that is done. Either way the
 * 'exit' handlers run (a failed write makes the code 8, see standardStreams).
 */
export function exitWhenWritten(code: number): void {
  process.exitCode = code;
  if (streams !== null && (streams.stdout.throughNodeStream || streams.stderr.throughNodeStream)) {
    return;
  }
  process.exit();
}

const codes = { red: 31, green: 32, yellow: 33, bold: 1, dim: 2 } as const;

/** Wraps text in an ANSI colour when colour is on; returns it unchanged otherwise. */
export function paint(io: CliIo, colour: keyof typeof codes, text: string): string {
  return io.colour ? `\u001b[${codes[colour]}m${text}\u001b[0m` : text;
}
