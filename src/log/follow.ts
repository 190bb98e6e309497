import type { Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { LineSplitter } from './lines.js';
import { describeIoError, LeasecheckError } from '../errors.js';

export interface FollowOptions {
  /** Stop following when this aborts (the follower then resolves). */
  signal: AbortSignal;
  /** How often to look for new lines, rotation and truncation (default 200 ms). */
  pollMs?: number;
  /**
   * Called when the file was replaced (rotation) or shrank (truncation), between
   * the last lines of the old content and the first of the new (numbered from 1 again).
   */
  onReset?: (why: 'rotated' | 'truncated') => void;
}

/**
 * Follows a log like `tail -F`: first every line already in it, then each
 * complete line as it is appended. Survives rotation (the file renamed and
 * a new one created: the rest of the old file is read first, then the new
 * one from its start), truncation (read again from the start) and a file
 * that is missing for a while between rename and re-creation. Lines arrive in batches; the first batch is
 * the file's content when following began (possibly empty).
 *
 * Resolves when `signal` aborts; rejects only if the file cannot be read at
 * the start (missing, permission denied).
 */
export async function followFile(
  path: string,
  onLines: (lines: string[]) => void,
  options: FollowOptions,
): Promise<void> {
  const pollMs = options.pollMs ?? 200;
  let handle: FileHandle | null = null;
  let inode = -1;
  let position = 0;
  let splitter = new LineSplitter();
  const decoder = new TextDecoder('utf-8');

  const openCurrent = async (): Promise<boolean> => {
    try {
      // Checked before opening: opening a named pipe would block until a writer comes.
      refuseUnfollowable(path, await stat(path));
      const next = await open(path, 'r');
      const info = await next.stat();
      handle = next;
      inode = info.ino;
      position = 0;
      splitter = new LineSplitter();
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  };

  const drain = async (): Promise<string[]> => {
    if (!handle) return [];
    const lines: string[] = [];
    const buffer = Buffer.alloc(64 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      for (const line of splitter.push(
        decoder.decode(buffer.subarray(0, bytesRead), { stream: true }),
      )) {
        lines.push(line);
      }
    }
    return lines;
  };

  try {
    // `tail -F` waits for a missing file; a missing log at the start is more likely a typo.
    if (!(await openCurrent())) await stat(path);
    onLines(await drain());
    await follow();
  } catch (error) {
    throw error instanceof LeasecheckError ? error : describeIoError(error, path);
  } finally {
    await (handle as FileHandle | null)?.close();
  }

  async function follow(): Promise<void> {
    while (!options.signal.aborted) {
      await sleep(pollMs, options.signal);
      if (options.signal.aborted) break;
      let info: Awaited<ReturnType<typeof stat>> | null = null;
      try {
        info = await stat(path);
      } catch {
        info = null; // between rename and re-creation
      }
      if (info && info.ino !== inode) {
        // Rotated: finish the old file (syslog may have written to it after the rename), then switch.
        const rest = await drain();
        const last = splitter.end();
        if (last !== '') rest.push(last);
        if (rest.length > 0) onLines(rest);
        await (handle as FileHandle | null)?.close();
        handle = null;
        if (await openCurrent()) options.onReset?.('rotated');
      } else if (info && handle && info.size < position) {
        position = 0;
        splitter = new LineSplitter();
        options.onReset?.('truncated');
      }
      const lines = await drain();
      if (lines.length > 0) onLines(lines);
    }
  }
}

/**
 * `--wait` follows regular files only: a directory is not a log, and a named
 * pipe, socket or device has no size or position to follow by (reading one
 * could also block forever); those are read as a stream with `--log -`.
 */
function refuseUnfollowable(path: string, info: Stats): void {
  if (info.isDirectory()) throw new LeasecheckError(`${path}: is a directory, not a log`);
  if (info.isFile()) return;
  const what = info.isFIFO() ? 'a named pipe' : info.isSocket() ? 'a socket' : 'a device';
  throw new LeasecheckError(
    `${path}: is ${what}, not a regular file: --wait follows files; read it as a stream with --log - (e.g. --log - < ${path})`,
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
