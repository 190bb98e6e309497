import { formatIso } from '../check/time.js';
import type { CheckReport, Problem } from '../check/types.js';
import { readRange } from './region.js';
import { lastCompleteStatementEnd, salvageable } from './salvage.js';
import type { Edit, Removal, RepairPlan } from './types.js';
import { declarationAt } from '../check/truncated.js';
import {
  closingKeepsDhcpdsReading,
  endedByPartial,
  IA_CLOSE,
  partialIaEffect,
} from '../dhcpd/partial-ia.js';

export interface PlanOptions {
  /** Close a partial lease after its last complete statement instead of removing it. */
  salvage?: boolean;
  /** Remove each damaged declaration of a file corrupt in the middle. */
  dropCorrupt?: boolean;
}

/** A partial declaration longer than this is not a lease dhcpd was writing: do not try to salvage it. */
const MAX_SALVAGE_BYTES = 1024 * 1024;

function describe(kind: string | null, key: string | null): string {
  if (kind && key) return `${kind} ${key}`;
  return kind ?? 'declaration';
}

function isoTime(seconds: number | null): string {
  return formatIso(seconds) ?? 'unknown';
}

function emptyPlan(report: CheckReport): RepairPlan {
  return {
    file: report.file,
    action: 'none',
    source: report.file,
    sourceBytes: report.bytes,
    edits: [],
    resultBytes: report.bytes,
    removed: [],
    cutOffset: null,
    affected: [],
    previous: null,
    explanation: [],
    refusal: null,
    restore: null,
    fingerprint: null,
    sourceFingerprint: null,
  };
}

function resultBytes(size: number, edits: Edit[]): number {
  return edits.reduce((n, e) => n - e.length + Buffer.byteLength(e.insert, 'latin1'), size);
}

/** Counts line breaks in a latin1 string (the partial declaration is small). */
function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The plan for a truncated tail: drop the partial declaration, or close it with --salvage. */
function planTail(report: CheckReport, options: PlanOptions, fd: number, plan: RepairPlan): void {
  const t = report.truncated;
  if (!t) return;
  const what = describe(t.kind, t.key);
  const removal: Removal = {
    offset: t.offset,
    length: report.bytes - t.offset,
    line: t.line,
    kind: t.kind,
    key: t.key,
    reason:
      t.kind === null
        ? 'it is junk after the last complete declaration, not a declaration dhcpd loads'
        : t.cutInside
          ? `the file ends inside its \`${t.cutInside}\` statement`
          : 'the file ends before its closing brace',
  };
  if (t.key) plan.affected.push(t.key);
  if (t.previous) {
    plan.previous = {
      offset: t.previous.offset,
      line: t.previous.line,
      bindingState: t.previous.bindingState,
      ends: t.previous.ends,
    };
  }
  plan.cutOffset = t.offset;

  if (options.salvage) {
    const verdict = salvageable(t.completeStatements);
    let why = verdict.why;
    if (t.kind !== 'lease') why = `only a v4 \`lease\` can be salvaged, this is ${what}`;
    else if (removal.length > MAX_SALVAGE_BYTES)
      why = `its ${removal.length} bytes are too many for a lease`;
    if (!why) {
      const text = readRange(fd, t.offset, report.bytes).toString('latin1');
      const end = lastCompleteStatementEnd(text);
      if (!end) why = 'leasecheck could not find where its last complete statement ends';
      else if (end.statements !== t.completeStatements.length) {
        why = `leasecheck located ${end.statements} complete statements where the check found ${t.completeStatements.length}`;
      } else {
        const edit: Edit = {
          offset: t.offset + end.end,
          line: t.line + newlines(text.slice(0, end.end)),
          length: report.bytes - t.offset - end.end,
          insert: '\n}\n',
        };
        plan.action = 'salvage';
        plan.edits.push(edit);
        plan.cutOffset = edit.offset;
        plan.removed.push({
          ...removal,
          offset: edit.offset,
          length: edit.length,
          line: edit.line,
        });
        plan.explanation.push(
          `${report.file}: ${what} (line ${t.line}) is cut off: ${removal.reason}.`,
          `Salvage: keep its ${t.completeStatements.length} complete statements (${t.completeStatements.join(', ')}), remove the ${edit.length} bytes after them and close it with "}".`,
        );
        return;
      }
    }
    plan.explanation.push(`Salvage is not possible for ${what}: ${why}; removing it instead.`);
    plan.refusal = `salvage not possible: ${why}`;
  }

  plan.action = 'truncate-tail';
  if (closeIa(report, fd, plan, removal)) return;
  plan.edits.push({ offset: t.offset, line: t.line, length: removal.length, insert: '' });
  plan.removed.push(removal);
  plan.explanation.push(
    t.kind === null
      ? `${report.file}: the bytes after the last complete declaration (line ${t.line}, byte ${t.offset}) are junk: ${removal.reason}.`
      : `${report.file}: the last declaration, ${what} (line ${t.line}, byte ${t.offset}), is cut off: ${removal.reason}.`,
    `Remove its ${removal.length} bytes, from byte ${t.offset} to the end of the file; everything before it is kept byte for byte.`,
    `What dhcpd does with it as it is: ${t.dhcpd.explanation}`,
  );
  const ended = endedByIa(report, fd);
  if (ended.length > 0) {
    plan.explanation.push(
      `WARNING: removing it brings back the earlier declaration's (line ${t.previous?.line ?? '?'}) binding of ${ended.join(', ')}, which dhcpd would not have had from the file as it is (its complete blocks end ${ended.length === 1 ? 'it' : 'them'}); closing it after those blocks would not leave dhcpd the same bindings either. Review before dhcpd starts.`,
    );
  } else if (t.kind === 'lease' || t.kind?.startsWith('ia-')) {
    plan.explanation.push(
      t.previous
        ? `The earlier declaration of ${t.key} (line ${t.previous.line}: binding state ${t.previous.bindingState ?? 'unknown'}, ends ${isoTime(t.previous.ends)}) takes effect again.`
        : `No earlier declaration of ${t.key ?? 'it'} exists: dhcpd will not know this binding.`,
    );
  }
}

