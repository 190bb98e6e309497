import type { FsOps } from './fs-ops.js';

/** How `repair --write` and `undo` write. */
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
