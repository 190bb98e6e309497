import { LeasecheckError } from '../errors.js';
import { parseTimeArgument, TIME_FORMS } from '../model/time-argument.js';

/**
 * Parses `--since TIME` with the one strict time reader that `--now` uses
 * (src/model/time-argument.ts): a mistyped or zone-less time is a usage error.
 */
export function parseSince(text: string, now: Date = new Date()): Date {
  const parsed = parseTimeArgument(text, now);
  if (parsed.ok) return parsed.date;
  throw new LeasecheckError(`--since ${text}: ${parsed.reason}; use ${TIME_FORMS}`, 16);
}
