import { spawn } from 'node:child_process';
import { LeasecheckError } from '../errors.js';
import { shellQuote } from '../shell-quote.js';
import type { ReaderOutcome } from './types.js';

const maxOutput = 64 * 1024;

/** The command with its placeholders filled in. */
export function fillCommand(
  template: string,
  leasesPath: string,
  configPath: string,
  family: 'v4' | 'v6',
): string {
  return template
    .replaceAll('{conf}', shellQuote(configPath))
    .replaceAll('{-6}', family === 'v6' ? '-6' : '')
    .replaceAll('{}', shellQuote(leasesPath));
}

/**
 * Runs the other reader through `/bin/sh -c` and records what it did.
 * Exit 126/127 (the shell could not run it) is an operational error, not a
 * verdict on the file.
 */
export function runReader(
  command: string,
  timeoutMs: number,
  expectWarnings: RegExp | undefined,
): Promise<ReaderOutcome> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout kills the whole pipeline, not just the shell.
    const child = spawn('/bin/sh', ['-c', command], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      if (output.length < maxOutput)
        output += chunk.toString('latin1').slice(0, maxOutput - output.length);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new LeasecheckError(`cannot run /bin/sh: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (!timedOut && (code === 126 || code === 127)) {
        reject(
          new LeasecheckError(
            `the --against command could not be run (exit ${code}): ${output.trim().split('\n')[0] ?? ''}`,
          ),
        );
        return;
      }
      const warningsMatched = expectWarnings ? expectWarnings.test(output) : null;
      // A reader killed by a signal (a crash) found something, whatever it printed.
      const accepts =
        !timedOut && signal === null && (warningsMatched === null ? code === 0 : !warningsMatched);
      resolve({ exitCode: code, signal, timedOut, output, warningsMatched, accepts });
    });
  });
}
