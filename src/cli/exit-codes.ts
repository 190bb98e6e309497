/**
 * Exit codes follow fsck(8), which administrators already script against.
 * Every command uses these and only these.
 */
export const ExitCode = {
  /** Nothing wrong (or: ready, consistent, identical). */
  Ok: 0,
  /** Problems were found and corrected (repair --write, --preen). */
  Corrected: 1,
  /** Problems found and left uncorrected (or: not ready, inconsistent, different). */
  Problems: 4,
  /** Operational error: cannot read, refused to write, connection failed. */
  Operational: 8,
  /** Usage error: unknown option, missing argument. */
  Usage: 16,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
