import { describe, expect, it } from 'vitest';
import { verifyLeaseFile } from '../../src/verify/index.js';
import { convertLog, lease, linesOf, now, read, real, tempDir, write } from './helpers.js';

/**
 * A failover server's start-up snapshot is sealed by the failover-state
 * block dhcpd writes before it serves anyone: a lease too many inside it is
 * an error, not an appended change. That holds only when the block at the
 * head is the reference start-up's own: when its times are later than the
 * `Wrote` line (more than the 2 s syslog's whole seconds allow), the file was
 * written by a start-up the log does not hold, and the extra lease is taken
 * as appended after a snapshot the log cannot bound.
 */

// fo-secondary.leases: `failover peer "foo" state` at lines 8-12, both sides "at 6 2026/11/28 12:52:46".
const original = read(real('fo-secondary.leases'));

/** The file with one more lease after 10.0.1.4 (line 42), inside the start-up snapshot. */
function withInsertedLease(): string {
  const lines = linesOf(original);
  lines.splice(42, 0, ...linesOf(lease('10.0.1.15')).filter((l) => l !== ''));
  return `${lines.join('\n')}\n`;
}

/** fo-secondary-2.log (the start-up) as an ISO-stamped syslog whose `Wrote 10 leases` (line 8) is at `wrote`. */
function timedLog(dir: string, wrote: string): string {
  const start = new Date(Date.parse(wrote) - 7000);
  const text = convertLog(read(real('fo-secondary-2.log')), 'iso', {
    host: 'dhcp-b',
    pid: 4307,
    start,
    noise: false,
  });
  return write(dir, 'syslog', text);
}

async function verifyAgainst(wrote: string) {
  const dir = tempDir();
  const file = write(dir, 'fo-secondary.leases', withInsertedLease());
  return verifyLeaseFile(file, { logs: [timedLog(dir, wrote)], now });
}

describe('the failover-state block at the head seals the start-up snapshot', () => {
  it('written 2 s after the Wrote line (whole seconds): sealed, the extra lease is an error', async () => {
    const report = await verifyAgainst('2026-11-28T12:52:44Z');
    expect(report.reference?.kind).toBe('startup');
    expect(report.status).toBe('inconsistent');
    expect(report.counts[0]).toMatchObject({ logged: 10, found: 11, status: 'extra' });
    // No address is named twice: the message says nothing about duplicates.
    expect(report.findings.find((f) => f.code === 'count-mismatch')?.message).toMatch(
      /: 1 more than dhcpd wrote$/,
    );
  });

  it('written 3 s after the Wrote line: another start-up wrote it, the extra lease is appended', async () => {
    const report = await verifyAgainst('2026-11-28T12:52:43Z');
    expect(report.reference?.kind).toBe('startup');
    expect(report.counts[0]).toMatchObject({ logged: 10, found: 10, status: 'ok' });
    expect(report.status).toBe('consistent');
    expect(report.snapshot.endsBeforeLine).toBeGreaterThan(42);
  });
});
