import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LeasecheckError } from '../../src/errors.js';
import { waitReady, type ReadyReport } from '../../src/ready/index.js';
import { linesOf, realDir } from './helpers.js';
import { tempDir } from '../helpers.js';

const writer = fileURLToPath(new URL('./log-writer.mjs', import.meta.url));
const restart = linesOf(join(realDir, 'fo-secondary-2.log'));
// Line 18 (index 17) is the one that makes the restarted secondary ready.
const before = restart.slice(0, 14);
const after = restart.slice(14);

type Step =
  | { append: string[] }
  | { appendTo: { file: string; lines: string[] } }
  | { sleep: number }
  | { rotate: string }
  | { create: true }
  | { truncate: true };

/** Runs the writer in another process; resolves when it has played its script. */
function play(file: string, steps: Step[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, file, JSON.stringify(steps)], {
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`writer exited ${code}`)),
    );
  });
}

function tempLog(lines: string[]): string {
  const dir = tempDir('wait');
  const file = join(dir, 'dhcpd.log');
  writeFileSync(file, lines.map((l) => l + '\n').join(''));
  return file;
}

const slowly = (lines: string[]): Step[] =>
  lines.flatMap((line) => [{ append: [line] }, { sleep: 15 }]);

describe('ready --wait follows the log like tail -F', () => {
  it('returns as soon as another process appends the line that makes the server ready', async () => {
    const file = tempLog(before);
    const changes: string[] = [];
    const waiting = waitReady({
      liveness: 'log-only',
      logs: [file],
      waitSeconds: 20,
      pollMs: 10,
      onChange: (entry, report) => changes.push(`${entry.line.line}:${report.ready}`),
    });
    const writing = play(file, [{ sleep: 100 }, ...slowly(after)]);
    const report = await waiting;
    const written = readFileSync(file, 'utf8').split('\n').length - 1;
    await writing;
    expect(report.ready).toBe(true);
    expect(report.waited!.timedOut).toBe(false);
    expect(report.peers[0]!.partnerSince!.line).toBe(18);
    // It returned after line 18 was written, and before the writer had finished far beyond it.
    expect(written).toBeGreaterThanOrEqual(18);
    // Lines read in one poll are judged together: at most the next line (19) came with it.
    expect(report.lastLine!.line).toBeLessThanOrEqual(19);
    // Each state transition was reported as it arrived, with the verdict it led to.
    expect(changes.slice(0, 3)).toEqual(['15:false', '17:false', '18:true']);
  });

  it('survives rotation: the old file is finished, then the new one read from its start', async () => {
    const file = tempLog(before);
    const resets: string[] = [];
    const waiting = waitReady({
      liveness: 'log-only',
      logs: [file],
      waitSeconds: 20,
      pollMs: 10,
      onReset: (_path, why) => resets.push(why),
    });
    await play(file, [
      { sleep: 80 },
      { rotate: `${file}.1` },
      // syslog writes one more line to the renamed file before it reopens.
      { appendTo: { file: `${file}.1`, lines: [after[0]!] } },
      { sleep: 40 },
      { create: true },
      ...slowly(after.slice(1)),
    ]);
    const report = await waiting;
    expect(resets).toEqual(['rotated']);
    expect(report.ready).toBe(true);
    // Line 15 went to the renamed file; the new file's lines are numbered from 1.
    expect(report.peers[0]!.mySince).toMatchObject({ line: 15 });
    expect(report.peers[0]!.partnerSince).toMatchObject({ line: 18 - 15 });
  });

  it('survives truncation (copytruncate): reads the file again from its start', async () => {
    const file = tempLog(before);
    const resets: string[] = [];
    const waiting = waitReady({
      liveness: 'log-only',
      logs: [file],
      waitSeconds: 20,
      pollMs: 10,
      onReset: (_path, why) => resets.push(why),
    });
    await play(file, [{ sleep: 80 }, { truncate: true }, { sleep: 80 }, ...slowly(after)]);
    const report = await waiting;
    expect(resets).toContain('truncated');
    expect(report.ready).toBe(true);
  });

  it('times out when the server never becomes ready, with the last verdict', async () => {
    const file = tempLog(before);
    const started = Date.now();
    const report: ReadyReport = await waitReady({
      liveness: 'log-only',
      logs: [file],
      waitSeconds: 0.4,
      pollMs: 20,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(report.ready).toBe(false);
    expect(report.waited!.timedOut).toBe(true);
    expect(report.reasons).toEqual([
      expect.stringMatching(/^foo: startup since .* \(partner communications-interrupted since /),
    ]);
  });

  it('returns at once when the log already shows the server ready', async () => {
    const file = tempLog(restart);
    const started = Date.now();
    const report = await waitReady({
      liveness: 'log-only',
      logs: [file],
      waitSeconds: 20,
      pollMs: 10,
    });
    expect(report.ready).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('--wait 0 judges the existing content first: a log that already says ready is ready, not timed out', async () => {
    const file = tempLog(restart);
    const report = await waitReady({
      liveness: 'log-only',
      logs: [file],
      waitSeconds: 0,
      pollMs: 10,
    });
    expect(report.ready).toBe(true);
    expect(report.waited!.timedOut).toBe(false);
    // And a log that is not ready yet is judged on its content, not "no dhcpd lines".
    const notYet = await waitReady({
      liveness: 'log-only',
      logs: [tempLog(before)],
      waitSeconds: 0,
      pollMs: 10,
    });
    expect(notYet.waited!.timedOut).toBe(true);
    expect(notYet.reasons).toEqual([expect.stringMatching(/^foo: startup since /)]);
  });

  it('a --wait longer than setTimeout allows (24.8 days) waits without a TimeoutOverflowWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning.name);
    };
    process.on('warning', onWarning);
    try {
      const report = await waitReady({
        liveness: 'log-only',
        logs: [tempLog(restart)],
        waitSeconds: 2147484,
        pollMs: 10,
      });
      await new Promise((resolve) => setTimeout(resolve, 20)); // warnings are emitted on a later tick
      expect(report.ready).toBe(true);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it('follows standard input (a pipe from journalctl -f) as lines come', async () => {
    const stdin = new PassThrough();
    const waiting = waitReady({
      liveness: 'log-only',
      logs: ['-'],
      stdin,
      waitSeconds: 20,
      pollMs: 10,
    });
    stdin.write(before.join('\n') + '\n');
    for (const line of after) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      stdin.write(line + '\n');
    }
    const report = await waiting;
    stdin.end();
    expect(report.ready).toBe(true);
    expect(report.peers[0]!.partnerSince).toMatchObject({ source: '(stdin)', line: 18 });
  });

  it('judges what standard input holds at once as the existing content, and what comes after a pause as new', async () => {
    const stdin = new PassThrough();
    const following: boolean[] = [];
    const changes: number[] = [];
    // journalctl -f prints the last lines at once: here, up to line 16.
    stdin.write(restart.slice(0, 16).join('\n') + '\n');
    const waiting = waitReady({
      liveness: 'log-only',
      logs: ['-'],
      stdin,
      waitSeconds: 20,
      onFollowing: (report) => following.push(report.peers.length > 0 && report.ready),
      onChange: (entry) => changes.push(entry.line.line),
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    for (const line of restart.slice(16)) stdin.write(line + '\n');
    const report = await waiting;
    stdin.end();
    // The verdict on the existing content saw its peer (not ready yet) ...
    expect(following).toEqual([false]);
    // ... and only the later lines were reported as changes.
    expect(changes.length).toBeGreaterThan(0);
    expect(Math.min(...changes)).toBeGreaterThan(16);
    expect(report.ready).toBe(true);
    expect(report.peers[0]!.partnerSince).toMatchObject({ source: '(stdin)', line: 18 });
  });

  it('standard input that already shows the server ready: ready at once, no history reported as changes', async () => {
    const stdin = new PassThrough();
    const changes: number[] = [];
    stdin.write(restart.join('\n') + '\n');
    let followingReady: boolean | null = null;
    const report = await waitReady({
      liveness: 'log-only',
      logs: ['-'],
      stdin,
      waitSeconds: 20,
      onFollowing: (verdict) => (followingReady = verdict.ready),
      onChange: (entry) => changes.push(entry.line.line),
    });
    stdin.end();
    expect(followingReady).toBe(true);
    expect(changes).toEqual([]);
    expect(report.ready).toBe(true);
    expect(report.waited!.timedOut).toBe(false);
  });

  it('a directory or a named pipe is an operational error (exit 8) with one sentence, at once', async () => {
    const dir = tempDir('wait-dir');
    const fifo = join(dir, 'ff');
    execFileSync('mkfifo', [fifo]);
    const cases: Array<[string, RegExp]> = [
      [dir, /: is a directory, not a log$/],
      // No writer: opening it would block for ever (and keep the process alive after the verdict).
      [fifo, /ff: is a named pipe, not a regular file: .*--log -/],
    ];
    for (const [path, message] of cases) {
      const error = await waitReady({
        liveness: 'log-only',
        logs: [path],
        waitSeconds: 1,
        pollMs: 10,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LeasecheckError);
      expect((error as LeasecheckError).message).toMatch(message);
      expect((error as LeasecheckError).exitCode).toBe(8);
    }
  }, 5000);

  it('a missing log is an operational error, not a silent wait', async () => {
    const error = await waitReady({
      liveness: 'log-only',
      logs: ['/nonexistent/dhcpd.log'],
      waitSeconds: 1,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/no such file/);
  });
});
