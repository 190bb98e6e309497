import type { LineRef, LogLine } from './types.js';

// Consecutive lines mostly share a timestamp; formatting it once per change keeps big logs fast.
let cachedMs = Number.NaN;
let cachedIso = '';

/** The LineRef of a parsed line. */
export function refOf(line: LogLine): LineRef {
  if (line.time === null) return { source: line.source, line: line.line, time: null };
  const ms = line.time.getTime();
  if (ms !== cachedMs) {
    cachedMs = ms;
    cachedIso = line.time.toISOString();
  }
  return { source: line.source, line: line.line, time: cachedIso };
}
