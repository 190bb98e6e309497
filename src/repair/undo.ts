import { closeSync, fstatSync, readFileSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { LeasecheckError, describeIoError } from '../errors.js';
import { realFsOps } from './fs-ops.js';
import { fingerprintDifference, fingerprintFd, openForReading } from './region.js';
import { CHUNK, hashFd } from './stream.js';
import {
  checkHolders,
  replaceAtomically,
  targetPath,
  type UndoManifest,
  type WriteOptions,
} from './write.js';

export interface UndoOutcome {
  file: string;
  backup: string;
  restoredBytes: number;
  sha256: string;
  forcedPast: string[];
}

function refuse(message: string): never {
  throw new LeasecheckError(message, 8);
}

export function readManifest(backup: string): UndoManifest {
  const path = `${backup}.json`;
  let manifest: UndoManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as UndoManifest;
    // (Checked below: JSON.parse gives whatever the file holds.)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      refuse(`${backup}: no ${path} beside it: not a backup written by leasecheck repair --write`);
    }
    if (error instanceof SyntaxError) refuse(`${path}: not valid JSON`);
    throw describeIoError(error, path);
  }
  if (!isManifest(manifest)) refuse(`${path}: not a leasecheck undo manifest`);
  return manifest;
}

/** The shape `repair --write` writes; anything else (`null`, a number, a hand edit) is refused. */
function isManifest(value: unknown): value is UndoManifest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  const sized = (side: unknown): boolean =>
    typeof side === 'object' &&
    side !== null &&
    typeof (side as Record<string, unknown>).bytes === 'number' &&
    typeof (side as Record<string, unknown>).sha256 === 'string';
  return (
    m.leasecheckUndo === 1 &&
    typeof m.file === 'string' &&
    typeof m.backup === 'string' &&
    sized(m.original) &&
    sized(m.repaired)
  );
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
