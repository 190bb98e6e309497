// Child processes for the harness: bounded by a timeout, output kept as latin1
// (dhcpd echoes raw lease-file bytes), and every live child registered so that
// nothing outlives the test run.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { forgetProcess, rememberProcess } from './resources.js';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Killed with SIGKILL after this long; default 30 s. */
  timeoutMs?: number;
  input?: string | Buffer;
}

/** Runs a command to completion; never rejects for a non-zero exit (look at `code`). */
export function run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const [command, ...args] = argv;
  if (command === undefined) throw new Error('run: empty argv');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    rememberProcess(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 30_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      forgetProcess(child);
      reject(new Error(`cannot run ${command}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      forgetProcess(child);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('latin1'),
        stderr: Buffer.concat(err).toString('latin1'),
        timedOut,
      });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Runs a command and throws, with its output, unless it exits 0. */
export async function runOk(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const result = await run(argv, options);
  if (result.code !== 0) {
    throw new Error(
      `${argv.join(' ')} failed (${result.timedOut ? 'timed out' : `exit ${result.code ?? result.signal}`}):\n${result.stderr}${result.stdout}`,
    );
  }
  return result;
}

export interface LongRunning {
  child: ChildProcess;
  /** Settles when the process has exited (never rejects). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (if still running) and waits for the exit, escalating to SIGKILL after `graceMs`. */
  stop(
    signal?: NodeJS.Signals,
    graceMs?: number,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a background process (a server, a client, strace); the caller must `stop` it (the cleanup stack does). */
export function startProcess(
  argv: readonly string[],
  options: { cwd?: string; stdio?: StdioOptions } = {},
): LongRunning {
  const [command, ...args] = argv;
  if (command === undefined) throw new Error('startProcess: empty argv');
  const child = spawn(command, args, { cwd: options.cwd, stdio: options.stdio ?? 'ignore' });
  rememberProcess(child);
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('error', () => {
      done = true;
      forgetProcess(child);
      resolve({ code: null, signal: null });
    });
    child.on('exit', (code, signal) => {
      done = true;
      forgetProcess(child);
      resolve({ code, signal });
    });
  });
  const stop: LongRunning['stop'] = async (signal = 'SIGTERM', graceMs = 5_000) => {
    if (!done) child.kill(signal);
    const timer = setTimeout(() => {
      if (!done) child.kill('SIGKILL');
    }, graceMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };
  return { child, exited, stop };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value other than undefined, or throws `describe()` after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  describe: () => Promise<string> | string,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(await describe());
    await delay(intervalMs);
  }
}