type IaKind = 'ia-na' | 'ia-ta' | 'ia-pd';

/** What a cut IA does to its earlier copy (dhcpd/partial-ia.ts), read from the file; null for other tails. */
function iaEffect(report: CheckReport, fd: number): ReturnType<typeof partialIaEffect> | null {
  const t = report.truncated;
  if (!t || (t.kind !== 'ia-na' && t.kind !== 'ia-ta' && t.kind !== 'ia-pd') || !t.previous)
    return null;
  if (report.bytes - t.offset > MAX_SALVAGE_BYTES) return null;
  const readAt = (offset: number, length: number): string =>
    readRange(fd, offset, offset + length).toString('latin1');
  const previous = declarationAt(readAt, t.previous.offset, t.previous.line);
  // The check read this copy from the file by name, the plan reads it from its own
  // descriptor: edited in place between the two, it may be no declaration any more.
  // Then no effect is known (the cut IA is removed whole) and analyseRepair's identity
  // check refuses the analysis (plan-wording.test.ts).
  if (!previous?.source) return null;
  const partial = readRange(fd, t.offset, report.bytes).toString('latin1');
  return partialIaEffect(t.kind as IaKind, previous.source, partial);
}

function endedByIa(report: CheckReport, fd: number): string[] {
  const effect = iaEffect(report, fd);
  return effect ? endedByPartial(effect) : [];
}

/**
 * A cut IA whose complete iaaddr/iaprefix blocks end bindings of its earlier
 * copy: dhcpd reading the file as it is keeps fewer bindings than it would
 * after the cut IA is removed. When closing the cut IA with `}` right after
 * its last complete block leaves dhcpd exactly the bindings the damaged file
 * leaves, the plan does that instead of removing it, so the repair brings
 * back no binding dhcpd would not have had. Returns false to remove it.
 */
function closeIa(report: CheckReport, fd: number, plan: RepairPlan, removal: Removal): boolean {
  const t = report.truncated!;
  const effect = iaEffect(report, fd);
  if (!effect || endedByPartial(effect).length === 0 || !closingKeepsDhcpdsReading(effect))
    return false;
  const ended = endedByPartial(effect);
  const closeAt = effect.closeAt!;
  const kept = readRange(fd, t.offset, t.offset + closeAt).toString('latin1');
  const edit: Edit = {
    offset: t.offset + closeAt,
    line: t.line + newlines(kept),
    length: report.bytes - t.offset - closeAt,
    insert: IA_CLOSE,
  };
  const what = describe(t.kind, t.key);
  plan.edits.push(edit);
  plan.cutOffset = edit.offset;
  plan.removed.push({ ...removal, offset: edit.offset, length: edit.length, line: edit.line });
  const block = t.kind === 'ia-pd' ? 'iaprefix' : 'iaaddr';
  plan.explanation.push(
    `${report.file}: the last declaration, ${what} (line ${t.line}, byte ${t.offset}), is cut off: ${removal.reason}.`,
    `What dhcpd does with it as it is: ${t.dhcpd.explanation}`,
    `Close it after its last complete ${block} block: remove the ${edit.length} bytes after it (from byte ${edit.offset}) and put "}" there; everything before is kept byte for byte.`,
    `Removing it whole would bring back the earlier declaration's (line ${t.previous!.line}) binding of ${ended.join(', ')}; closed, dhcpd reads it silently and keeps ${effect.damaged.length ? effect.damaged.join(', ') : 'no binding for this IA'}, as it would from the file as it is.`,
  );
  return true;
}

