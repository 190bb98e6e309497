import { statSync } from 'node:fs';
import type { CheckReport } from '../check/types.js';
import type { RepairPlan } from './types.js';

/**
 * The last declaration of each key in a lease file, as a comparable string
 * (kind, key → binding state, ends, hardware, uid). Built by the caller from
 * the scanner, so that this module needs no parser of its own.
 */
export type KeyedDeclarations = { declarations: number; last: Map<string, string> };
export type ListDeclarations = (path: string) => Promise<KeyedDeclarations>;

/** dhcpd's own previous snapshot of FILE (server/db.c new_lease_file hard-links it there). */
export function dhcpdBackupPath(file: string): string {
  return `${file}~`;
}

/** Why FILE would be replaced by `FILE~`, or null when it should not be. */
export function needsRestore(
  fileReport: CheckReport | null,
  fileBytes: number | null,
): string | null {
  if (fileBytes === null) return 'it does not exist';
  if (fileBytes === 0) return 'it is empty';
  if (fileReport?.verdict === 'corrupt') return 'it is damaged in the middle, not only at its tail';
  return null;
}

function ago(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} second${Math.round(seconds) === 1 ? '' : 's'}`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} minutes`;
  if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} hours`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

/**
 * The plan to put `FILE~` back in place of FILE: what it restores, how old it
 * is, and what FILE holds that it lacks (addresses it would forget, and
 * addresses whose newer state it would roll back).
 */
export async function planRestore(
  file: string,
  reason: string,
  fileExists: boolean,
  backupReport: CheckReport,
  now: Date,
  list: ListDeclarations,
): Promise<RepairPlan> {
  const backup = backupReport.file;
  const stat = statSync(backup);
  const ageSeconds = Math.max(0, (now.getTime() - stat.mtimeMs) / 1000);
  const inBackup = await list(backup);
  const inFile = fileExists
    ? await list(file)
    : { declarations: 0, last: new Map<string, string>() };
  const lostKeys: string[] = [];
  const changedKeys: string[] = [];
  for (const [key, state] of inFile.last) {
    const old = inBackup.last.get(key);
    if (old === undefined) lostKeys.push(key);
    else if (old !== state) changedKeys.push(key);
  }
  const explanation = [
    `${file}: ${reason}; dhcpd's previous snapshot ${backup} checks clean (${backupReport.bytes} bytes, ${inBackup.declarations} declarations, written ${ago(ageSeconds)} ago, ${stat.mtime.toISOString()}).`,
    `Restore ${file} from ${backup}.`,
  ];
  if (fileExists && inFile.declarations > 0) {
    explanation.push(
      lostKeys.length === 0 && changedKeys.length === 0
        ? `Nothing readable in ${file} is missing from ${backup}.`
        : `${file} holds ${lostKeys.length} key(s) ${backup} lacks${lostKeys.length ? ` (${lostKeys.slice(0, 10).join(', ')}${lostKeys.length > 10 ? ', …' : ''})` : ''} and a newer state for ${changedKeys.length} more${changedKeys.length ? ` (${changedKeys.slice(0, 10).join(', ')}${changedKeys.length > 10 ? ', …' : ''})` : ''}: these would be lost.`,
    );
  }
  return {
    file,
    action: 'restore-backup',
    source: backup,
    sourceBytes: backupReport.bytes,
    edits: [],
    resultBytes: backupReport.bytes,
    removed: [],
    cutOffset: null,
    affected: [...lostKeys, ...changedKeys],
    previous: null,
    explanation,
    refusal: null,
    restore: {
      backup,
      backupBytes: backupReport.bytes,
      ageSeconds: Math.round(ageSeconds),
      backupMtime: stat.mtime.toISOString(),
      lostKeys,
      changedKeys,
      declarationsInFile: inFile.declarations,
      declarationsInBackup: inBackup.declarations,
    },
    fingerprint: null,
    sourceFingerprint: null,
  };
}
