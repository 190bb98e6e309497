import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  readSync,
  realpathSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LeasecheckError, describeIoError } from '../errors.js';
import { realFsOps, type FsOps, type Step } from './fs-ops.js';
import { findHolders, type Holder } from './holders.js';
import { fingerprintDifference, openForReading } from './region.js';
import { CHUNK, hashFd, streamEdited } from './stream.js';
import type { RepairPlan, WriteOutcome } from './types.js';

export interface WriteOptions {
  /** Where the backup goes; default: next to the file. */
  backupDir?: string;
  /** Write even when a process holds the file. */
  force?: boolean;
  /** Repair the target of a symbolic link. */
  followSymlinks?: boolean;
  /** Pid files naming dhcpd; default: the usual locations. */
  pidFiles?: string[];
  /** `copy` forces a byte copy for the backup even where a hard link would do. */
  backupMethod?: 'auto' | 'copy';
  /** The file-system calls (tests inject failures here). */
  fs?: FsOps;
  /** The clock that names the backup. */
  clock?: () => Date;
  /** Where /proc is (tests). */
  procRoot?: string;
}

/** The manifest `undo` reads, written next to the backup. */
export interface UndoManifest {
  leasecheckUndo: 1;
  file: string;
  backup: string;
  createdAt: string;
  action: string;
  original: { bytes: number; sha256: string };
  repaired: { bytes: number; sha256: string };
}

/** `20261128T133500Z`: sortable, no colons (they upset scp and Windows shares). */
export function backupStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
}

function refuse(message: string): never {
  throw new LeasecheckError(message, 8);
}

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

/** Refuses (exit 8) when processes hold the file, unless forced; returns them for a loud warning. */
export function checkHolders(path: string, options: WriteOptions): Holder[] {
  const holders = findHolders(path, { pidFiles: options.pidFiles, procRoot: options.procRoot });
  if (holders.length > 0 && !options.force) {
    const list = holders.map((h) => `pid ${h.pid} (${h.command}) ${h.why}`).join('; ');
    refuse(
      `${path}: in use, refusing to write: ${list}. Stop dhcpd first (or use --force if you are sure).`,
    );
  }
  return holders;
}

function ioStep(step: Step, path: string, error: unknown): LeasecheckError {
  if (error instanceof LeasecheckError) return error;
  const base = describeIoError(error, path);
  return new LeasecheckError(`${step}: ${base.message}`, 8);
}

/** Creates `dir/name`, or `name-1`, `name-2`… when it exists: a backup never overwrites anything. */
function exclusiveName(
  dir: string,
  stem: string,
  suffix: string,
  create: (path: string) => void,
): string {
  for (let n = 0; n < 1000; n++) {
    const path = join(dir, n === 0 ? `${stem}${suffix}` : `${stem}-${n}${suffix}`);
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
  let position = 0;
  for (;;) {
    const n = readFd(from, buffer, position);
    if (n === 0) return;
    fs.write(step, to, buffer, n);
    position += n;
  }
}

function readFd(fd: number, buffer: Buffer, position: number): number {
  // Positional reads: the descriptor's offset is never shared with anyone.
  return readSync(fd, buffer, 0, buffer.length, position);
}

/**
 * Backs up the original: a hard link when the backup lives on the same file
 * system (the original inode is never written again: the repair renames a new
 * file over the name), else an exclusive byte copy. Both are fsynced.
 */
function makeBackup(
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
    fd = fs.open(
      'backup-create',
      temp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
      0o600,
    );
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
        if (statOrNullSafe(p)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
        fs.rename('backup-create', temp, p);
      }
    });
    syncNewName(fs, dir, backup);
    return { backup, method: 'copy' };
  } catch (error) {
    throw ioStep('backup-write', dir, error);
  } finally {
    if (fd >= 0) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Renamed, or never created.
    }
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

function writeManifest(fs: FsOps, manifestPath: string, manifest: UndoManifest): void {
  let fd = -1;
  try {
    fd = fs.open(
      'manifest-write',
      manifestPath,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
      0o600,
    );
    const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    fs.write('manifest-write', fd, bytes, bytes.length);
    fs.fsync('manifest-write', fd);
  } catch (error) {
    removeQuietly(manifestPath);
    throw ioStep('manifest-write', manifestPath, error);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Never created, or already gone.
  }
}

/**
 * Writes `produce`'s bytes to a temp file beside `path`, fsyncs it, gives it
 * `mode`/`uid`/`gid`, calls `beforeRename` (the last re-check), renames it
 * over `path` and fsyncs the directory. On any failure before the rename the
 * temp file is removed and `path` is untouched.
 */
