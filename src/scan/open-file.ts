import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { describeIoError, LeasecheckError } from '../errors.js';

/**
 * Runs `use` with the file open for reading and closes it afterwards; an
 * error opening or reading it becomes the message `describeIoError` gives.
 * Only a regular file is read: opened without waiting (a FIFO with no
 * writer would otherwise block forever), anything else is refused.
 */
export function withOpenFile<T>(path: string, use: (fd: number) => T): T {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw describeIoError(error, path);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw new LeasecheckError(
        `${path}: ${stat.isDirectory() ? 'is a directory, not a lease file' : 'not a regular file'}`,
      );
    }
    return use(fd);
  } catch (error) {
    // System errors (they carry the failing syscall) get a clear message; others pass.
    throw error instanceof Error && 'syscall' in error ? describeIoError(error, path) : error;
  } finally {
    closeSync(fd);
  }
}
