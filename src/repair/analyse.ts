import { closeSync, existsSync, lstatSync, readlinkSync, statSync } from 'node:fs';
import { readBoundedFile } from '../bounded-file.js';
import type { CheckReport } from '../check/types.js';
import { LeasecheckError, describeIoError } from '../errors.js';
import { dhcpdBackupPath, needsRestore, planRestore, type ListDeclarations } from './backup.js';
import { MAX_DIFF_REGION, regionDiff, wholeDiff } from './diff.js';
import { planRepair, type PlanOptions } from './plan.js';
import { fingerprintFd, fingerprintPath, openForReading } from './region.js';
import type { Fingerprint, RepairPlan } from './types.js';

export type CheckFile = (
  path: string,
  options: { now?: Date; maxProblems?: number },
) => Promise<CheckReport>;

export interface AnalyseOptions extends PlanOptions {
  now: Date;
  /**
   * Restore dhcpd's `FILE~` even when FILE holds keys it lacks or newer
   * states of keys it holds. Without it such a restore is only described:
   * the plan proposed is the least destructive one (drop the damaged
   * declarations), which needs --drop-corrupt to be written.
   */
  restoreBackup?: boolean;
  /**
   * How many damaged declarations the check lists. --drop-corrupt removes
   * only what is listed, so it asks for DROP_CORRUPT_PROBLEMS by default.
   */
  maxProblems?: number;
}

/** What --drop-corrupt lists unless told otherwise: far beyond a damaged disk block or two. */
export const DROP_CORRUPT_PROBLEMS = 1000;

export interface AnalyseDeps {
  check: CheckFile;
  /** Lists keyed declarations, for what a restore from `FILE~` would lose. */
  list: ListDeclarations;
}

export interface RepairAnalysis {
  plan: RepairPlan;
  /** The unified diff; empty when nothing changes; null when too large to show. */
  diff: string | null;
  /** Why no diff is shown, when `diff` is null. */
  diffOmitted: string | null;
  /** The check report of FILE (null when it does not exist). */
  report: CheckReport | null;
}

/** Restores are diffed as whole contents: only when both sides are this small. */
const MAX_WHOLE_DIFF = 4 * 1024 * 1024;

function sameIdentity(a: Fingerprint, b: Fingerprint): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

