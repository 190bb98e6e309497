import { closeSync } from 'node:fs';
import { readBoundedFile, sizeCaps } from '../bounded-file.js';
import { LeasecheckError } from '../errors.js';
import { createExclusive, removeQuietly, type FsOps } from './fs-ops.js';
import { ioStep, refuse } from './refuse.js';
import { nameExists } from './target.js';

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

/**
 * Writes the manifest exclusively and fsyncs it; on failure nothing of it is
 * left. A file already at that name is not ours: it is left as it is.
 */
export function writeManifest(fs: FsOps, manifestPath: string, manifest: UndoManifest): void {
  let fd = -1;
  let created = false;
  try {
    fd = createExclusive(fs, 'manifest-write', manifestPath);
    created = true;
    const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    fs.write('manifest-write', fd, bytes, bytes.length);
    fs.fsync('manifest-write', fd);
  } catch (error) {
    if (created) removeQuietly(manifestPath);
    throw ioStep('manifest-write', manifestPath, error);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/** Reads the manifest beside `backup`, refusing anything `repair --write` did not write. */
export function readManifest(backup: string): UndoManifest {
  const path = `${backup}.json`;
  let manifest: UndoManifest;
  try {
    manifest = JSON.parse(
      readBoundedFile(path, 'an undo manifest', sizeCaps.manifest).toString('utf8'),
    ) as UndoManifest;
    // (Checked below: JSON.parse gives whatever the file holds.)
  } catch (error) {
    if (error instanceof LeasecheckError && !nameExists(path)) {
      refuse(`${backup}: no ${path} beside it: not a backup written by leasecheck repair --write`);
    }
    if (error instanceof SyntaxError) refuse(`${path}: not valid JSON`);
    throw error;
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
