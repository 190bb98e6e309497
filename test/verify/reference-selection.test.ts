import { describe, expect, it } from 'vitest';
import { verifyLeaseFile } from '../../src/verify/index.js';
import {
  convertLog,
  converted,
  header,
  leases,
  now,
  read,
  real,
  startupLog,
  tempDir,
  write,
} from './helpers.js';

/** Which server and which `Wrote` group the file is held against. */

const testRun = (wrote: string, database = '/var/lib/dhcp/fo-secondary.leases'): string =>
  [
    'Internet Systems Consortium DHCP Server 4.4.3-P1',
    'Copyright 2004-2022 Internet Systems Consortium.',
    'All rights reserved.',
    'For info, please visit https://www.isc.org/software/dhcp/',
    'Config file: /etc/dhcp/dhcpd.conf',
    `Database file: ${database}`,
    'PID file: /var/run/dhcpd.pid',
    wrote,
    `Lease file test successful, removing temp lease file: ${database}.1795873218`,
    '',
  ].join('\n');

describe('dhcpd -T groups are ignored', () => {
  it('a -T run after the restart (plain log) does not become the reference', async () => {
    const dir = tempDir();
    const t = write(dir, 't.log', testRun('Wrote 3 leases to leases file.'));
    const report = await verifyLeaseFile(real('fo-secondary.leases'), {
      logs: [real('fo-secondary.log'), real('fo-secondary-2.log'), t],
      now,
    });
    expect(report.status).toBe('consistent');
    expect(report.reference?.leases).toBe(10);
  });

  it('a -T run interleaved with the running server in syslog (own pid) is ignored', async () => {
    const dir = tempDir();
    const server = convertLog(read(real('fo-secondary-2.log')), 'rfc3164', {
      host: 'dhcp-b',
      pid: 4307,
      start: new Date('2026-11-28T12:52:58Z'),
    });
    const t = convertLog(testRun('Wrote 99 leases to leases file.'), 'rfc3164', {
      host: 'dhcp-b',
      pid: 5000,
      start: new Date('2026-11-28T12:53:30Z'),
    });
    const report = await verifyLeaseFile(real('fo-secondary.leases'), {
      logs: [write(dir, 'a.log', server), write(dir, 'b.log', t)],
      now,
    });
    expect(report.status).toBe('consistent');
    expect(report.reference?.leases).toBe(10);
  });

  it('a log with only a -T run has nothing to verify against (exit 4, no-reference)', async () => {
    const report = await verifyLeaseFile(real('enospc-truncated.leases'), {
      logs: [converted('dhcpd-T-enospc.log')],
      now,
    });
    expect(report.status).toBe('no-reference');
    expect(report.consistent).toBe(false);
    // Its parse warnings are still dhcpd's complaints about this file.
    expect(report.complaints[0]).toMatchObject({ type: 'parse-warning', count: 3 });
  });
});

