import { closeSync, constants, fstatSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readRange } from './region.js';

/** What was appended to the replaced file after the last re-check, and where it was saved. */
export interface LateAppend {
  bytes: number;
  /** Where the appended bytes were saved, or null when saving them failed too. */
  savedTo: string | null;
  /** Why saving failed, when it did. */
  saveError: string | null;
}

/** Appends larger than this are not a lease or two written in a window of milliseconds: save the first part. */
const MAX_SAVED = 64 * 1024 * 1024;

/**
 * After the rename: whether the file the name used to point at grew past
 * `sizeAtCheck` through its still-open descriptor `oldFd`. A writer (dhcpd)
 * that appended between the last re-check and the rename wrote into the
 * old inode: those bytes are in neither the new file nor (for a copied
 * backup) the backup. They are saved beside the file as
 * `FILE.leasecheck-STAMP.appended` so that the administrator can put them
 * back; the caller says so loudly and exits 8.
 */
export function checkLateAppend(
  oldFd: number,
  sizeAtCheck: number,
  path: string,
  stamp: string,
): LateAppend | null {
  const now = fstatSync(oldFd).size;
  if (now <= sizeAtCheck) return null;
  const bytes = now - sizeAtCheck;
  const target = join(dirname(path), `${basename(path)}.leasecheck-${stamp}.appended`);
  let fd = -1;
  try {
    fd = openSync(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    const data = readRange(oldFd, sizeAtCheck, sizeAtCheck + Math.min(bytes, MAX_SAVED));
    for (let done = 0; done < data.length;) done += writeSync(fd, data, done);
    fsyncSync(fd);
    return { bytes, savedTo: target, saveError: null };
  } catch (error) {
    return { bytes, savedTo: null, saveError: (error as Error).message };
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}
