/**
 * The shape every area's diagnostics share (check's problems, verify's
 * findings, pair's and the configuration's findings): a stable code from the
 * area's own `as const` list, one sentence, and a severity where the area's
 * JSON carries one. Where it is (file line, byte offset, log line, the two
 * sides of a pair) and what else an area says are the area's typed extra
 * fields, whose names are part of its public JSON. Pure data: rendering
 * lives in src/cli/render/diagnostic.ts.
 */

/** Every severity any area uses; each area narrows it to its own. */
export type DiagnosticSeverity = 'error' | 'warning' | 'info' | 'note';

/** What every diagnostic says: its code (from its area's list) and one sentence for people. */
export interface DiagnosticBase<Code extends string> {
  /** Stable, machine-readable: scripts switch on it. */
  code: Code;
  message: string;
}

/** A diagnostic with a severity (check problems, verify findings). */
export interface Diagnostic<
  Code extends string,
  Severity extends DiagnosticSeverity = DiagnosticSeverity,
> extends DiagnosticBase<Code> {
  severity: Severity;
}

/** The type of an area's codes, from its `as const` list. */
export type CodeOf<List extends readonly string[]> = List[number];
