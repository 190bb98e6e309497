import { LeasecheckError, describeIoError } from '../errors.js';
import type { Step } from './fs-ops.js';

/** A refused write: exit 8, nothing changed. */
export function refuse(message: string): never {
  throw new LeasecheckError(message, 8);
}

/** An I/O failure at one step of the write protocol, named after the step. */
export function ioStep(step: Step, path: string, error: unknown): LeasecheckError {
  if (error instanceof LeasecheckError) return error;
  const base = describeIoError(error, path);
  return new LeasecheckError(`${step}: ${base.message}`, 8);
}

/**
 * The file WAS replaced, but something went wrong after the rename (the
 * directory fsync failed, or a writer appended to the old file in the
 * window before it). Exit 8, and the caller still reports `outcome`: the
 * backup and the undo command are real and needed.
 */
export class AfterReplaceError<T> extends LeasecheckError {
  constructor(
    message: string,
    readonly outcome: T,
  ) {
    super(message, 8);
  }
}

/** The rename happened but the directory fsync after it failed. */
export class DirSyncError extends LeasecheckError {}
