import { describe, expect, it } from 'vitest';
import { verifyLeaseFile } from '../../src/verify/index.js';
import {
  convertLog,
  converted,
  now,
  read,
  real,
  tempDir,
  write,
  type Envelope,
} from './helpers.js';

/**
 * The files the real dhcpd 4.4.3-P1 wrote, held against the logs it wrote
 * at the same time: every one is consistent, in every log format, with
 * other programs and another host mixed in.
 */

const envelopes: Envelope[] = ['rfc3164', 'rfc5424', 'iso', 'journal-cat'];

describe('real fixtures with their plain dhcpd -d logs', () => {
  it('srv.leases: start-up wrote 0 leases, the one lease was appended', async () => {
    const report = await verifyLeaseFile(real('srv.leases'), { logs: [real('srv.log')], now });
    expect(report.status).toBe('consistent');
    expect(report.counts).toEqual([
      expect.objectContaining({ what: 'leases', logged: 0, found: 0, status: 'ok' }),
    ]);
    expect(report.reference?.kind).toBe('startup');
    expect(report.reference?.last.line).toBe(8);
    expect(report.writer).toEqual({ file: '4.4.3-P1', log: '4.4.3-P1', match: true });
    // The server-duid dhcpd writes after a start-up snapshot is its own, not an appended change.
    expect(report.snapshot.appended).toBe(1);
    expect(report.snapshot.startupServerDuid).toBe(7);
  });

  it('v6.leases: NA/TA/PD counts against the v6 Wrote line', async () => {
    const report = await verifyLeaseFile(real('v6.leases'), { logs: [real('v6.log')], now });
    expect(report.status).toBe('consistent');
    expect(report.family).toBe('v6');
    expect(report.counts.map((c) => [c.what, c.logged, c.found])).toEqual([
      ['ia-na', 0, 0],
      ['ia-ta', 0, 0],
      ['ia-pd', 0, 0],
    ]);
    expect(report.snapshot.appended).toBe(2);
  });

  it('fo-secondary.leases: the restart (fo-secondary-2.log) wrote the 10 leases at its head', async () => {
    const report = await verifyLeaseFile(real('fo-secondary.leases'), {
      logs: [real('fo-secondary.log'), real('fo-secondary-2.log')],
      now,
    });
    expect(report.status).toBe('consistent');
    expect(report.reference?.last.source).toContain('fo-secondary-2.log');
    expect(report.history).toHaveLength(1);
    expect(report.counts[0]).toMatchObject({
      what: 'leases',
      logged: 10,
      found: 10,
      status: 'ok',
      fileLines: { first: 13, last: 67 },
    });
    expect(report.snapshot.endsBeforeLine).toBe(74);
  });

  it('fo-primary.leases with both peers plain logs: the Database file line picks the primary', async () => {
    const report = await verifyLeaseFile(real('fo-primary.leases'), {
      logs: [real('fo-primary.log'), real('fo-secondary.log')],
      now,
    });
    expect(report.status).toBe('consistent');
    expect(report.server?.databaseFile).toBe('/var/lib/dhcp/fo-primary.leases');
    expect(report.counts[0]).toMatchObject({ logged: 0, found: 0 });
  });
});

describe('real fixtures with the converted syslog / journald logs', () => {
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
  ];
  /** Formats without a wall-clock time: several logs are read in the order given. */
  const untimed = ['journal-cat', 'journal-short-monotonic'];
  for (const format of formats) {
    it(`fo-secondary in ${format}: the restart is the reference, given in either order`, async () => {
      const logs = [
        converted(`fo-secondary-2.${format}.log`),
        converted(`fo-secondary.${format}.log`),
      ];
      // Timestamped logs are merged by time; untimed ones must be given in order.
      const ordered = untimed.includes(format) ? [...logs].reverse() : logs;
      const report = await verifyLeaseFile(real('fo-secondary.leases'), { logs: ordered, now });
      expect(report.status).toBe('consistent');
      expect(report.counts[0]).toMatchObject({ what: 'leases', logged: 10, found: 10 });
      expect(report.reference?.last.source).toContain('fo-secondary-2');
    });

    it(`fo-primary in ${format}`, async () => {
      const report = await verifyLeaseFile(real('fo-primary.leases'), {
        logs: [converted(`fo-primary.${format}.log`)],
        now,
      });
      expect(report.status).toBe('consistent');
      expect(report.counts[0]).toMatchObject({ logged: 0, found: 0 });
    });
  }

  it('the central log of both peers: each file finds its own host', async () => {
    const central = converted('fo-pair-central.iso.log');
    const primary = await verifyLeaseFile(real('fo-primary.leases'), { logs: [central], now });
    const secondary = await verifyLeaseFile(real('fo-secondary.leases'), { logs: [central], now });
    expect(primary.status).toBe('consistent');
    expect(primary.server?.host).toBe('dhcp-a');
    expect(secondary.status).toBe('consistent');
    expect(secondary.server?.host).toBe('dhcp-b');
  });

  for (const envelope of envelopes) {
    it(`srv and v6 converted to ${envelope} with noise: consistent`, async () => {
      const dir = tempDir();
      const start = new Date('2026-11-28T12:51:58Z');
      for (const name of ['srv', 'v6']) {
        const log = write(
          dir,
          `${name}.${envelope}.log`,
          convertLog(read(real(`${name}.log`)), envelope, { host: 'dhcp-c', pid: 812, start }),
        );
        const report = await verifyLeaseFile(real(`${name}.leases`), { logs: [log], now });
        expect(report.status, `${name} ${envelope}`).toBe('consistent');
        if (envelope !== 'journal-cat') expect(report.server?.host).toBe('dhcp-c');
      }
    });
  }
});
