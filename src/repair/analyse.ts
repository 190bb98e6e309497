import { closeSync, existsSync, lstatSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import type { CheckReport } from '../check/types.js';
import { LeasecheckError, describeIoError } from '../errors.js';
import { dhcpdBackupPath, needsRestore, planRestore, type ListDeclarations } from './backup.js';
import { regionDiff, wholeDiff } from './diff.js';
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

async function restorePlan(
  file: string,
  size: number | null,
  report: CheckReport | null,
  options: AnalyseOptions,
  deps: AnalyseDeps,
): Promise<RepairAnalysis | null> {
  const reason = needsRestore(report, size);
  if (!reason || (report?.verdict === 'corrupt' && options.dropCorrupt)) return null;
  const backup = dhcpdBackupPath(file);
  const backupSize = fileSize(backup);
  if (!backupSize) return null;
  const backupReport = await deps.check(backup, { now: options.now });
  if (backupReport.verdict !== 'clean') return null;
  const plan = await planRestore(file, reason, size !== null, backupReport, options.now, deps.list);
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
  const oldText = size === null ? null : readFileSync(file).toString('latin1');
  const newText = readFileSync(backup).toString('latin1');
  return { plan, diff: wholeDiff(oldText, newText, file), diffOmitted: null, report };
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
    if (restore) return restore;
    throw new LeasecheckError(
      `${file}: no such file (and no clean ${dhcpdBackupPath(file)} to restore it from)`,
    );
  }
  const fd = openForReading(file, true);
  try {
    const before = fingerprintFd(fd, []);
    const maxProblems =
      options.maxProblems ?? (options.dropCorrupt ? DROP_CORRUPT_PROBLEMS : undefined);
    const report = await deps.check(file, {
      now: options.now,
      ...(maxProblems !== undefined ? { maxProblems } : {}),
    });
    const restore = await restorePlan(file, size, report, options, deps);
    if (restore) return restore;
    const plan = planRepair(report, options, fd);
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
          ? `no diff shown: a change starts inside a line longer than 16 MiB; review it with \`leasecheck check\`, --write applies it`
          : null,
      report,
    };
  } finally {
    closeSync(fd);
  }
}
