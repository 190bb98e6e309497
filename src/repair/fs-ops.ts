import * as fs from 'node:fs';

/**
 * The file-system calls of the safe write, each labelled with the protocol
 * step it belongs to. Production uses `realFsOps`; tests wrap it to make one
 * step fail (or the process die) and check what is left on disk.
 */
export type Step =
  | 'backup-create'
  | 'backup-write'
  | 'backup-fsync'
  | 'backup-dir-fsync'
  | 'manifest-write'
  | 'temp-create'
  | 'temp-write'
  | 'temp-fsync'
  | 'temp-owner'
  | 'rename'
  | 'dir-fsync';

export const steps: readonly Step[] = [
  'backup-create',
  'backup-write',
  'backup-fsync',
  'backup-dir-fsync',
  'manifest-write',
  'temp-create',
  'temp-write',
  'temp-fsync',
  'temp-owner',
  'rename',
  'dir-fsync',
];

export interface FsOps {
  open(step: Step, path: string, flags: number, mode?: number): number;
  /** Writes all of `buffer[0, length)`. */
  write(step: Step, fd: number, buffer: Buffer, length: number): void;
  fsync(step: Step, fd: number): void;
  fchown(step: Step, fd: number, uid: number, gid: number): void;
  fchmod(step: Step, fd: number, mode: number): void;
  rename(step: Step, from: string, to: string): void;
  link(step: Step, from: string, to: string): void;
  /** Fsyncs a directory so a rename or a new name in it survives a crash. */
  fsyncDir(step: Step, path: string): void;
}

export const realFsOps: FsOps = {
  open: (_step, path, flags, mode) => fs.openSync(path, flags, mode),
  write: (_step, fd, buffer, length) => {
    let done = 0;
    while (done < length) done += fs.writeSync(fd, buffer, done, length - done);
  },
  fsync: (_step, fd) => fs.fsyncSync(fd),
  fchown: (_step, fd, uid, gid) => fs.fchownSync(fd, uid, gid),
  fchmod: (_step, fd, mode) => fs.fchmodSync(fd, mode),
  rename: (_step, from, to) => fs.renameSync(from, to),
  link: (_step, from, to) => fs.linkSync(from, to),
  fsyncDir: (_step, path) => {
    const fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY);
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  },
};

/**
 * Creates `path` for writing only when no file has that name (O_EXCL: never
 * over another file), readable by us alone (0600) until its owner and mode
 * are set.
 */
export function createExclusive(ops: FsOps, step: Step, path: string): number {
  return ops.open(
    step,
    path,
    fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL,
    0o600,
  );
}

/** Removes a file leasecheck made, when it is there; a failure changes nothing the caller can act on. */
export function removeQuietly(path: string): void {
  try {
    fs.unlinkSync(path);
  } catch {
    // Never created, or already gone.
  }
}
