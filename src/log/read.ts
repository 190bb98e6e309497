import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { describeFileType, RefusedFileError } from '../bounded-file.js';
import { describeIoError, LeasecheckError } from '../errors.js';
import { LineSplitter } from './lines.js';

/** Where a log comes from: a path, `-` for standard input, or a `.gz` rotated file. */
export interface LogSourceOptions {
  /** Standard input, when the path is `-` (injectable for tests). */
  stdin?: Readable;
}

/** The display name of a log source. */
export function sourceName(path: string): string {
  return path === '-' ? '(stdin)' : path;
}

/**
 * Reads a log's raw lines in batches (one per chunk read), without holding
 * the file in memory. `.gz` files are decompressed (logrotate's `compress`).
 * I/O problems become LeasecheckError with a sentence an administrator
 * understands.
 */
export async function* readRawLineBatches(
  path: string,
  options: LogSourceOptions = {},
): AsyncGenerator<string[]> {
  let input: Readable;
  if (path === '-') {
    input = options.stdin ?? process.stdin;
  } else {
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw new LeasecheckError(`${path}: is a directory, not a log`);
      // A regular file or a named pipe (`--log FIFO`, like `--log -`), read a
      // line of at most MAX_LINE characters at a time; a device such as
      // /dev/zero or a socket is never a log.
      if (!info.isFile() && !info.isFIFO()) {
        throw new RefusedFileError(
          `${path}: is ${describeFileType(info)}, not a regular file or a named pipe; refusing to read it as a log`,
        );
      }
    } catch (error) {
      if (error instanceof LeasecheckError) throw error;
      throw describeIoError(error, path);
    }
    const file = createReadStream(path, { highWaterMark: 256 * 1024 });
    input = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
    if (input !== file) file.on('error', (error) => input.destroy(error));
  }
  const decoder = new TextDecoder('utf-8');
  const splitter = new LineSplitter();
  try {
    for await (const chunk of input) {
      const lines = splitter.push(
        typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }),
      );
      if (lines.length > 0) yield lines;
    }
  } catch (error) {
    if (error instanceof LeasecheckError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') {
      throw new LeasecheckError(`${path}: not a valid gzip file (${(error as Error).message})`);
    }
    throw describeIoError(error, path);
  }
  const last = splitter.push(decoder.decode());
  const rest = splitter.end();
  if (last.length > 0 || rest !== '') yield rest === '' ? last : [...last, rest];
}

/** Reads a log's raw lines one at a time (see readRawLineBatches). */
export async function* readRawLines(
  path: string,
  options: LogSourceOptions = {},
): AsyncGenerator<string> {
  for await (const batch of readRawLineBatches(path, options)) yield* batch;
}
