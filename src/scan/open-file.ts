import { closeSync } from 'node:fs';
import { openRegularFile } from '../bounded-file.js';
import { describeIoError } from '../errors.js';

/** What a reader remembers of the file as it was opened, to tell whether it changed. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/**
 * A lease file opened once and read by several readers, the threads of a
 * parallel check among them (a descriptor is the whole process's): they all
 * read the same file, even if dhcpd renames a new one over its name
 * meanwhile. Whoever opened it closes it.
 */
export interface SharedFile extends FileStamp {
  fd: number;
}

/**
 * Opens a lease file for reading. Only a regular file: it is opened without
 * waiting (a FIFO with no writer would otherwise block forever), and
 * anything else is refused.
 */
export function openLeaseFile(path: string): SharedFile {
  const { fd, stat } = openRegularFile(path, 'a lease file');
  return { fd, size: stat.size, mtimeMs: stat.mtimeMs };
}

/**
 * Runs `use` with the file open for reading (see openLeaseFile) and closes it
 * afterwards; an error reading it becomes the message `describeIoError` gives.
 */
export function withOpenFile<T>(path: string, use: (fd: number) => T): T {
  const { fd } = openLeaseFile(path);
  try {
    return use(fd);
  } catch (error) {
    // System errors (they carry the failing syscall) get a clear message; others pass.
    throw error instanceof Error && 'syscall' in error ? describeIoError(error, path) : error;
  } finally {
    closeSync(fd);
  }
}
