import { statSync } from 'node:fs';
import { LeasecheckError } from '../errors.js';
import { analyseRepair, type AnalyseDeps } from './analyse.js';
import { dhcpdBackupPath } from './backup.js';
import { findLeftovers } from './leftovers.js';
import type { WriteOutcome } from './types.js';
import { applyPlan, shellQuote, type WriteOptions } from './write.js';

export type PreenStatus = 'clean' | 'repaired' | 'problems' | 'refused';

export interface PreenResult {
  status: PreenStatus;
  /** One line per repair or problem, for the journal. */
  lines: string[];
  /** Informational lines (leftovers) that do not change the status. */
  notes: string[];
  outcome: WriteOutcome | null;
}

function sizeOrNull(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/**
 * `repair --preen`: what runs before every dhcpd start. Repairs a truncated
 * tail with the safe write and nothing else; anything else changes nothing
 * and is reported in one line.
 */
export async function preen(
  file: string,
  options: { now: Date; write: WriteOptions },
  deps: AnalyseDeps,
): Promise<PreenResult> {
  const q = shellQuote(file);
  const notes = findLeftovers(file).map((l) =>
    l.path.endsWith('.tmp')
      ? `${file}: stray temp file ${l.path} (${l.bytes} bytes, ${l.startedAt}) left by an interrupted leasecheck write; not removed`
      : `${file}: stray snapshot ${l.path} (${l.bytes} bytes, started ${l.startedAt}) left by an interrupted dhcpd rewrite; not removed`,
  );
  const result = (
    status: PreenStatus,
    lines: string[],
    outcome: WriteOutcome | null = null,
  ): PreenResult => ({
    status,
    lines,
    notes,
    outcome,
  });

  const size = sizeOrNull(file);
  const backup = dhcpdBackupPath(file);
  const backupSize = sizeOrNull(backup);
  if (size === null || size === 0) {
    if (backupSize) {
      const state = size === null ? 'missing' : 'empty';
      // `repair --write` restores only from a backup that checks clean: say
      // so rather than advise a command that would do nothing.
      const backupVerdict = (await deps.check(backup, { now: options.now })).verdict;
      return result('problems', [
        backupVerdict === 'clean'
          ? `${file}: ${state} while ${backup} holds ${backupSize} bytes; review and restore with: leasecheck repair ${q} --write`
          : `${file}: ${state} while ${backup} holds ${backupSize} bytes, but ${backup} is itself ${backupVerdict}; nothing restores from it as it is: see leasecheck repair ${shellQuote(backup)}, then leasecheck repair ${q} --write`,
      ]);
    }
    if (size === null) return result('refused', [`${file}: no such file`]);
    return result('clean', []);
  }

  try {
    const { plan } = await analyseRepair(file, { now: options.now }, deps);
    switch (plan.action) {
      case 'none':
        return result('clean', []);
      case 'truncate-tail': {
        const outcome = applyPlan(plan, options.write);
        const r = plan.removed[0]!;
        const what =
          r.kind === null
            ? 'junk at the tail'
            : r.kind === 'lease' && r.key
              ? `truncated lease ${r.key}`
              : `truncated ${r.kind}`;
        const forced = outcome.forcedPast.length
          ? ` (FORCED past: ${outcome.forcedPast.join('; ')})`
          : '';
        return result(
          'repaired',
          [
            `${file}: removed ${what} (${r.length} bytes from byte ${r.offset}, line ${r.line}); backup ${outcome.backup}; undo: ${outcome.undoCommand}${forced}`,
          ],
          outcome,
        );
      }
      case 'restore-backup': {
        // The explanation names the file already.
        const why = plan.explanation[0] ?? `${file}: damaged.`;
        return result('problems', [
          `${why.startsWith(`${file}:`) ? why : `${file}: ${why}`} Not restored automatically; review with: leasecheck repair ${q}`,
        ]);
      }
      default:
        return result('problems', [
          `${file}: ${plan.refusal ?? 'needs a repair --preen does not make'}; nothing changed; details: leasecheck repair ${q}`,
        ]);
    }
  } catch (error) {
    if (error instanceof LeasecheckError) {
      return result(error.exitCode === 8 ? 'refused' : 'problems', [error.message]);
    }
    throw error;
  }
}
