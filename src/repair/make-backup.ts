import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, readSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createExclusive, removeQuietly, type FsOps, type Step } from './fs-ops.js';
import { ioStep, refuse } from './refuse.js';
import { CHUNK } from './stream.js';
import { nameExists } from './target.js';
import type { WriteOptions } from './write-options.js';

/** `20261128T133500Z`: sortable, no colons (they upset scp and Windows shares). */
export function backupStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * Creates `dir/name`, or `name-1`, `name-2`… when it exists: a backup never
 * overwrites anything. A name whose manifest (`name.json`) is there is taken
 * too: a manifest left without its backup is not this repair's to replace.
 */
function exclusiveName(
  dir: string,
  stem: string,
  suffix: string,
  create: (path: string) => void,
): string {
  for (let n = 0; n < 1000; n++) {
    const path = join(dir, n === 0 ? `${stem}${suffix}` : `${stem}-${n}${suffix}`);
    if (nameExists(`${path}.json`)) continue;
    try {
      create(path);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return refuse(`${dir}: could not find a free backup name for ${stem}`);
}

function copyFd(fs: FsOps, step: Step, from: number, to: number): void {
  const buffer = Buffer.allocUnsafe(CHUNK);
  // Positional reads: the descriptor's offset is never shared with anyone.
  for (let position = 0; ;) {
    const n = readSync(from, buffer, 0, buffer.length, position);
    if (n === 0) return;
    fs.write(step, to, buffer, n);
    position += n;
  }
}

/** Fsyncs the directory of a new backup; when that fails, the backup goes again (nothing was written yet). */
function syncNewName(fs: FsOps, dir: string, backup: string): void {
  try {
    fs.fsyncDir('backup-dir-fsync', dir);
  } catch (error) {
    removeQuietly(backup);
    throw error;
  }
}

/**
 * Backs up the original: a hard link when the backup lives on the same file
 * system (the original inode is never written again: the repair renames a new
 * file over the name), else an exclusive byte copy. Both are fsynced.
 */
export function makeBackup(
  fs: FsOps,
  path: string,
  originalFd: number,
  options: WriteOptions,
  stamp: string,
): { backup: string; method: 'hard-link' | 'copy' } {
  const dir = options.backupDir ? resolve(options.backupDir) : dirname(path);
  const stem = `${basename(path)}.leasecheck-${stamp}`;
  const original = fstatSync(originalFd);
  if (options.backupMethod !== 'copy') {
    try {
      fs.fsync('backup-fsync', originalFd);
      const backup = exclusiveName(dir, stem, '.bak', (p) => fs.link('backup-create', path, p));
      syncNewName(fs, dir, backup);
      return { backup, method: 'hard-link' };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Another file system, or one without hard links: copy instead.
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') {
        throw ioStep('backup-create', dir, error);
      }
    }
  }
  // Copy under a temp name, then give it the backup name with link(2), which
  // fails rather than overwrite: a `.bak` file is always complete.
  const temp = join(dir, `.${stem}.${process.pid}-${randomBytes(4).toString('hex')}.bak-tmp`);
  let fd = -1;
  try {
    fd = createExclusive(fs, 'backup-create', temp);
    try {
      fs.fchown('backup-create', fd, original.uid, original.gid);
    } catch {
      // Not root: the backup stays ours, readable only by us (mode 0600): nothing leaks.
    }
    fs.fchmod('backup-create', fd, original.mode & 0o7777);
    copyFd(fs, 'backup-write', originalFd, fd);
    fs.fsync('backup-fsync', fd);
    closeSync(fd);
    fd = -1;
    const backup = exclusiveName(dir, stem, '.bak', (p) => {
      try {
        fs.link('backup-create', temp, p);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EPERM' && code !== 'ENOTSUP') throw error;
        // No hard links here: rename, after making sure the name is free.
        if (nameExists(p)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
        fs.rename('backup-create', temp, p);
      }
    });
    syncNewName(fs, dir, backup);
    return { backup, method: 'copy' };
  } catch (error) {
    throw ioStep('backup-write', dir, error);
  } finally {
    if (fd >= 0) closeSync(fd);
    removeQuietly(temp);
  }
}
