import { closeSync, fstatSync, statSync } from 'node:fs';
import { LeasecheckError } from '../errors.js';
import { shellQuote } from '../shell-quote.js';
import { replaceAtomically } from './atomic-replace.js';
import { realFsOps, removeQuietly } from './fs-ops.js';
import { checkHolders } from './holder-check.js';
import { backupStamp, makeBackup } from './make-backup.js';
import { writeManifest } from './manifest.js';
import { AfterReplaceError, DirSyncError, refuse } from './refuse.js';
import { fingerprintDifference, openForReading } from './region.js';
import { checkLateAppend, type LateAppend } from './late-append.js';
import { hashFd, streamEdited } from './stream.js';
import { nameExists, stillNames, targetPath } from './target.js';
import type { RepairPlan, WriteOutcome } from './types.js';
import type { WriteOptions } from './write-options.js';

export type { WriteOptions } from './write-options.js';
export type { UndoManifest } from './manifest.js';
export { writeFileAtomic } from './atomic-replace.js';

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

  // From here FILE exists exactly when plan.fingerprint is set, and then originalFd is open.
  const originalFd = exists ? openForReading(path, true) : -1;
  const sourceFd =
    plan.action === 'restore-backup' ? openForReading(plan.source, true) : originalFd;
  try {
    const recheck = (): void => {
      if (plan.fingerprint) {
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
      } else if (nameExists(path)) {
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
    /** Set when the rename happened but the directory fsync after it failed. */
    let dirSyncFailure: string | null = null;
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
        exists ? path : null,
      );
    } catch (error) {
      if (error instanceof DirSyncError) dirSyncFailure = error.message;
      else {
        // Not replaced: the original is still at its name. A manifest promising
        // the repaired bytes would only mislead `undo`, and the backup would only
        // pile up with each retry (a hard link to the live file, at that, which
        // dhcpd's next appends would change).
        if (made && original && stillNames(path, original.ino)) {
          if (manifestWritten && manifestPath) removeQuietly(manifestPath);
          removeQuietly(made.backup);
        }
        throw error;
      }
    }
    // Replaced. Whatever goes wrong from here, the backup and undo are real.
    const lateAppend = plan.fingerprint
      ? checkLateAppend(originalFd, plan.fingerprint.size, path, stamp)
      : null;
    const originalSha256 =
      sourceFd === originalFd ? result.sourceSha256 : exists ? hashFd(originalFd).sha256 : '';
    const outcome: WriteOutcome = {
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
      appendedAfterCheck: lateAppend,
    };
    const troubles = [
      lateAppend ? lateAppendWarning(path, lateAppend, made) : null,
      dirSyncFailure,
    ].filter((t): t is string => t !== null);
    if (troubles.length > 0) throw new AfterReplaceError(troubles.join(' '), outcome);
    return outcome;
  } finally {
    if (originalFd >= 0) closeSync(originalFd);
    if (sourceFd >= 0 && sourceFd !== originalFd) closeSync(sourceFd);
  }
}

/** The loud message for bytes appended to the old file in the window before the rename. */
function lateAppendWarning(
  path: string,
  late: LateAppend,
  made: { backup: string; method: string } | null,
): string {
  const where = late.savedTo
    ? `they are saved in ${late.savedTo}`
    : `saving them failed (${late.saveError})${made?.method === 'hard-link' ? `; they are at the end of ${made.backup}` : ''}`;
  return `WARNING: ${path}: ${late.bytes} bytes were appended to the old file between the last check and the rename (is dhcpd running?); they are NOT in the repaired file: ${where}. Stop dhcpd, review them and append them to ${path} before starting it.`;
}
