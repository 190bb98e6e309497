import type { BackupRestore, RepairAction, RepairPlan, Removal, WriteOutcome } from './types.js';

/**
 * The shape `leasecheck repair --json` promises: the plan, the diff and what
 * `--write` did. Field names are public: add, never rename.
 */
export interface RepairJson {
  file: string;
  action: RepairAction;
  cutOffset: number | null;
  /** Each removal with its byte range, `[offset, offset + length)`. */
  removed: (Removal & { range: [number, number] })[];
  /** What the repair writes in (a salvaged lease's closing brace). */
  inserted: { offset: number; text: string }[];
  affected: string[];
  previous: RepairPlan['previous'];
  /** FILE's size; null when FILE~ is restored over a missing FILE. */
  bytesBefore: number | null;
  bytesAfter: number;
  source: string;
  restore: BackupRestore | null;
  refusal: string | null;
  explanation: string[];
  diff: string | null;
  outcome: WriteOutcome | null;
  exitCode: number;
}

export function planJson(
  plan: RepairPlan,
  diff: string | null,
  outcome: WriteOutcome | null,
  exitCode: number,
): RepairJson {
  return {
    file: plan.file,
    action: plan.action,
    cutOffset: plan.cutOffset,
    removed: plan.removed.map((r) => ({
      ...r,
      range: [r.offset, r.offset + r.length],
    })),
    inserted: plan.edits.filter((e) => e.insert).map((e) => ({ offset: e.offset, text: e.insert })),
    affected: plan.affected,
    previous: plan.previous,
    bytesBefore:
      plan.fingerprint?.size ?? (plan.action === 'restore-backup' ? null : plan.sourceBytes),
    bytesAfter: plan.resultBytes,
    source: plan.source,
    restore: plan.restore,
    refusal: plan.refusal,
    explanation: plan.explanation,
    diff,
    outcome,
    exitCode,
  };
}
