import { statSync } from 'node:fs';
import { LeasecheckError } from '../errors.js';
import { analyseRepair, type AnalyseDeps } from './analyse.js';
import { dhcpdBackupPath } from './backup.js';
import { describeLeftover, findLeftovers } from './leftovers.js';
import { AfterReplaceError } from './refuse.js';
import type { WriteOutcome } from './types.js';
import { shellQuote } from '../shell-quote.js';
import { applyPlan, type WriteOptions } from './write.js';

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
 * tail with the safe write and nothing else: it never restores `FILE~`,
 * never drops a damaged declaration, never salvages, never removes a
 * leftover; each of those is reported in one line (exit 4) for a person.
 */
export async function preen(
  file: string,
  options: { now: Date; write: WriteOptions },
  deps: AnalyseDeps,
): Promise<PreenResult> {
  const q = shellQuote(file);
  const notes = findLeftovers(file).map((l) => describeLeftover(file, l));
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
        // A cut IA closed after its last complete block (plan.ts closeIa), not removed.
        const closed = plan.edits.some((e) => e.insert !== '');
        // Removing a cut IA that brings back a binding dhcpd would have ended is said loudly.
        const warning = plan.explanation.find((line) => line.startsWith('WARNING:'));
        return result(
          'repaired',
          [
            `${file}: ${closed ? `closed ${what} after its last complete block, removing the cut end` : `removed ${what}`} (${r.length} bytes from byte ${r.offset}, line ${r.line}); backup ${outcome.backup}; undo: ${outcome.undoCommand}${forced}${warning ? ` ${warning}` : ''}`,
          ],
          outcome,
        );
      }
      case 'restore-backup':
      case 'drop-corrupt': {
        // The explanation names the file already.
        const why = plan.explanation[0] ?? `${file}: damaged.`;
        return result('problems', [
          `${why.startsWith(`${file}:`) ? why : `${file}: ${why}`} Not ${plan.action === 'restore-backup' ? 'restored' : 'repaired'} automatically; review with: leasecheck repair ${q}`,
        ]);
      }
      default:
        return result('problems', [
          `${file}: ${plan.refusal ?? 'needs a repair --preen does not make'}; nothing changed; details: leasecheck repair ${q}`,
        ]);
    }
  } catch (error) {
    if (error instanceof AfterReplaceError) {
      // Replaced, but not cleanly: the undo line is still the way back.
      const outcome = error.outcome as WriteOutcome;
      return result(
        'refused',
        [`${error.message} Backup ${outcome.backup}; undo: ${outcome.undoCommand}`],
        outcome,
      );
    }
    if (error instanceof LeasecheckError) {
      return result(error.exitCode === 8 ? 'refused' : 'problems', [error.message]);
    }
    throw error;
  }
}
