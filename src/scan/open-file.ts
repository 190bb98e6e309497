import { closeSync, openSync } from 'node:fs';
import { describeIoError } from '../errors.js';

/**
 * Runs `use` with the file open for reading and closes it afterwards; an
 * error opening or reading it becomes the message `describeIoError` gives.
 */
export function withOpenFile<T>(path: string, use: (fd: number) => T): T {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw describeIoError(error, path);
  }
  try {
    return use(fd);
  } catch (error) {
    // System errors (they carry the failing syscall) get a clear message; others pass.
    throw error instanceof Error && 'syscall' in error ? describeIoError(error, path) : error;
  } finally {
    closeSync(fd);
  }
}
