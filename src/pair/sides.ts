/** Small helpers to build the two sides of a finding. */
import type { SourceRef } from '../conf/types.js';
import type { PairFinding, PairSide } from './types.js';

export function side(at: SourceRef, value: string): PairSide {
  return { file: at.file, line: at.line, value };
}

/**
 * The finding for something declared in one of the files only: each side
 * that has it shows where, and `value(declaration)` (default: the label).
 */
export function declaredInOneFile<T extends { at: SourceRef }>(
  area: PairFinding['area'],
  code: PairFinding['code'],
  label: string,
  primary: T | null | undefined,
  secondary: T | null | undefined,
  value: (declaration: T) => string = () => label,
): PairFinding {
  return {
    area,
    code,
    message: `${label} is declared in only one of the files`,
    primary: primary ? side(primary.at, value(primary)) : null,
    secondary: secondary ? side(secondary.at, value(secondary)) : null,
  };
}
