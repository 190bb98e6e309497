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

/** The lines of dhcpd's warnings that start with `prefix`. */
function linesOf(d: Disagreement, prefix: string): number[] {
  return d.dhcpd.warnings
    .filter((w) => w.message.startsWith(prefix) && w.line !== null)
    .map((w) => w.line as number);
}

/** The lines dhcpd complains on where leasecheck has no problem (as the corpus test lists them). */
function unmatchedLines(d: Disagreement): number[] {
  const has = new Set(d.report.problems.map((p) => p.line));
  return [
    ...new Set(d.dhcpd.warnings.map((w) => w.line).filter((l): l is number => l !== null)),
  ].filter((line) => !has.has(line));
}

export const knownDifferences: KnownDifference[] = [
  {
    id: 'unknown-billing-class',
    explanation:
      '`billing class "NAME";` naming a class dhcpd.conf does not declare: dhcpd warns "unknown class NAME" on that line and loads the lease without its class. leasecheck does not compare billing classes with dhcpd.conf; the lease is loaded either way, so neither the verdict nor the counts change.',
    applies: (d) =>
      d.kind === 'line' &&
      unmatchedLines(d).every((line) => linesOf(d, 'unknown class ').includes(line)),
  },
  {
    id: 'warnings-inside-swallowed-declarations',
    explanation:
      "After damage, dhcpd's recovery (skip_to_semi) can read into the next declaration and swallow it, and warns again where the skip ends (\"possibly corrupt lease file\", on the swallowed declaration's closing brace). leasecheck reports the damage once, where it starts, and leaves what dhcpd swallows out of its counts and its Wrote prediction, but puts no problem on the line where dhcpd's skip ends.",
    applies: (d) =>
      d.kind === 'line' &&
      d.report.verdict === 'corrupt' &&
      unmatchedLines(d).every((line) => linesOf(d, 'possibly corrupt lease file').includes(line)),
  },
  {
    id: 'rewrite-of-a-group-that-never-ends',
    explanation:
      "A group dhcpd enters as dynamic with no statements (cut after `dynamic;`, or inside its first statement) is written to dhcpd's start-up snapshot as `group NAME {` `dynamic;` `}`, before every lease. dhcpd's own reader does not end that group: the next start loads no lease after it. leasecheck calls that snapshot corrupt (`group-runs-on`) although dhcpd wrote it; test/real-dhcpd/group-flags.test.ts runs that next start and sees every lease lost.",
    applies: (d) =>
      d.kind === 'rewrite' &&
      d.report.problems
        .filter((p) => p.severity === 'error')
        .every((p) => p.code === 'group-runs-on'),
  },
];

export function explain(disagreement: Disagreement): KnownDifference | undefined {
  return knownDifferences.find((known) => known.applies(disagreement));
}
