import { basename } from 'node:path';
import { structuredPatch, type StructuredPatchHunk } from 'diff';
import { lineEndAfter, lineStartBefore, readRange } from './region.js';
import type { Edit } from './types.js';

/** Context lines around each change, as `diff -u`. */
const CONTEXT = 3;

export interface DiffRegion {
  /** Byte range of the source the hunk was built from, starting at a line start. */
  start: number;
  end: number;
  /** 1-based line number of `start`. */
  line: number;
}

export interface RegionDiff {
  /** The unified diff (latin1: one character per byte); null when it cannot be shown. */
  text: string | null;
  /** The byte ranges read, for the fingerprint re-checked before writing. */
  regions: Array<[number, number]>;
  /** Why `text` is null: a change starts inside a line too long, or spans too many bytes, to show. */
  omitted?: 'long-line' | 'large-region';
}

/**
 * The largest region a diff is built from: its text, the edited copy and the
 * diff of both are each held whole, so a removal of a 300 MB run-on string
 * would cost gigabytes. (A dhcpd lease is a few hundred bytes.)
 */
export const MAX_DIFF_REGION = 4 * 1024 * 1024;

/**
 * The regions around each edit, with enough context lines, merged when they
 * touch; null when an edit starts inside a line that begins too far back to
 * show (a damaged line of many megabytes).
 */
export function diffRegions(fd: number, size: number, edits: Edit[]): DiffRegion[] | null {
  const regions: DiffRegion[] = [];
  for (const edit of edits) {
    const before = lineStartBefore(fd, edit.offset, CONTEXT);
    if (before === null) return null;
    // Through the line holding the end of the removal, then CONTEXT more lines.
    const end = lineEndAfter(fd, edit.offset + edit.length, size, CONTEXT + 1);
    const region = { start: before.start, end, line: edit.line - before.lines };
    const last = regions[regions.length - 1];
    if (last && region.start <= last.end) last.end = Math.max(last.end, region.end);
    else regions.push(region);
  }
  return regions;
}

function applyEdits(text: string, regionStart: number, edits: Edit[]): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    const from = edit.offset - regionStart;
    out += text.slice(at, from) + edit.insert;
    at = from + edit.length;
  }
  return out + text.slice(at);
}

function formatHunk(hunk: StructuredPatchHunk, oldShift: number, newShift: number): string {
  // jsdiff numbers an empty side from the line after it; unified diffs name the line before.
  const oldStart = hunk.oldStart + oldShift - (hunk.oldLines === 0 ? 1 : 0);
  const newStart = hunk.newStart + newShift - (hunk.newLines === 0 ? 1 : 0);
  let text = `@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@\n`;
  for (const line of hunk.lines) text += `${line}\n`;
  return text;
}

function header(name: string, oldName = name): string {
  return `--- ${oldName}\n+++ ${name}\n`;
}

/**
 * A unified diff of the edits, built from the regions around them only, with
 * the file's real line numbers, so `patch FILE < diff` and `git apply` accept
 * it however large the file is. Empty text when there is nothing to change.
 */
export function regionDiff(fd: number, size: number, edits: Edit[], name: string): RegionDiff {
  if (edits.length === 0) return { text: '', regions: [] };
  const regions = diffRegions(fd, size, edits);
  if (regions === null) return { text: null, regions: [], omitted: 'long-line' };
  if (regions.some((r) => r.end - r.start > MAX_DIFF_REGION)) {
    return { text: null, regions: [], omitted: 'large-region' };
  }
  let body = '';
  let lineDelta = 0;
  for (const region of regions) {
    // `<=`: an insertion at the very end of the file (closing a salvaged
    // lease cut right after a `;`) sits at the end of its region.
    const inside = edits.filter((e) => e.offset >= region.start && e.offset <= region.end);
    const oldText = readRange(fd, region.start, region.end).toString('latin1');
    const newText = applyEdits(oldText, region.start, inside);
    const patch = structuredPatch('a', 'b', oldText, newText, '', '', { context: CONTEXT });
    for (const hunk of patch.hunks) {
      body += formatHunk(hunk, region.line - 1, region.line - 1 + lineDelta);
    }
    for (const hunk of patch.hunks) lineDelta += hunk.newLines - hunk.oldLines;
  }
  return {
    text: body ? header(basename(name)) + body : '',
    regions: regions.map((r) => [r.start, r.end]),
  };
}

/** Whole-content diff, for restoring from `FILE~` when both are small; the caller checks sizes. */
export function wholeDiff(oldText: string | null, newText: string, name: string): string {
  const patch = structuredPatch('a', 'b', oldText ?? '', newText, '', '', { context: CONTEXT });
  if (patch.hunks.length === 0) return '';
  const oldName = oldText === null ? '/dev/null' : basename(name);
  return header(basename(name), oldName) + patch.hunks.map((h) => formatHunk(h, 0, 0)).join('');
}
