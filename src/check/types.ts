import type { ConfigFinding } from '../conf/findings.js';
import type { Diagnostic, DiagnosticSeverity } from '../diagnostic.js';
import type { CheckProblemCode } from './codes.js';
import type { WrittenPrediction } from '../dhcpd/mdb.js';
import type { DhcpdOutcome } from '../dhcpd/outcome.js';
import type {
  BindingState,
  Declaration,
  DeclarationKind,
  FailoverStateName,
} from '../model/types.js';

/**
 * The shapes `leasecheck check --json` promises. Field names are part of the
 * public interface: add, never rename.
 */

export type Verdict = 'clean' | 'truncated-tail' | 'corrupt' | 'being-written';

export type Severity = Extract<DiagnosticSeverity, 'error' | 'warning' | 'info'>;

export type { CheckProblemCode } from './codes.js';

/** A problem of the file; its code is one of `checkProblemCodes`. */
export interface Problem extends Diagnostic<CheckProblemCode, Severity> {
  /** 1-based line and column of the problem (for a truncated tail: where the file ends). */
  line: number;
  column: number;
  /** Byte offset of the problem from the start of the file. */
  offset: number;
  /** What the grammar expected at that point, from Ohm's interpreter. */
  expected?: string[];
  /** A few lines of the file around the problem with a caret, for people. */
  frame?: string;
  /** The damaged declaration: first byte and byte length (to the resynchronisation point). */
  declaration?: { offset: number; length: number; line: number; kind: DeclarationKind | null };
}

export type { DhcpdOutcome } from '../dhcpd/outcome.js';

export interface TruncatedReport {
  /** The partial declaration: offset of its first byte, its line, kind and key (address). */
  offset: number;
  line: number;
  kind: DeclarationKind | null;
  key: string | null;
  /** Bytes from `offset` to the end of the file. */
  length: number;
  /** The partial declaration's text (latin1), at most a few KiB. */
  text: string;
  /** Statements that were complete in it, by name (`starts`, `binding state`, …). */
  completeStatements: string[];
  /** The statement the file ends inside, if any (`cltt`, `hardware`, …). */
  cutInside: string | null;
  /** The earlier declaration of the same key that takes effect once the partial one is removed. */
  previous: Pick<
    Declaration,
    'offset' | 'line' | 'bindingState' | 'ends' | 'hardware' | 'uid' | 'starts'
  > | null;
  dhcpd: DhcpdOutcome;
}

export interface FailoverSummary {
  peer: string;
  myState: FailoverStateName | null;
  myStateAt: string | null;
  partnerState: FailoverStateName | null;
  partnerStateAt: string | null;
  mclt: number | null;
  /** The secondary alone writes `mclt` (server/db.c write_failover_state). */
  role: 'primary' | 'secondary';
  line: number;
}

export interface CheckReport {
  file: string;
  bytes: number;
  verdict: Verdict;
  problems: Problem[];
  /** True when more problems exist than --max-problems allowed to list. */
  problemsTruncated: boolean;
  declarations: Record<DeclarationKind, number>;
  leases: { distinct: number; byState: Partial<Record<BindingState, number>> };
  /** v6: IAs by kind, with distinct IAs and their addresses' states. */
  ia: { distinct: number; addresses: number; byState: Partial<Record<BindingState, number>> };
  failover: FailoverSummary[];
  writer: { version: string | null };
  /** `utc`: `W YYYY/MM/DD HH:MM:SS`; `local`: `epoch N`; `mixed`; `none` when no dates. */
  timeFormat: 'utc' | 'local' | 'mixed' | 'none';
  truncated: TruncatedReport | null;
  /** ISO time used for predictions (`--now`, else the clock). */
  now: string;
  /** With `--config`: what dhcpd would complain about, and the `Wrote N leases` it would log. */
  config?: {
    file: string;
    findings: ConfigFinding[];
    wrote: WrittenPrediction;
  };
}