function corruptProblems(report: CheckReport): Problem[] {
  return report.problems.filter(
    (p) => p.severity === 'error' && p.code !== 'truncated-tail' && p.declaration !== undefined,
  );
}

/**
 * Turns a check report into a repair plan: byte ranges to remove or replace,
 * and why. It reads only the partial declaration (for --salvage); the diff
 * and the write read what they need themselves.
 */
export function planRepair(report: CheckReport, options: PlanOptions, fd: number): RepairPlan {
  const plan = emptyPlan(report);
  if (report.verdict === 'clean') return plan;

  if (report.verdict === 'corrupt') {
    const damaged = corruptProblems(report);
    if (!options.dropCorrupt || damaged.length === 0 || report.problemsTruncated) {
      plan.action = 'refuse';
      plan.refusal = !options.dropCorrupt
        ? 'the file is damaged in the middle, not only at its tail'
        : report.problemsTruncated
          ? `more damaged declarations exist than the ${report.problems.length} the check listed (raise --max-problems)`
          : 'the check could not delimit the damaged declarations';
      const count = report.problems.filter((p) => p.severity === 'error').length;
      plan.explanation.push(
        `${report.file}: ${report.problemsTruncated ? 'more than ' : ''}${count} problem(s) in the middle of the file; nothing proposed: ${plan.refusal}.`,
        ...report.problems.slice(0, 5).map((p) => `  line ${p.line}: ${p.message}`),
        options.dropCorrupt
          ? ''
          : "--drop-corrupt proposes removing each damaged declaration; without a clean FILE~ (dhcpd's previous snapshot) to restore, that is the remaining choice.",
      );
      plan.explanation = plan.explanation.filter(Boolean);
      return plan;
    }
    plan.action = 'drop-corrupt';
    for (const p of damaged) {
      const d = p.declaration!;
      plan.edits.push({ offset: d.offset, line: d.line, length: d.length, insert: '' });
      plan.removed.push({
        offset: d.offset,
        length: d.length,
        line: d.line,
        kind: d.kind,
        key: null,
        reason: p.message,
      });
      plan.explanation.push(
        `Remove the damaged ${d.kind ?? 'declaration'} at line ${d.line} (${d.length} bytes from byte ${d.offset}): ${p.message}`,
      );
    }
    if (report.truncated) {
      const sub = emptyPlan(report);
      planTail(report, { salvage: options.salvage }, fd, sub);
      plan.edits.push(...sub.edits);
      plan.removed.push(...sub.removed);
      plan.explanation.push(...sub.explanation);
      plan.affected.push(...sub.affected);
      plan.cutOffset = sub.cutOffset;
      plan.previous = sub.previous;
    }
    plan.edits = mergeEdits(plan.edits);
    plan.resultBytes = resultBytes(report.bytes, plan.edits);
    return plan;
  }

  if (report.verdict === 'truncated-tail' && report.truncated) {
    planTail(report, options, fd, plan);
    plan.resultBytes = resultBytes(report.bytes, plan.edits);
    return plan;
  }

  // `being-written` (dhcpd is appending right now) or anything this version does not know.
  plan.action = 'refuse';
  plan.refusal =
    report.verdict === 'being-written'
      ? 'dhcpd appears to be writing the file right now'
      : `the check's verdict is ${report.verdict}`;
  plan.explanation.push(`${report.file}: nothing proposed: ${plan.refusal}.`);
  return plan;
}

/** Sorts edits and merges overlapping ones (a damaged declaration running into the truncated tail). */
export function mergeEdits(edits: Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const merged: Edit[] = [];
  for (const edit of sorted) {
    const last = merged[merged.length - 1];
    if (last && edit.offset <= last.offset + last.length) {
      const end = Math.max(last.offset + last.length, edit.offset + edit.length);
      last.insert =
        edit.offset + edit.length >= last.offset + last.length ? edit.insert : last.insert;
      last.length = end - last.offset;
    } else merged.push({ ...edit });
  }
  return merged;
}
