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
  /** True when stdout is a terminal and NO_COLOR is not set. */
  readonly colour: boolean;
  /** True when stderr is a terminal (progress bars go there, and only then). */
  readonly stderrIsTty: boolean;
}

export function processIo(): CliIo {
  guardStandardStreams();
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const colour = Boolean(process.stdout.isTTY) && !noColor;
  const stderrIsTty = Boolean(process.stderr.isTTY);
  // Every line printed passes terminalSafe; only raw bytes piped elsewhere
  // (a diff for patch(1)) stay as they are.
  return {
    out: (text) => process.stdout.write(terminalSafe(text, colour)),
    outBytes: (bytes) =>
      process.stdout.write(
        process.stdout.isTTY ? terminalSafe(Buffer.from(bytes).toString('latin1')) : bytes,
      ),
    err: (text) => process.stderr.write(terminalSafe(text, stderrIsTty)),
    colour,
    stderrIsTty,
  };
}

let guarded = false;

/**
 * Output errors end the output, not the program with a stack trace. A reader
 * that went away (\`leasecheck check FILE | head\`: EPIPE) is not an error:
 * the exit code stays the verdict's. Any other (a full disk behind \`>\`) is
 * said on stderr and makes the exit code 8, whatever the command found.
 */
function guardStandardStreams(): void {
  if (guarded) return;
  guarded = true;
  let failed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // (Writes after the pipe closed fail too, as a destroyed stream.)
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED' || failed) return;
    failed = true;
    process.stderr.write(`leasecheck: cannot write the output: ${error.message}\n`);
  });
  // Nowhere is left to say anything when stderr fails: only the exit code.
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') failed = true;
  });
  process.on('exit', () => {
    if (failed) process.exitCode = 8;
  });
}

const codes = { red: 31, green: 32, yellow: 33, bold: 1, dim: 2 } as const;

/** Wraps text in an ANSI colour when colour is on; returns it unchanged otherwise. */
export function paint(io: CliIo, colour: keyof typeof codes, text: string): string {
  return io.colour ? `\u001b[${codes[colour]}m${text}\u001b[0m` : text;
}