function fileSize(path: string): number | null {
  try {
    const link = lstatSync(path);
    if (link.isSymbolicLink() && !existsSync(path)) {
      // A restore would have to create the link's target, or replace the
      // link: neither is a repair of FILE. Say so instead of proposing one.
      throw new LeasecheckError(
        `${path}: is a symbolic link to ${readlinkSync(path)}, which does not exist; remove the link or create its target, then run again`,
      );
    }
    const stat = link.isSymbolicLink() ? statSync(path) : link;
    if (stat.isDirectory()) throw new LeasecheckError(`${path}: is a directory, not a lease file`);
    if (!stat.isFile()) throw new LeasecheckError(`${path}: is not a regular file`);
    return stat.size;
  } catch (error) {
    if (error instanceof LeasecheckError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw describeIoError(error, path);
  }
}

/** Whether restoring `FILE~` would lose what FILE holds: keys it lacks, or newer states. */
function restoreLoses(plan: RepairPlan): boolean {
  const r = plan.restore;
  return r !== null && (r.lostKeys.length > 0 || r.changedKeys.length > 0);
}

/**
 * The restore from `FILE~`, or null when none applies. A restore that would
 * lose keys or newer states of FILE is returned as `lossy` unless
 * --restore-backup asked for it: the caller proposes something else.
 */
async function restorePlan(
  file: string,
  size: number | null,
  report: CheckReport | null,
  options: AnalyseOptions,
  deps: AnalyseDeps,
): Promise<RepairAnalysis | { lossy: RepairPlan } | null> {
  const reason = needsRestore(report, size);
  if (!reason || (report?.verdict === 'corrupt' && options.dropCorrupt)) return null;
  const backup = dhcpdBackupPath(file);
  const backupSize = fileSize(backup);
  if (!backupSize) return null;
  const backupReport = await deps.check(backup, { now: options.now });
  if (backupReport.verdict !== 'clean') return null;
  const plan = await planRestore(file, reason, size !== null, backupReport, options.now, deps.list);
  if (restoreLoses(plan) && !options.restoreBackup) return { lossy: plan };
  const small = backupSize <= MAX_WHOLE_DIFF && (size ?? 0) <= MAX_WHOLE_DIFF;
  plan.sourceFingerprint = fingerprintPath(backup, small ? [[0, backupSize]] : []);
  plan.fingerprint = size === null ? null : fingerprintPath(file, small ? [[0, size]] : []);
  if (!small) {
    return {
      plan,
      diff: null,
      diffOmitted: `no diff shown: ${file} or ${backup} is larger than ${MAX_WHOLE_DIFF} bytes`,
      report,
    };
  }
  const oldText =
    size === null ? null : readBoundedFile(file, 'a lease file', MAX_WHOLE_DIFF).toString('latin1');
  const newText = readBoundedFile(backup, 'a lease file', MAX_WHOLE_DIFF).toString('latin1');
  return { plan, diff: wholeDiff(oldText, newText, file), diffOmitted: null, report };
}

/** What a lossy restore would cost, and the two ways on. */
function lossyRestoreWords(file: string, lossy: RepairPlan): string[] {
  const r = lossy.restore!;
  const keys = (list: string[]): string =>
    list.length ? ` (${list.slice(0, 10).join(', ')}${list.length > 10 ? ', …' : ''})` : '';
  return [
    `${file}: it is damaged in the middle; dhcpd's previous snapshot ${r.backup} checks clean, but restoring it would lose ${r.lostKeys.length} key(s) only ${file} holds${keys(r.lostKeys)} and roll back ${r.changedKeys.length} newer state(s)${keys(r.changedKeys)}: not proposed.`,
    `Proposed instead: remove only the damaged declaration(s) (write with --drop-corrupt); to restore ${r.backup} all the same, losing the above: --restore-backup.`,
  ];
}

/**
 * Checks FILE and works out the repair: the plan, its diff, and the
 * fingerprint `--write` re-checks. Reads only the regions around the changes
 * (plus whatever the check reads); modifies nothing.
 */
export async function analyseRepair(
  file: string,
  options: AnalyseOptions,
  deps: AnalyseDeps,
): Promise<RepairAnalysis> {
  const size = fileSize(file);
  if (size === null) {
    const restore = await restorePlan(file, null, null, options, deps);
    if (restore && !('lossy' in restore)) return restore;
    throw new LeasecheckError(
      `${file}: no such file (and no clean ${dhcpdBackupPath(file)} to restore it from)`,
    );
  }
  const fd = openForReading(file, true);
  try {
    const before = fingerprintFd(fd, []);
    const maxProblems =
      options.maxProblems ?? (options.dropCorrupt ? DROP_CORRUPT_PROBLEMS : undefined);
    let report = await deps.check(file, {
      now: options.now,
      ...(maxProblems !== undefined ? { maxProblems } : {}),
    });
    const restore = await restorePlan(file, size, report, options, deps);
    if (restore && !('lossy' in restore)) return restore;
    if (options.restoreBackup) {
      throw new LeasecheckError(
        needsRestore(report, size)
          ? `${file}: --restore-backup: no clean ${dhcpdBackupPath(file)} to restore; nothing changed`
          : `${file}: --restore-backup: the file is ${report.verdict}, neither empty nor damaged in the middle; nothing restored`,
      );
    }
    let plan: RepairPlan;
    if (restore) {
      // FILE~ lacks what FILE holds: never the default. Propose dropping only
      // the damaged declarations, and say what the restore would cost.
      if (report.problemsTruncated && options.maxProblems === undefined) {
        report = await deps.check(file, { now: options.now, maxProblems: DROP_CORRUPT_PROBLEMS });
      }
      plan = planRepair(report, { ...options, dropCorrupt: true }, fd);
      plan.restore = restore.lossy.restore;
      plan.explanation.unshift(...lossyRestoreWords(file, restore.lossy));
    } else plan = planRepair(report, options, fd);
    const diff = regionDiff(fd, report.bytes, plan.edits, file);
    plan.fingerprint = fingerprintFd(fd, diff.regions);
    if (!sameIdentity(before, plan.fingerprint) || report.bytes !== before.size) {
      throw new LeasecheckError(
        `${file}: changed while it was being analysed; is dhcpd running? Try again.`,
      );
    }
    return {
      plan,
      diff: diff.text,
      diffOmitted:
        diff.text === null
          ? `no diff shown: ${diff.omitted === 'large-region' ? `a change spans more than ${MAX_DIFF_REGION / (1024 * 1024)} MiB` : 'a change starts inside a line longer than 16 MiB'}; review it with \`leasecheck check\`, --write applies it`
          : null,
      report,
    };
  } finally {
    closeSync(fd);
  }
}
