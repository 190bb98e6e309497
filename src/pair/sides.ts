/** Small helpers to build the two sides of a finding. */
import type { SourceRef } from '../conf/types.js';
import type { PairSide } from './types.js';

export function side(at: SourceRef, value: string): PairSide {
  return { file: at.file, line: at.line, value };
}

/** Stable order for findings: by file line on the first side, else the second. */
export function lineKey(a: { primary: PairSide | null; secondary: PairSide | null }): number {
  return a.primary?.line ?? a.secondary?.line ?? 0;
}