export function replaceAtomically(
  fs: FsOps,
  path: string,
  owner: { mode: number; uid: number; gid: number } | null,
  produce: (emit: (buffer: Buffer, length: number) => void) => void,
  beforeRename: () => void = () => {},
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
      fd = fs.open(
        'temp-create',
        temp,
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
        0o600,
      );
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
    if (!renamed) {
      try {
        unlinkSync(temp);
      } catch {
        // Never created, or already gone.
      }
    }
  }
  try {
    fs.fsyncDir('dir-fsync', dir);
  } catch (error) {
    throw new LeasecheckError(
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

/**
 * Applies a plan: re-checks the file, refuses when it is in use, backs up the
 * original, writes the result beside it and renames it over. FILE ends as
 * either the original bytes or the repaired bytes, never anything else.
 */
export function applyPlan(plan: RepairPlan, options: WriteOptions = {}): WriteOutcome {
  const fs = options.fs ?? realFsOps;
  if (plan.action === 'none' || plan.action === 'refuse') {
    throw new LeasecheckError(
      `${plan.file}: nothing to write (${plan.refusal ?? 'no repair needed'})`,
      8,
    );
  }
  const { path, exists } = targetPath(plan.file, options.followSymlinks ?? false);
  if (exists !== (plan.fingerprint !== null)) {
    refuse(
      `${plan.file}: changed since it was analysed (it ${exists ? 'appeared' : 'disappeared'}); run repair again`,
    );
  }
  const forcedPast = checkHolders(path, options);

  const originalFd = exists ? openForReading(path, true) : -1;
  const sourceFd =
    plan.action === 'restore-backup' ? openForReading(plan.source, true) : originalFd;
  try {
    const recheck = (): void => {
      if (plan.fingerprint && originalFd >= 0) {
        const change = fingerprintDifference(plan.fingerprint, originalFd);
        if (change)
          refuse(
            `${plan.file}: changed since it was analysed (${change}); nothing written, run repair again`,
          );
        const now = statSync(path);
        if (String(now.ino) !== plan.fingerprint.ino || String(now.dev) !== plan.fingerprint.dev) {
          refuse(
            `${plan.file}: was replaced since it was analysed; nothing written, run repair again`,
          );
        }
      } else if (statOrNullSafe(path)) {
        refuse(`${plan.file}: appeared since it was analysed; nothing written, run repair again`);
      }
      if (plan.sourceFingerprint && sourceFd !== originalFd) {
        const change = fingerprintDifference(plan.sourceFingerprint, sourceFd);
        if (change)
          refuse(`${plan.source}: changed since it was analysed (${change}); nothing written`);
      }
    };
    recheck();

    const original = exists ? fstatSync(originalFd) : null;
    const owner = original
      ? { mode: original.mode, uid: original.uid, gid: original.gid }
      : (() => {
          const s = fstatSync(sourceFd);
          return { mode: s.mode, uid: s.uid, gid: s.gid };
        })();

    const stamp = backupStamp((options.clock ?? (() => new Date()))());
    const made =
      exists && original!.size > 0 ? makeBackup(fs, path, originalFd, options, stamp) : null;

    let result = { sourceSha256: '', outputSha256: '', outputBytes: 0 };
    const sourceSize = fstatSync(sourceFd).size;
    const manifestPath = made ? `${made.backup}.json` : null;
    let manifestWritten = false;
    try {
      replaceAtomically(
        fs,
        path,
        owner,
        (emit) => {
          result = streamEdited(sourceFd, sourceSize, plan.edits, emit);
        },
        () => {
          recheck();
          if (made && manifestPath) {
            const originalHash =
              sourceFd === originalFd
                ? { sha256: result.sourceSha256, bytes: sourceSize }
                : hashFd(originalFd);
            writeManifest(fs, manifestPath, {
              leasecheckUndo: 1,
              file: path,
              backup: made.backup,
              createdAt: new Date().toISOString(),
              action: plan.action,
              original: originalHash,
              repaired: { bytes: result.outputBytes, sha256: result.outputSha256 },
            });
            manifestWritten = true;
          }
        },
      );
    } catch (error) {
      // Not replaced: the original is still at its name. A manifest promising
      // the repaired bytes would only mislead `undo`, and the backup would only
      // pile up with each retry (a hard link to the live file, at that, which
      // dhcpd's next appends would change).
      if (made && original && stillOriginal(path, original.ino)) {
        if (manifestWritten && manifestPath) removeQuietly(manifestPath);
        removeQuietly(made.backup);
      }
      throw error;
    }
    const originalSha256 =
      sourceFd === originalFd ? result.sourceSha256 : exists ? hashFd(originalFd).sha256 : '';
    return {
      file: path,
      backup: made?.backup ?? null,
      manifest: manifestPath,
      backupMethod: made?.method ?? 'none',
      bytesBefore: original?.size ?? 0,
      bytesAfter: result.outputBytes,
      originalSha256,
      resultSha256: result.outputSha256,
      forcedPast: forcedPast.map((h) => `pid ${h.pid} (${h.command}) ${h.why}`),
      undoCommand: made ? `leasecheck undo ${shellQuote(made.backup)} ${shellQuote(path)}` : null,
    };
  } finally {
    if (originalFd >= 0) closeSync(originalFd);
    if (sourceFd >= 0 && sourceFd !== originalFd) closeSync(sourceFd);
  }
}

/** Whether `path` still names the inode `ino` (the rename did not happen). */
function stillOriginal(path: string, ino: number): boolean {
  try {
    return statSync(path).ino === ino;
  } catch {
    return false;
  }
}

function statOrNullSafe(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Quotes a path for a shell command line when it needs it. */
export function shellQuote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
