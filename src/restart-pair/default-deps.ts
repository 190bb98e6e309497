/**
 * The real world behind RestartDeps: leasecheck's OMAPI client, `sh -c` for
 * start commands, the system clock, and `pair` for the configurations.
 */
import { spawn } from 'node:child_process';
import { LeasecheckError } from '../errors.js';
import { getFailoverState, shutdownServer, withOmapi } from '../omapi/index.js';
import type { OmapiKey } from '../omapi/key.js';
import type { CommandResult, FailoverView, RestartDeps, ServerTarget } from './types.js';

/** How much of a start command's output is kept for the report. */
const OUTPUT_TAIL_BYTES = 4096;

/** Messages of src/omapi/connection.ts that mean the key, not the network, is wrong. */
const keyProblem =
  /rejected the signature of key|does not know an hmac-md5 key|dhcpd requires a key|is not signed with key/;

function asString(value: unknown): string | null {
  return typeof value === 'string'
    ? value
    : value === undefined || value === null
      ? null
      : String(value);
}

export async function readFailoverOverOmapi(
  server: ServerTarget,
  peer: string,
  key: OmapiKey | undefined,
  timeoutMs: number,
): Promise<FailoverView> {
  try {
    const state = await withOmapi(
      { host: server.host, port: server.port, timeoutMs, ...(key ? { key } : {}) },
      (connection) => getFailoverState(connection, peer),
    );
    return {
      answered: true,
      found: state !== null,
      local: asString(state?.['local-state']),
      partner: asString(state?.['partner-state']),
      role: state ? asString(state.hierarchy) : null,
    };
  } catch (error) {
    if (!(error instanceof LeasecheckError)) throw error;
    return {
      answered: false,
      refused: /connection refused/.test(error.message),
      keyRejected: keyProblem.test(error.message),
      error: error.message,
    };
  }
}

/** Runs `command` with /bin/sh; resolves when the shell exits (a daemon it started may keep running). */
export function runShellCommand(command: string, timeoutMs: number): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = Buffer.alloc(0);
    const keep = (chunk: Buffer): void => {
      output = Buffer.concat([output, chunk]);
      if (output.length > OUTPUT_TAIL_BYTES) output = output.subarray(-OUTPUT_TAIL_BYTES);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const finish = (code: number | null, signal: string | null): void => {
      clearTimeout(timer);
      // A daemon started in the background may hold the pipes open: stop reading them.
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({ code, signal, timedOut, output: output.toString('latin1') });
    };
    child.on('error', (error) => {
      output = Buffer.concat([output, Buffer.from(`cannot run /bin/sh: ${error.message}`)]);
      finish(null, null);
    });
    child.on('exit', finish);
  });
}

export function defaultDeps(key: OmapiKey | undefined, omapiTimeoutMs: number): RestartDeps {
  return {
    readFailover: (server, peer) => readFailoverOverOmapi(server, peer, key, omapiTimeoutMs),
    shutdown: (server) =>
      withOmapi(
        {
          host: server.host,
          port: server.port,
          timeoutMs: omapiTimeoutMs,
          ...(key ? { key } : {}),
        },
        shutdownServer,
      ),
    runCommand: runShellCommand,
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    compareConfigs: async (primary, secondary) => {
      const { pairConfigs } = await import('../pair/index.js');
      return pairConfigs(primary, secondary);
    },
  };
}
