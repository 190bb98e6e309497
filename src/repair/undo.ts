import { closeSync, fstatSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { realFsOps } from './fs-ops.js';
import { fingerprintDifference, fingerprintFd, openForReading } from './region.js';
import { CHUNK, hashFd } from './stream.js';
import { replaceAtomically } from './atomic-replace.js';
import { checkHolders } from './holder-check.js';
import { readManifest } from './manifest.js';
import { checkLateAppend } from './late-append.js';
import { backupStamp } from './make-backup.js';
import { AfterReplaceError, DirSyncError, refuse } from './refuse.js';
import { targetPath } from './target.js';
import type { WriteOptions } from './write-options.js';

export interface UndoOutcome {
  file: string;
  backup: string;
  restoredBytes: number;
  sha256: string;
  forcedPast: string[];
  /** FILE already held the original bytes (a second undo): nothing was written. */
  alreadyOriginal?: boolean;
}

/**
 * Puts the original bytes back from a backup written by `repair --write`,
 * atomically, after checking that FILE is still exactly what the repair wrote
 * and the backup still holds what the repair backed up.
 */
export function undoRepair(
  backup: string,
  file: string | undefined,
  options: WriteOptions = {},
): UndoOutcome {
  const fs = options.fs ?? realFsOps;
  const manifest = readManifest(backup);
  const { path, exists } = targetPath(file ?? manifest.file, options.followSymlinks ?? false);
  if (!exists)
    refuse(
      `${file ?? manifest.file}: does not exist; copy the backup back by hand if that is intended`,
    );
  const forcedPast = checkHolders(path, options);

  const fileFd = openForReading(path, true);
  const backupFd = openForReading(resolve(backup), true);
  try {
    const before = fingerprintFd(fileFd, []);
    const current = hashFd(fileFd);
    if (current.sha256 === manifest.original.sha256 && current.bytes === manifest.original.bytes) {
      // An earlier undo (or someone) already put the original back.
      return {
        file: path,
        backup: resolve(backup),
        restoredBytes: 0,
        sha256: current.sha256,
        forcedPast: [],
        alreadyOriginal: true,
      };
    }
    if (current.sha256 !== manifest.repaired.sha256 || current.bytes !== manifest.repaired.bytes) {
      refuse(
        `${path}: is no longer the output of that repair (${current.bytes} bytes, expected ${manifest.repaired.bytes}); dhcpd or someone wrote to it since. Nothing changed.`,
      );
    }
    const saved = hashFd(backupFd);
    if (saved.sha256 !== manifest.original.sha256 || saved.bytes !== manifest.original.bytes) {
      refuse(`${backup}: does not hold the bytes it was made with; nothing changed`);
    }
    const owner = fstatSync(fileFd);
    let dirSyncFailure: string | null = null;
    try {
      replaceAtomically(
        fs,
        path,
        { mode: owner.mode, uid: owner.uid, gid: owner.gid },
        (emit) => {
          const buffer = Buffer.allocUnsafe(CHUNK);
          for (let position = 0; ;) {
            const n = readSync(backupFd, buffer, 0, buffer.length, position);
            if (n === 0) break;
            emit(buffer, n);
            position += n;
          }
        },
        () => {
          const change = fingerprintDifference(before, fileFd);
          if (change) refuse(`${path}: changed while being restored (${change}); nothing changed`);
        },
        path,
      );
    } catch (error) {
      if (!(error instanceof DirSyncError)) throw error;
      dirSyncFailure = error.message;
    }
    const outcome: UndoOutcome = {
      file: path,
      backup: resolve(backup),
      restoredBytes: saved.bytes,
      sha256: saved.sha256,
      forcedPast: forcedPast.map((h) => `pid ${h.pid} (${h.command}) ${h.why}`),
    };
    // A writer that appended to the repaired file in the last window wrote
    // into the inode that was just replaced: save those bytes, say so.
    const late = checkLateAppend(fileFd, before.size, path, backupStamp(new Date()));
    const troubles = [
      late
        ? `WARNING: ${path}: ${late.bytes} bytes were appended to the repaired file between the last check and the rename (is dhcpd running?); they are NOT in the restored file: ${late.savedTo ? `saved in ${late.savedTo}` : `saving them failed (${late.saveError})`}.`
        : null,
      dirSyncFailure,
    ].filter((t): t is string => t !== null);
    if (troubles.length > 0) throw new AfterReplaceError(troubles.join(' '), outcome);
    return outcome;
  } finally {
    closeSync(fileFd);
    closeSync(backupFd);
  }
}