describe('hosts in a central log', () => {
  const dir = tempDir();
  // Two hosts, each with /var/lib/dhcp/dhcpd.leases: the base name cannot tell them apart.
  const a = convertLog(startupLog(['Wrote 3 leases to leases file.']), 'iso', {
    host: 'alpha',
    pid: 10,
    start: new Date('2026-11-28T10:00:00Z'),
    noise: false,
  });
  const b = convertLog(startupLog(['Wrote 2 leases to leases file.']), 'iso', {
    host: 'beta',
    pid: 20,
    start: new Date('2026-11-28T10:00:05Z'),
    noise: false,
  });
  const log = write(dir, 'central.log', a + b);
  const file = write(dir, 'dhcpd.leases', header() + leases(0, 3));

  it('is ambiguous without --host (exit 4, candidates listed)', async () => {
    const report = await verifyLeaseFile(file, { logs: [log], now });
    expect(report.status).toBe('ambiguous');
    expect(report.candidates.map((c) => c.host).sort()).toEqual(['alpha', 'beta']);
    expect(report.findings[0]?.message).toMatch(/--host/);
  });

  it('--host picks one: alpha wrote 3 (consistent), beta wrote 2 (the file has 3: its 2 plus one appended)', async () => {
    const alpha = await verifyLeaseFile(file, { logs: [log], host: 'alpha', now });
    expect(alpha.status).toBe('consistent');
    expect(alpha.counts[0]).toMatchObject({ logged: 3, found: 3 });
    const beta = await verifyLeaseFile(file, { logs: [log], host: 'beta', now });
    expect(beta.status).toBe('consistent');
    expect(beta.snapshot.appended).toBe(1);
  });

  it('--host with no lines of that host: no-reference', async () => {
    const report = await verifyLeaseFile(file, { logs: [log], host: 'gamma', now });
    expect(report.status).toBe('no-reference');
  });

  it('the Database file base name decides when hosts differ in it', async () => {
    const c = convertLog(
      startupLog(['Wrote 7 leases to leases file.'], '/srv/dhcp/other.leases'),
      'iso',
      {
        host: 'gamma',
        pid: 30,
        start: new Date('2026-11-28T10:00:09Z'),
        noise: false,
      },
    );
    const log2 = write(dir, 'central2.log', a + c);
    const report = await verifyLeaseFile(file, { logs: [log2], now });
    expect(report.status).toBe('consistent');
    expect(report.server?.host).toBe('alpha');
  });

  it('a server whose file has another name is still used when it is the only one', async () => {
    const copy = write(dir, 'backup-copy.leases', header() + leases(0, 3));
    const report = await verifyLeaseFile(copy, { logs: [write(dir, 'a.log', a)], now });
    expect(report.status).toBe('consistent');
  });
});

describe('a log that begins after the start-up', () => {
  it('an hourly rewrite of a running process (no banner, no Database file line) is the reference', async () => {
    const dir = tempDir();
    const plain = [
      'DHCPACK on 10.0.1.1 to 00:11:22:33:44:55 via v1',
      'Wrote 0 deleted host decls to leases file.',
      'Wrote 0 new dynamic host decls to leases file.',
      'Wrote 3 leases to leases file.',
      'DHCPACK on 10.0.1.9 to 00:11:22:33:44:55 via v1',
      '',
    ].join('\n');
    const start = new Date('2026-11-28T11:00:00Z');
    const log = write(
      dir,
      'syslog',
      convertLog(plain, 'rfc3164', { host: 'dhcp-r', pid: 321, start, noise: false }),
    );
    const file = write(dir, 'dhcpd.leases', header() + leases(0, 3) + leases(9, 1));
    const report = await verifyLeaseFile(file, { logs: [log], now });
    expect(report.status).toBe('consistent');
    expect(report.reference?.kind).toBe('rewrite');
    expect(report.server).toMatchObject({
      host: 'dhcp-r',
      pid: 321,
      databaseFile: null,
      version: null,
    });
    expect(report.writer.match).toBeNull();
  });

  it('with another host rewriting too (and neither naming its file) it is ambiguous until --host', async () => {
    const dir = tempDir();
    const plain = 'Wrote 3 leases to leases file.\n';
    const start = new Date('2026-11-28T11:00:00Z');
    // convertLog's noise adds another host's dhcpd: "Wrote 12345 leases".
    const log = write(
      dir,
      'syslog',
      convertLog(`x\n${plain}`, 'iso', { host: 'dhcp-r', pid: 321, start }),
    );
    const file = write(dir, 'dhcpd.leases', header() + leases(0, 3));
    const report = await verifyLeaseFile(file, { logs: [log], now });
    expect(report.status).toBe('ambiguous');
    const chosen = await verifyLeaseFile(file, { logs: [log], host: 'dhcp-r', now });
    expect(chosen.status).toBe('consistent');
  });
});
