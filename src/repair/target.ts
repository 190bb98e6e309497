import { lstatSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeIoError } from '../errors.js';
import { refuse } from './refuse.js';

/** Resolves FILE to the path that will be replaced, refusing symlinks and non-regular files. */
export function targetPath(
  file: string,
  followSymlinks: boolean,
): { path: string; exists: boolean } {
  let link;
  try {
    link = lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { path: resolve(file), exists: false };
    throw describeIoError(error, file);
  }
  let path = resolve(file);
  if (link.isSymbolicLink()) {
    if (!followSymlinks) {
      refuse(
        `${file}: is a symbolic link; refusing to replace it (use --follow-symlinks to repair its target)`,
      );
    }
    try {
      path = realpathSync(file);
    } catch (error) {
      throw describeIoError(error, file);
    }
  }
  const stat = statSync(path);
  if (!stat.isFile()) {
    refuse(
      `${file}: is ${stat.isDirectory() ? 'a directory' : 'not a regular file'}; leasecheck only repairs regular files`,
    );
  }
  return { path, exists: true };
}

/** Whether anything (even a dangling link) has the name `path`. */
export function nameExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether `path` still names the inode `ino` (the rename did not happen). */
export function stillNames(path: string, ino: number): boolean {
  try {
    return statSync(path).ino === ino;
  } catch {
    return false;
  }
}
