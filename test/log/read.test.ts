import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LeasecheckError } from '../../src/errors.js';
import { readAllLogs } from '../../src/log/index.js';
import { convertedDir, now } from '../ready/helpers.js';
import { tempDir } from '../helpers.js';

const dir = tempDir('log-read');
const syslog = readFileSync(join(convertedDir, 'fo-secondary-restarts.rfc3164.log'), 'utf8');
const lines = syslog.split('\n').filter((l) => l !== '');
const half = Math.floor(lines.length / 2);
// logrotate: the older half rotated and compressed, the newer half still plain.
writeFileSync(join(dir, 'syslog.1.gz'), gzipSync(lines.slice(0, half).join('\n') + '\n'));
writeFileSync(join(dir, 'syslog'), lines.slice(half).join('\n') + '\n');

const messages = (entries: Awaited<ReturnType<typeof readAllLogs>>) =>
  entries.map((e) => `${e.line.host} ${e.line.pid} ${e.line.message}`);

describe('reading logs: files, .gz, stdin, several as one history', () => {
  it('a rotated .gz and the current file, given in either order, read as one history in time order', async () => {
    const whole = messages(
      await readAllLogs([join(convertedDir, 'fo-secondary-restarts.rfc3164.log')], { now }),
    );
    const forward = messages(
      await readAllLogs([join(dir, 'syslog.1.gz'), join(dir, 'syslog')], { now }),
    );
    const backward = messages(
      await readAllLogs([join(dir, 'syslog'), join(dir, 'syslog.1.gz')], { now }),
    );
    expect(forward).toEqual(whole);
    expect(backward).toEqual(whole);
    expect(whole.some((m) => m.includes('CRON'))).toBe(false);
  });

  it('keeps each line its own file and line number', async () => {
    const entries = await readAllLogs([join(dir, 'syslog'), join(dir, 'syslog.1.gz')], { now });
    expect(entries[0]!.line.source).toBe(join(dir, 'syslog.1.gz'));
    expect(entries[0]!.line.line).toBe(1);
    const last = entries.at(-1)!;
    expect(last.line.source).toBe(join(dir, 'syslog'));
    expect(last.line.line).toBe(lines.length - half);
  });

  it('- reads standard input', async () => {
    const stdin = Readable.from([lines.slice(0, 3).join('\n') + '\n']);
    const entries = await readAllLogs(['-'], { now, stdin });
    expect(entries[0]!.line.source).toBe('(stdin)');
    expect(entries[0]!.event).toMatchObject({ type: 'banner', version: '4.4.3-P1' });
  });

  it('plain logs without timestamps follow one another in the order given', async () => {
    writeFileSync(join(dir, 'a.log'), 'Server starting service.\n');
    writeFileSync(join(dir, 'b.log'), 'peer foo: disconnected\n');
    const entries = await readAllLogs([join(dir, 'b.log'), join(dir, 'a.log')]);
    expect(entries.map((e) => e.event.type)).toEqual(['failover-disconnected', 'starting-service']);
  });

  it('in a syslog file, lines without a syslog header are not dhcpd lines of a nameless host', async () => {
    const noise = [
      'Nov 28 12:52:58 dhcp-b last message repeated 2 times',
      'Nov 28 12:52:58 dhcp-b -- MARK --',
      '\tcontinued from the line before',
      'garbage \u0000\u0001 not a log line',
    ];
    // One before the first header line too (a copytruncate'd file may begin mid-line).
    writeFileSync(
      join(dir, 'noisy.log'),
      [noise[3], ...lines.slice(0, 5), ...noise, ...lines.slice(5)].join('\n') + '\n',
    );
    const entries = await readAllLogs([join(dir, 'noisy.log')], { now });
    expect(entries.filter((e) => e.line.host === null)).toEqual([]);
    expect(messages(entries)).toEqual(
      messages(
        await readAllLogs([join(convertedDir, 'fo-secondary-restarts.rfc3164.log')], { now }),
      ),
    );
    // Line numbers still count every line of the file.
    expect(entries[0]!.line.line).toBe(2);
  });

  it('a log with no syslog headers at all (dhcpd -d) is still read as plain dhcpd messages', async () => {
    writeFileSync(join(dir, 'stderr.log'), 'garbage first\nServer starting service.\n');
    const entries = await readAllLogs([join(dir, 'stderr.log')]);
    expect(entries.map((e) => [e.line.host, e.event.type])).toEqual([
      [null, 'other'],
      [null, 'starting-service'],
    ]);
  });

  it('a missing file, a directory and a broken .gz are operational errors with a clear message', async () => {
    mkdirSync(join(dir, 'adir'), { recursive: true });
    writeFileSync(join(dir, 'broken.gz'), 'this is not gzip\n');
    const cases: Array<[string, RegExp]> = [
      [join(dir, 'missing.log'), /missing\.log: no such file/],
      [join(dir, 'adir'), /adir: is a directory/],
      [join(dir, 'broken.gz'), /broken\.gz: not a valid gzip file/],
    ];
    for (const [path, message] of cases) {
      const error = await readAllLogs([path]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LeasecheckError);
      expect((error as LeasecheckError).message).toMatch(message);
      expect((error as LeasecheckError).exitCode).toBe(8);
    }
  });
});
