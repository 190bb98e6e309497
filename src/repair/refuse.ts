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
