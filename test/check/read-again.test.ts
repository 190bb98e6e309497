// When a check reads a file again: dhcpd appends with stdio in 4 KiB blocks,
// so a declaration can be half on disk for a moment. A file that changed while
// it was read and ends in damage is read again after a pause (200 ms unless
// told otherwise); one that changed but reads whole is not read again (what
// was appended is counted by the next check). With no re-read, junk that can
// no longer be read whole is not taken for junk.
import { appendFileSync, truncateSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { tempDir, write } from '../helpers.js';

const dir = tempDir('check-read-again');
let counter = 0;
const now = new Date('2026-11-28T13:00:00Z');
const lease = (n: number) => `lease 10.0.0.${n} {\n  binding state free;\n}\n`;
const tenLeases = Array.from({ length: 10 }, (_, i) => lease(i + 1)).join('');

describe('a file that changes while it is checked', () => {
  it('and reads whole is not read again: the report is of the file as the check found it', async () => {
    const path = write(dir, `f${counter++}.leases`, tenLeases);
    const calls: [number, number][] = [];
    const report = await checkLeaseFile(path, {
      now,
      chunkSize: 64,
      retryDelayMs: 1,
      onProgress: (read, total) => {
        calls.push([read, total]);
        // dhcpd appends a whole lease while the second chunk is read.
        if (calls.length === 2) appendFileSync(path, lease(11));
      },
    });
    const size = tenLeases.length;
    expect(report.verdict).toBe('clean');
    expect(report.bytes).toBe(size);
    expect(report.leases.distinct).toBe(10);
    // One reading: a chunk more at each call, up to the size the check began with.
    expect(calls.map(([read]) => read)).toEqual(
      Array.from({ length: Math.ceil(size / 64) }, (_, i) => Math.min(64 * (i + 1), size)),
    );
  });

  it('and ends in damage is read again after 200 ms by default, time for dhcpd to finish its write', async () => {
    const path = write(dir, `f${counter++}.leases`, tenLeases);
    let cutAt = 0;
    let lastAt = 0;
    let calls = 0;
    const report = await checkLeaseFile(path, {
      now,
      chunkSize: 64,
      onProgress: (read) => {
        calls++;
        lastAt = performance.now();
        // Cut inside the third lease while the second chunk is read: read again.
        if (calls === 2) {
          truncateSync(path, read + 10);
          cutAt = lastAt;
        }
      },
    });
    expect(report.verdict).toBe('truncated-tail');
    expect(report.bytes).toBe(128 + 10);
    // The second reading's progress comes after the pause.
    expect(lastAt - cutAt).toBeGreaterThanOrEqual(195);
  });

  it('and shrinks once read (retries: 0): junk longer than the 64 KiB held is damage, not junk to remove, as it can no longer be read whole', async () => {
    const head = lease(1);
    const path = write(dir, `f${counter++}.leases`, `${head}${'x'.repeat(70_000)}\n`);
    const report = await checkLeaseFile(path, {
      now,
      retries: 0,
      onProgress: (read, total) => {
        // Once the scan has read it all, the file loses most of the junk.
        if (read === total) truncateSync(path, head.length + 100);
      },
    });
    expect(report.verdict).toBe('being-written');
    // Junk is read whole to make sure no declaration hides in it (check.ts wholeText).
    expect(report.problems.map((p) => [p.code, p.line])).toEqual([['unknown-declaration', 4]]);
  });
});
