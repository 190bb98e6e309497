import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, lstatSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describeIoError } from '../errors.js';
import { copyAttributes } from './copy-attributes.js';
import { createExclusive, realFsOps, removeQuietly, type FsOps } from './fs-ops.js';
import { DirSyncError, ioStep, refuse } from './refuse.js';

/**
 * Writes `produce`'s bytes to a temp file beside `path`, fsyncs it, gives it
 * `mode`/`uid`/`gid` and the extended attributes and ACLs of
 * `attributesFrom`, calls `beforeRename` (the last re-check), renames it
 * over `path` and fsyncs the directory. On any failure before the rename the
 * temp file is removed and `path` is untouched.
 */
export function replaceAtomically(
  fs: FsOps,
  path: string,
  owner: { mode: number; uid: number; gid: number } | null,
  produce: (emit: (buffer: Buffer, length: number) => void) => void,
  beforeRename: () => void = () => {},
  /** The file whose extended attributes and ACLs the new file gets (the one it replaces). */
  attributesFrom: string | null = null,
): void {
  const dir = dirname(path);
  const temp = join(
    dir,
    `.${basename(path)}.leasecheck-${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  let fd = -1;
  let renamed = false;
  try {
    try {
      fd = createExclusive(fs, 'temp-create', temp);
    } catch (error) {
      throw ioStep('temp-create', dir, error);
    }
    try {
      produce((buffer, length) => fs.write('temp-write', fd, buffer, length));
    } catch (error) {
      throw ioStep('temp-write', temp, error);
    }
    try {
      if (owner) {
        // chown before chmod: chown clears set-id bits.
        try {
          fs.fchown('temp-owner', fd, owner.uid, owner.gid);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const current = fstatSync(fd);
          if (!(
            (code === 'EPERM' || code === 'EACCES') &&
            current.uid === owner.uid &&
            current.gid === owner.gid
          )) {
            throw error;
          }
        }
        fs.fchmod('temp-owner', fd, owner.mode & 0o7777);
      } else fs.fchmod('temp-owner', fd, 0o644);
      if (attributesFrom) copyAttributes(attributesFrom, temp);
    } catch (error) {
      throw ioStep('temp-owner', temp, error);
    }
    try {
      fs.fsync('temp-fsync', fd);
    } catch (error) {
      throw ioStep('temp-fsync', temp, error);
    }
    closeSync(fd);
    fd = -1;
    beforeRename();
    try {
      fs.rename('rename', temp, path);
      renamed = true;
    } catch (error) {
      throw ioStep('rename', path, error);
    }
  } finally {
    if (fd >= 0) closeSync(fd);
    if (!renamed) removeQuietly(temp);
  }
  try {
    fs.fsyncDir('dir-fsync', dir);
  } catch (error) {
    throw new DirSyncError(
      `${path} was replaced, but fsync of ${dir} failed (${(error as Error).message}): the new name may not survive a crash`,
      8,
    );
  }
}

/**
 * Writes a small file atomically (temp, fsync, rename, fsync dir), e.g.
 * Prometheus metrics for the textfile collector. The rename replaces
 * whatever has the name: only a regular file (or nothing) may, never a
 * symbolic link, a FIFO, a device such as /dev/stdout, or a directory.
 */
export function writeFileAtomic(path: string, data: string | Buffer, fs: FsOps = realFsOps): void {
  const existing = lstatOrNull(path);
  if (existing && !existing.isFile()) {
    const what = existing.isSymbolicLink()
      ? 'a symbolic link'
      : existing.isDirectory()
        ? 'a directory'
        : 'not a regular file';
    refuse(
      `${path}: is ${what}; the output replaces its file atomically, so it must be a regular file or not exist yet`,
    );
  }
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  replaceAtomically(fs, resolve(path), null, (emit) => emit(bytes, bytes.length));
}

function lstatOrNull(path: string): ReturnType<typeof lstatSync> | null {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw describeIoError(error, path);
  }
}
