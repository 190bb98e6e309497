import type { DiagnosticBase } from '../diagnostic.js';
import type { PairArea, PairFindingCode } from './codes.js';

/**
 * The report of `leasecheck pair`: the shape `--json` promises.
 */

/** One side of a difference: where it is written and what it says. */
export interface PairSide {
  file: string;
  line: number;
  /** The value on this side, or a phrase such as `(not set)` / `(absent)`. */
  value: string;
}

export type { PairArea, PairFindingCode } from './codes.js';

/** A difference between the two files; `message` is one sentence saying what differs and where (scope). */
export interface PairFinding extends DiagnosticBase<PairFindingCode> {
  area: PairArea;
  /** The first file's side (PRIMARY.conf); null when the thing is absent there and no line applies. */
  primary: PairSide | null;
  /** The second file's side (SECONDARY.conf). */
  secondary: PairSide | null;
}

export interface PairReport {
  /** The file whose failover peers are all `primary` (the first given, when roles do not tell). */
  primaryFile: string;
  secondaryFile: string;
  /**
   * True when the files' failover roles tell which is the primary (each
   * file's peers all one role, the two roles different): `primary` and
   * `secondary` then name roles, whatever order the files were given in.
   * False: they name the first and the second file given.
   */
  byRole: boolean;
  /** True when the secondary's file was given first (the sides are shown by role). */
  swapped: boolean;
  /** True when there are no findings: mirrored failover blocks, identical address plans. */
  identical: boolean;
  /** True when any range, prefix or pool differs: the case of ISC's restart advice. */
  rangesDiffer: boolean;
  findings: PairFinding[];
  /** Sentences to show after the findings (ISC's restart advice when ranges differ). */
  advice: string[];
}
