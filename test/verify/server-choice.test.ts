import { describe, expect, it } from 'vitest';
import { verifyLeaseFile } from '../../src/verify/index.js';
import { header, leases, now, startupLog, tempDir, write } from './helpers.js';

/**
 * Which server of the log wrote the file (src/verify/select.ts): one of the
 * file's family, the one that named the file, and, when it cannot tell, the
 * candidates with what each wrote and its last line.
 */

const v4 = startupLog(['Wrote 2 leases to leases file.'], '/var/lib/dhcp/dhcpd.leases');
const v6 = startupLog(
  ['Wrote 0 NA, 0 TA, 0 PD leases to lease file.'],
  '/var/lib/dhcp/dhcpd6.leases',
);

async function verify(fileName: string, text: string, log: string) {
  const dir = tempDir();
  return verifyLeaseFile(write(dir, fileName, text), {
    logs: [write(dir, 'dhcpd.log', log)],
    now,
  });
}

describe('dhcpd and dhcpd -6 on one host, the file named neither', () => {
  it('a v4 file is held against the v4 server only', async () => {
    const report = await verify('copy.leases', header() + leases(0, 2), v6 + v4);
    expect(report.status).toBe('consistent');
    expect(report.server?.databaseFile).toBe('/var/lib/dhcp/dhcpd.leases');
    expect(report.reference).toMatchObject({ family: 'v4', leases: 2 });
  });

  it('a file that does not tell its family could be either: ambiguous, each candidate with its snapshots and last line', async () => {
    const report = await verify('copy.leases', header(), v4 + v6);
    expect(report.status).toBe('ambiguous');
    expect(report.candidates).toEqual([
      {
        host: null,
        databaseFile: '/var/lib/dhcp/dhcpd.leases',
        snapshots: 1,
        last: expect.objectContaining({ line: 11 }),
      },
      {
        host: null,
        databaseFile: '/var/lib/dhcp/dhcpd6.leases',
        snapshots: 1,
        last: expect.objectContaining({ line: 22 }),
      },
    ]);
  });
});

describe('a log where the only runs are `dhcpd -T`', () => {
  const testRun = (database: string): string =>
    [
      'Internet Systems Consortium DHCP Server 4.4.3-P1',
      'Config file: /etc/dhcp/dhcpd.conf',
      `Database file: ${database}`,
      'PID file: /var/run/dhcpd.pid',
      `${database} line 3: semicolon expected.`,
      'Wrote 2 leases to leases file.',
      `Lease file test successful, removing temp lease file: ${database}.1795873218`,
      '',
    ].join('\n');

  it('a -T run of this file: its complaints are about this file and are reported', async () => {
    const report = await verify(
      'dhcpd.leases',
      header() + leases(0, 2),
      testRun('/var/lib/dhcp/dhcpd.leases'),
    );
    expect(report.status).toBe('no-reference');
    expect(report.complaints).toEqual([
      expect.objectContaining({ type: 'parse-warning', count: 1 }),
    ]);
  });

  it("a -T run of another file: its complaints are not this file's", async () => {
    const report = await verify(
      'dhcpd.leases',
      header() + leases(0, 2),
      testRun('/srv/other.leases'),
    );
    expect(report.status).toBe('no-reference');
    expect(report.complaints).toEqual([]);
  });
});
