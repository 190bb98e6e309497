import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReady, waitReady } from '../../src/ready/index.js';
import { convertedDir, linesOf, now } from './helpers.js';
import { tempDir } from '../helpers.js';

/** The tester's log: one host's syslog, ready, with syslogd's own lines and noise in it. */
const single = linesOf(join(convertedDir, 'fo-secondary-2.rfc3164.log')).filter(
  (l) => !l.includes('dhcp-other'),
);
const dir = tempDir('headerless');

function withLine(name: string, extra: string): string {
  const file = join(dir, name);
  const lines = [...single.slice(0, 5), extra, ...single.slice(5)];
  writeFileSync(file, lines.map((l) => l + '\n').join(''));
  return file;
}

const noisy: Array<[string, string]> = [
  ['repeated', 'Nov 28 12:52:58 dhcp-b last message repeated 2 times'],
  ['mark', 'Nov 28 12:52:58 dhcp-b -- MARK --'],
  ['garbage', '%%% not a log line at all'],
  ['continuation', '    indented continuation of the line before'],
];

describe('ready on a syslog with lines that have no syslog header', () => {
  for (const [name, line] of noisy) {
    it(`a "${name}" line is ignored: one host, ready (not "several hosts")`, async () => {
      const report = await checkReady({
        liveness: 'log-only',
        logs: [withLine(`${name}.log`, line)],
        now,
      });
      expect(report.hosts).toEqual(['dhcp-b']);
      expect(report.ready).toBe(true);
    });
  }

  it('--wait also ignores it, in the existing content and in lines appended later', async () => {
    const file = join(dir, 'wait.log');
    const [before, after] = [single.slice(0, 14), single.slice(14)];
    writeFileSync(file, [...before, noisy[0]![1]].map((l) => l + '\n').join(''));
    const waiting = waitReady({
      liveness: 'log-only',
      logs: [file],
      now,
      waitSeconds: 5,
      pollMs: 10,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    appendFileSync(file, [noisy[1]![1], noisy[3]![1], ...after].map((l) => l + '\n').join(''));
    const report = await waiting;
    expect(report.hosts).toEqual(['dhcp-b']);
    expect(report.ready).toBe(true);
  });
});
