// Where leasecheck and the real dhcpd knowingly disagree. A disagreement
// found by the differential tests fails them unless an entry here matches it;
// each entry says why the difference is right (or accepted) and is mirrored in
// the README's table of known differences.
import type { CheckReport } from '../../src/check/types.js';
import type { DhcpdTestResult, FileInput } from '../harness/index.js';

export interface DifferentialCase {
  /** e.g. `fixture srv.leases cut at 412` or `generated #17 (seed 42)`. */
  label: string;
  leases: Buffer;
  family: 4 | 6;
  /** The dhcpd.conf it was tested with. */
  conf?: FileInput;
}

export interface Disagreement {
  /**
   * verdict/line/wrote: see compare.ts; the corpus test adds: silent (dhcpd
   * says nothing, leasecheck an error), unnoticed (dhcpd complains,
   * leasecheck says nothing), rewrite (a file dhcpd wrote checks with an error).
   */
  kind: 'verdict' | 'line' | 'wrote' | 'silent' | 'unnoticed' | 'rewrite';
  case: DifferentialCase;
  dhcpd: DhcpdTestResult;
  report: CheckReport;
  detail: string;
}

export interface KnownDifference {
  id: string;
  /** One paragraph, copied into the README table. */
  explanation: string;
  applies(disagreement: Disagreement): boolean;
}

export const knownDifferences: KnownDifference[] = [];

export function explain(disagreement: Disagreement): KnownDifference | undefined {
  return knownDifferences.find((known) => known.applies(disagreement));
}
