import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toLogEntry } from '../../src/log/index.js';
import { ReadyTracker, type ReadyReport, type TrackerOptions } from '../../src/ready/index.js';
import { realFixtureDir } from '../helpers.js';

export const realDir = process.env.REAL_DHCPD_FIXTURES ?? realFixtureDir;
export const convertedDir = fileURLToPath(new URL('../fixtures/logs/', import.meta.url));

/** A fixed clock for RFC 3164's missing year: just after the fixtures were logged. */
export const now = new Date('2026-11-28T13:10:00Z');

export function linesOf(path: string): string[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * The verdict after each line of a log (index i: the log cut after line i+1),
 * with a fresh tracker fed line by line: what `ready` says of every prefix.
 */
export function verdictsPerLine(
  lines: string[],
  options: TrackerOptions = {},
  source = 'log',
): boolean[] {
  const tracker = new ReadyTracker(options);
  return lines.map((text, i) => {
    const entry = toLogEntry(text, source, i + 1, now);
    if (entry) tracker.push(entry);
    return tracker.verdict().ready;
  });
}

/** 1-based numbers of the lines after which the verdict is ready. */
export function readyLines(verdicts: boolean[]): number[] {
  return verdicts.flatMap((ready, i) => (ready ? [i + 1] : []));
}

/** The verdict on a whole log, its lines fed in order to a fresh tracker. */
export function judge(lines: string[], options: TrackerOptions = {}): ReadyReport {
  const tracker = new ReadyTracker(options);
  lines.forEach((text, i) => {
    const entry = toLogEntry(text, 'log', i + 1, now);
    if (entry) tracker.push(entry);
  });
  return tracker.verdict();
}

/** log_fatal's closing lines (dhcpd 4.4 errwarn.c), after its message. */
export const logFatalNotice = [
  '',
  'If you think you have received this message due to a bug rather',
  'than a configuration issue please read the section on submitting',
  'bugs on either our web page at www.isc.org or in the README file',
  'before submitting a bug.  These pages explain the proper',
  'process and the information we find helpful for debugging.',
  '',
  'exiting.',
];
