import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLogLine } from '../../src/log/index.js';
import { convertedDir, linesOf, now, readyLines, realDir, verdictsPerLine } from './helpers.js';

const formats = [
  'rfc3164',
  'rfc5424',
  'iso',
  'journal-short',
  'journal-short-iso',
  'journal-short-precise',
  'journal-short-full',
  'journal-short-unix',
  'journal-short-monotonic',
  'journal-cat',
] as const;
const logs = [
  { name: 'fo-primary', host: 'dhcp-a', ready: [33, 34, 41] },
  { name: 'fo-secondary', host: 'dhcp-b', ready: [53] },
  { name: 'fo-secondary-2', host: 'dhcp-b', ready: [18, 19] },
] as const;

/** For each converted line: how many of the real log's lines it has shown so far. */
function realLinesSoFar(lines: string[], host: string): number[] {
  let count = 0;
  return lines.map((text, i) => {
    const line = parseLogLine(text, { source: 'x', line: i + 1, now });
    const ours =
      line !== null &&
      (line.host === null || line.host === host) &&
      (line.program === null || line.program === 'dhcpd') &&
      !line.message.startsWith('Started isc-dhcp-server');
    if (ours) count += 1;
    return count;
  });
}

describe('ready reads every log format, with other programs and another host mixed in', () => {
  for (const log of logs) {
    const real = verdictsPerLine(linesOf(join(realDir, `${log.name}.log`)));
    it(`the plain stderr log ${log.name} is ready at lines ${log.ready.join(', ')}`, () => {
      expect(readyLines(real)).toEqual(log.ready);
    });
    for (const format of formats) {
      it(`${log.name} as ${format}: ready after exactly the same dhcpd lines`, () => {
        const lines = linesOf(join(convertedDir, `${log.name}.${format}.log`));
        const hostOption = format.startsWith('journal') ? {} : { host: log.host };
        const verdicts = verdictsPerLine(lines, hostOption);
        const shown = realLinesSoFar(lines, log.host);
        const expected = shown.map((n) => (n === 0 ? false : real[n - 1]!));
        expect(verdicts).toEqual(expected);
        expect(verdicts.at(-1)).toBe(true);
      });
    }
  }

  it('another host with dhcpd lines makes the verdict ambiguous without --host', () => {
    const lines = linesOf(join(convertedDir, 'fo-secondary-2.rfc3164.log'));
    expect(verdictsPerLine(lines).some(Boolean)).toBe(false);
  });

  it('the other host chosen with --host is judged on its own lines', () => {
    const lines = linesOf(join(convertedDir, 'fo-secondary-2.rfc3164.log'));
    // dhcp-other logs only failover lines of a running process, never normal on both sides.
    expect(verdictsPerLine(lines, { host: 'dhcp-other' }).some(Boolean)).toBe(false);
  });

  it('a central syslog of both servers: each host judged from its own lines', () => {
    const lines = linesOf(join(convertedDir, 'fo-pair-central.iso.log'));
    expect(verdictsPerLine(lines, { host: 'dhcp-a' }).at(-1)).toBe(true);
    expect(verdictsPerLine(lines, { host: 'dhcp-b' }).at(-1)).toBe(true);
    expect(verdictsPerLine(lines).at(-1)).toBe(false);
  });

  it('two restarts in one syslog: only the last start-up counts', () => {
    const lines = linesOf(join(convertedDir, 'fo-secondary-restarts.rfc3164.log'));
    const verdicts = verdictsPerLine(lines, { host: 'dhcp-b' });
    const banners = lines.flatMap((l, i) =>
      /dhcp-b dhcpd\[\d+\]: Internet Systems/.test(l) ? [i] : [],
    );
    expect(banners).toHaveLength(2);
    expect(verdicts[banners[1]! - 1]).toBe(true); // the first run ended ready
    expect(verdicts[banners[1]!]).toBe(false); // the second start-up resets it
    expect(verdicts.at(-1)).toBe(true);
  });
});
