import { closeSync, fstatSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { realFsOps } from './fs-ops.js';
import { fingerprintDifference, fingerprintFd, openForReading } from './region.js';
import { CHUNK, hashFd } from './stream.js';
import { replaceAtomically } from './atomic-replace.js';
import { checkHolders } from './holder-check.js';
import { readManifest } from './manifest.js';
import { refuse } from './refuse.js';
import { targetPath } from './target.js';
import type { WriteOptions } from './write-options.js';

export interface UndoOutcome {
  file: string;
  backup: string;
  restoredBytes: number;
  sha256: string;
  forcedPast: string[];
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
    );
    return {
      file: path,
      backup: resolve(backup),
      restoredBytes: saved.bytes,
      sha256: saved.sha256,
      forcedPast: forcedPast.map((h) => `pid ${h.pid} (${h.command}) ${h.why}`),
    };
  } finally {
    closeSync(fileFd);
    closeSync(backupFd);
  }
}
