import type { OmittableStatement } from '../arbitraries/index.js';
import type { Verdict } from '../check/types.js';

/**
 * The shapes `leasecheck fuzz --json` promises. Field names are part of the
 * public interface: add, never rename.
 */

export type FuzzKind = 'clean' | 'truncated' | 'corrupt';

export interface FuzzOptions {
  /** The other reader: a shell command in which `{}` becomes the lease file's path, `{conf}` a dhcpd.conf that covers it, `{-6}` `-6` for v6 files (nothing for v4). */
  against: string;
  /** Generated files to try. */
  runs: number;
  /** fast-check seed: the same seed gives the same files. */
  seed: number;
  /** fast-check replay path of a counterexample (from an earlier report). */
  path?: string;
  kinds: FuzzKind[];
  family: 'v4' | 'v6' | 'any';
  /** Also generate the 3.x forms dhcpd still reads (see the arbitraries' `legacy`). */
  legacy?: boolean;
  /** Lease statements to leave out (see the arbitraries' `omit`). */
  omit?: readonly OmittableStatement[];
  /** Judge the reader by its output instead of its exit status: it found a problem when this matches. */
  expectWarnings?: RegExp;
  /** Kill the reader after this long (a hang is reported as a disagreement). */
  timeoutMs: number;
  /** Stop trying files and shrinking after this long: the smallest disagreement found so far is reported. */
  timeLimitMs?: number;
  /** Directory that receives the shrunk counterexample; default a new one under the system temp directory. */
  keepDir?: string;
}

/** What the other reader did with one file. */
export interface ReaderOutcome {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** stdout and stderr, latin1, at most 64 KiB. */
  output: string;
  /** With `expectWarnings`: whether the output matched it. */
  warningsMatched: boolean | null;
  /** The reader found nothing wrong: exit 0 (or, with `expectWarnings`, no match). */
  accepts: boolean;
}

export interface LeasecheckOutcome {
  verdict: Verdict | null;
  /** Warnings beside the verdict: `check` exits 4 on a clean file with any. */
  warnings: number;
  /** leasecheck itself failed on the file (a bug: reported as a disagreement). */
  error: string | null;
  accepts: boolean;
}

/** One generated case: the file, the config that covers it, and what was done to it. */
export interface FuzzCase {
  kind: FuzzKind;
  family: 'v4' | 'v6';
  leases: string;
  config: string;
  /** Where the damage is, for people: `cut at byte 812 inside the lease at line 31`. */
  damage: string | null;
}

export interface Disagreement {
  kind: FuzzKind;
  family: 'v4' | 'v6';
  damage: string | null;
  /** The shrunk counterexample, kept on disk. */
  file: string;
  config: string;
  leasecheck: LeasecheckOutcome;
  reader: ReaderOutcome;
  /** fast-check seed and replay path of the counterexample. */
  seed: number;
  path: string;
  shrinks: number;
  /** A command line that reproduces exactly this counterexample. */
  reproduce: string;
}

export interface FuzzReport {
  command: string;
  kinds: FuzzKind[];
  family: 'v4' | 'v6' | 'any';
  runs: number;
  seed: number;
  /** Files tried before the first disagreement (or all of them), not counting shrinking. */
  tried: number;
  /** The time limit stopped the run (fewer files tried, or shrinking cut short). */
  interrupted: boolean;
  expectWarnings: string | null;
  disagreement: Disagreement | null;
}

/** leasecheck's side of the comparison: the verdict `check` gives a file, and its warnings. */
export type VerdictOf = (path: string) => Promise<{ verdict: Verdict; warnings: number }>;
