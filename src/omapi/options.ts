/**
 * Turns the options every OMAPI command shares (`--omapi HOST[:PORT]`,
 * `--key NAME:SECRET` | `--key-file FILE [--key-name NAME]`, `--timeout S`)
 * into connection options. Usage mistakes are exit 16; an unreadable key
 * file is exit 8.
 */
import { readBoundedFile, sizeCaps } from '../bounded-file.js';
import { LeasecheckError } from '../errors.js';
import { maxTimerMs } from '../timers.js';
import { DEFAULT_TIMEOUT_MS } from './connection.js';
import { parseKeyFile, parseKeyOption, type OmapiKey } from './key.js';
import type { OmapiConnectOptions } from './types.js';

/** dhcpd's customary omapi-port. */
export const DEFAULT_OMAPI_PORT = 7911;

export interface OmapiCliOptions {
  omapi?: string;
  key?: string;
  keyFile?: string;
  keyName?: string;
  /** Seconds, as typed. */
  timeout?: string;
}

/** `host`, `host:port`, `[v6]:port` or a bare v6 address → host and port. */
export function parseOmapiAddress(text: string): { host: string; port: number } {
  let host = text;
  let port = String(DEFAULT_OMAPI_PORT);
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    host = bracketed[1]!;
    port = bracketed[2] ?? port;
  } else if ((text.match(/:/g) ?? []).length === 1) {
    [host, port] = text.split(':') as [string, string];
  }
  const portNumber = Number(port);
  if (host === '' || !/^\d+$/.test(port) || portNumber < 1 || portNumber > 65535) {
    throw new LeasecheckError(
      `--omapi ${JSON.stringify(text)}: expected HOST:PORT, e.g. 127.0.0.1:7911`,
      16,
    );
  }
  return { host, port: portNumber };
}

export async function loadKey(options: OmapiCliOptions): Promise<OmapiKey | undefined> {
  if (options.key !== undefined && options.keyFile !== undefined) {
    throw new LeasecheckError('give either --key or --key-file, not both', 16);
  }
  if (options.key !== undefined) return parseKeyOption(options.key);
  if (options.keyFile !== undefined) {
    const text = readBoundedFile(options.keyFile, 'a key file', sizeCaps.keyFile).toString(
      'latin1',
    );
    return parseKeyFile(text, options.keyFile, options.keyName);
  }
  if (options.keyName !== undefined) throw new LeasecheckError('--key-name needs --key-file', 16);
  return undefined;
}

export function parseTimeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_MS;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new LeasecheckError(
      `--timeout ${JSON.stringify(text)}: expected a number of seconds`,
      16,
    );
  }
  // Each reply is awaited with one timer: beyond its limit Node fires at once.
  if (Math.round(seconds * 1000) > maxTimerMs) {
    throw new LeasecheckError(
      `--timeout ${JSON.stringify(text)}: at most ${Math.floor(maxTimerMs / 1000)} seconds`,
      16,
    );
  }
  return Math.max(1, Math.round(seconds * 1000));
}

/** Everything an OMAPI command needs to connect. */
export async function omapiConnectOptions(options: OmapiCliOptions): Promise<OmapiConnectOptions> {
  if (options.omapi === undefined) throw new LeasecheckError('--omapi HOST:PORT is required', 16);
  const { host, port } = parseOmapiAddress(options.omapi);
  const key = await loadKey(options);
  return { host, port, timeoutMs: parseTimeout(options.timeout), ...(key ? { key } : {}) };
}
