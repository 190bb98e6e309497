import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { describeIoError, LeasecheckError } from './errors.js';

/**
 * How large each kind of file leasecheck reads may be. A pid file holds a
 * number; a key file one `key { algorithm …; secret "…"; }` of a few hundred
 * bytes; a dhcpd.conf a few MB at most; the undo manifest under a KB. Lease
 * files and logs have no cap: they are streamed in bounded memory.
 */
export const sizeCaps = {
  pidFile: 64,
  keyFile: 16 * 1024,
  conf: 32 * 1024 * 1024,
  manifest: 64 * 1024,
  /** /proc/PID/cmdline: ARG_MAX-sized at worst; it reports size 0, so only the read bounds it. */
  procFile: 256 * 1024,
} as const;

/** A file refused for what it is (not a regular file) or its size: exit 8, whoever asks. */
export class RefusedFileError extends LeasecheckError {}

/** What a file that is not a regular file is, in words. */
export function describeFileType(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Opens a regular file for reading, refusing anything else (exit 8) before a
 * byte is read: a FIFO is opened without waiting for a writer (O_NONBLOCK),
 * a device such as /dev/zero never reaches a read, and a file larger than
 * `maxBytes` (what it is, `what`, says how large it may be) is refused.
 * Returns the descriptor (the caller closes it) and the size at opening.
 */
export function openRegularFile(
  path: string,
  what: string,
  options: { maxBytes?: number; noFollow?: boolean } = {},
): { fd: number; size: number; stat: Stats } {
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  let fd: number;
  try {
    fd = openSync(
      path,
      constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP' && options.noFollow) {
      throw new LeasecheckError(`${path}: is a symbolic link (use --follow-symlinks)`);
    }
    throw describeIoError(error, path);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw new RefusedFileError(
        stat.isDirectory() && what === 'a lease file'
          ? `${path}: is a directory, not a lease file`
          : `${path}: is ${describeFileType(stat)}, not a regular file; refusing to read it as ${what}`,
      );
    }
    if (stat.size > maxBytes) throw tooLarge(path, what, maxBytes);
    return { fd, size: stat.size, stat };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function tooLarge(path: string, what: string, maxBytes: number): LeasecheckError {
  return new RefusedFileError(
    `${path}: larger than ${maxBytes} bytes; refusing to read it as ${what}`,
  );
}

/**
 * Reads a whole regular file of at most `maxBytes` (see openRegularFile). A
 * file that grows past the cap while being read (or reports size 0, as /proc
 * files do) is refused too: at most `maxBytes + 1` bytes are ever read.
 */
export function readBoundedFile(path: string, what: string, maxBytes: number): Buffer {
  const { fd, size } = openRegularFile(path, what, { maxBytes });
  try {
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(size, 4096)) + 1);
    let done = 0;
    for (;;) {
      if (done === buffer.length) {
        if (buffer.length > maxBytes) throw tooLarge(path, what, maxBytes);
        const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(grown, 0, 0, done);
        buffer = grown;
      }
      let n: number;
      try {
        n = readSync(fd, buffer, done, buffer.length - done, null);
      } catch (error) {
        throw describeIoError(error, path);
      }
      if (n === 0) break;
      done += n;
    }
    return buffer.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}
