import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport, FailoverSummary } from '../../src/check/types.js';
import { LeasecheckError } from '../../src/errors.js';
import { checkReady, parseSince, type LeaseChecker } from '../../src/ready/index.js';
import { convertedDir, now, realDir } from './helpers.js';
import { tempDir } from '../helpers.js';

function fakeReport(
  file: string,
  verdict: CheckReport['verdict'],
  failover: FailoverSummary[],
): CheckReport {
  return {
    file,
    bytes: 0,
    verdict,
    problems:
      verdict === 'clean'
        ? []
        : [
            {
              code: 'truncated-tail',
              severity: 'error',
              line: 9,
              column: 3,
              offset: 99,
              message: 'file ends inside a lease',
            },
          ],
    problemsTruncated: false,
    declarations: {} as CheckReport['declarations'],
    leases: { distinct: 0, byState: {} },
    ia: { distinct: 0, addresses: 0, byState: {} },
    failover,
    writer: { version: '4.4.3-P1' },
    timeFormat: 'utc',
    truncated: null,
    now: now.toISOString(),
  };
}

const block = (
  line: number,
  partnerState: 'normal' | 'communications-interrupted',
): FailoverSummary => ({
  peer: 'foo',
  myState: 'normal',
  myStateAt: '2026-11-28T12:52:46Z',
  partnerState,
  partnerStateAt: '2026-11-28T12:53:00Z',
  mclt: 600,
  role: 'secondary',
  line,
});

const checker =
  (verdict: CheckReport['verdict']): LeaseChecker =>
  async (path) =>
    fakeReport(path, verdict, [block(8, 'communications-interrupted'), block(80, 'normal')]);

const log = join(realDir, 'fo-secondary-2.log');

describe('ready --leases: the lease file must check clean; its failover blocks tell the role', () => {
  it('a clean file: ready, with the last failover block per peer and the role', async () => {
    const report = await checkReady({
      liveness: 'log-only',
      logs: [log],
      leases: 'fo-secondary.leases',
      checkLeaseFile: checker('clean'),
    });
    expect(report.ready).toBe(true);
    expect(report.leases).toMatchObject({ clean: true, role: 'secondary', verdict: 'clean' });
    expect(report.leases!.failover).toEqual([block(80, 'normal')]);
    expect(report.leases!.advice).toMatch(/restart the secondary first when pool ranges changed/);
  });

  it('a truncated file keeps the server from being ready, whatever the log says', async () => {
    const report = await checkReady({
      liveness: 'log-only',
      logs: [log],
      leases: 'fo-secondary.leases',
      checkLeaseFile: checker('truncated-tail'),
    });
    expect(report.ready).toBe(false);
    expect(report.reasons).toEqual([
      expect.stringMatching(/^lease file fo-secondary\.leases: truncated-tail \(1 problem/),
    ]);
  });

  it('with several hosts in the log, the lease file name picks the host whose Database file it is', async () => {
    const central = join(convertedDir, 'fo-pair-central.iso.log');
    const report = await checkReady({
      liveness: 'log-only',
      logs: [central],
      leases: '/backup/fo-secondary.leases',
      checkLeaseFile: checker('clean'),
    });
    expect(report.host).toBe('dhcp-b');
    expect(report.ready).toBe(true);
  });
});

describe('ready --since: lines before TIME do not count', () => {
  const restarts = join(convertedDir, 'fo-secondary-restarts.rfc3164.log');

  it('an earlier start-up that ended ready does not make a later restart look ready', async () => {
    // Cut the log just after the second banner: without --since the last start-up (incomplete) already counts,
    // with --since before the first run nothing changes; with --since after everything nothing is left.
    const late = await checkReady({
      liveness: 'log-only',
      logs: [restarts],
      host: 'dhcp-b',
      now,
      since: parseSince('2026-11-28T13:05:00', now),
    });
    expect(late.ready).toBe(false);
    expect(late.reasons[0]).toMatch(/^the log has no dhcpd lines since 2026-11-28T/);
    const between = await checkReady({
      liveness: 'log-only',
      logs: [restarts],
      host: 'dhcp-b',
      now,
      since: parseSince('2026-11-28T12:52:55', now),
    });
    expect(between.ready).toBe(true);
    expect(between.process!.pid).toBe(4307);
  });

  it('the old process logging after TIME, before the new one starts, is not taken for ready', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = join(tempDir('since'), 'syslog');
    writeFileSync(
      file,
      [
        'Nov 28 12:40:00 dhcp-b dhcpd[4202]: failover peer foo: I move from recover-done to normal',
        'Nov 28 12:40:00 dhcp-b dhcpd[4202]: failover peer foo: Both servers normal',
        'Nov 28 12:50:01 dhcp-b dhcpd[4202]: DHCPACK on 10.0.1.3 to 5e:fe:12:81:b6:ca via et3',
      ].join('\n') + '\n',
    );
    const report = await checkReady({
      liveness: 'log-only',
      logs: [file],
      now,
      since: parseSince('2026-11-28T12:50:00', now),
    });
    expect(report.ready).toBe(false);
    expect(report.reasons).toEqual([
      expect.stringMatching(/^no start-up of dhcpd in the log since /),
    ]);
    // Without --since, the running process (start-up rotated away) is judged from its failover lines.
    const whole = await checkReady({ liveness: 'log-only', logs: [file], now });
    expect(whole.warnings[0]).toMatch(/start-up of dhcpd \(pid 4202\) is not in the log/);
  });

  it('parses ISO times, @epoch and relative times; refuses anything else as a usage error', () => {
    expect(parseSince('2026-11-28T12:52:55Z').toISOString()).toBe('2026-11-28T12:52:55.000Z');
    expect(parseSince('2026-11-28 12:52:55+0100').toISOString()).toBe('2026-11-28T11:52:55.000Z');
    expect(parseSince('@1795870375').toISOString()).toBe('2026-11-28T12:52:55.000Z');
    expect(parseSince('-15m', now).toISOString()).toBe('2026-11-28T12:55:00.000Z');
    // Dates Date would quietly move (Feb 30 is March 2, 24:30 the next day) are refused too.
    expect(parseSince('2024-02-29').getDate()).toBe(29);
    for (const bad of [
      'yesterday',
      '12:52',
      '2026-13-45',
      '',
      '2026-02-30',
      '2026-02-29T10:00:00Z',
      '2026-11-28T24:30:00Z',
      '2026-11-28 12:60',
    ]) {
      const error = (() => {
        try {
          parseSince(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(LeasecheckError);
      expect((error as LeasecheckError).exitCode).toBe(16);
    }
  });
});
