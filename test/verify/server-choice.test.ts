import { describe, expect, it } from 'vitest';
import { verifyLeaseFile } from '../../src/verify/index.js';
import { header, lease, leases, linesOf, now, startupLog, tempDir, write } from './helpers.js';

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
    // No server was chosen: no server's complaints are held against the file.
    expect(report.complaints).toEqual([]);
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

describe('an ambiguous choice counts what each candidate wrote, not its `dhcpd -T` runs', () => {
  it('a candidate with a start-up and a `dhcpd -T` run of its file: 1 snapshot', async () => {
    const test = [
      'Internet Systems Consortium DHCP Server 4.4.3-P1',
      'Config file: /etc/dhcp/dhcpd.conf',
      'Database file: /var/lib/dhcp/dhcpd.leases',
      'PID file: /var/run/dhcpd.pid',
      'Wrote 2 leases to leases file.',
      'Lease file test successful, removing temp lease file: /var/lib/dhcp/dhcpd.leases.1795873218',
      '',
    ].join('\n');
    const report = await verify('copy.leases', header(), v4 + test + v6);
    expect(report.status).toBe('ambiguous');
    expect(report.candidates?.map((c) => [c.databaseFile, c.snapshots])).toEqual([
      ['/var/lib/dhcp/dhcpd.leases', 1],
      ['/var/lib/dhcp/dhcpd6.leases', 1],
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

describe('a server that named no file still counts as a candidate', () => {
  it('an empty copy of a file, a host running dhcpd (5 leases) and a dhcpd -6 that began before the log: ambiguous, not consistent', async () => {
    // The v6 process wrote 0 NA/TA/PD after the v4 start-up wrote 5 leases: held against
    // the v6 group alone, the empty file would pass although the v4 server's 5 leases are gone.
    const at = (s: number, pid: number, m: string): string =>
      `2026-11-28T12:00:${String(s).padStart(2, '0')}.000000+00:00 h dhcpd[${pid}]: ${m}`;
    const log = [
      at(1, 10, 'Internet Systems Consortium DHCP Server 4.4.3-P1'),
      at(2, 10, 'Database file: /var/lib/dhcp/dhcpd.leases'),
      at(3, 10, 'Wrote 5 leases to leases file.'),
      at(4, 10, 'Server starting service.'),
      at(10, 20, 'Wrote 0 deleted host decls to leases file.'),
      at(11, 20, 'Wrote 0 new dynamic host decls to leases file.'),
      at(12, 20, 'Wrote 0 NA, 0 TA, 0 PD leases to lease file.'),
      '',
    ].join('\n');
    const report = await verify('copy.leases', header(), log);
    expect(report.status).toBe('ambiguous');
    expect(report.candidates.map((c) => c.databaseFile)).toEqual([
      '/var/lib/dhcp/dhcpd.leases',
      null,
    ]);
  });
});

describe('two processes of one server whose lines interleave', () => {
  // A second dhcpd started while the first still runs (another PID file): both write the
  // same file, and the file holds what the one that wrote last wrote, whichever started first.
  const at = (second: number, pid: number, message: string): string =>
    `Nov 28 12:${String(Math.floor(second / 60)).padStart(2, '0')}:${String(second % 60).padStart(2, '0')} gw dhcpd[${pid}]: ${message}`;
  const startup = (second: number, pid: number, wrote: number): string[] =>
    linesOf(startupLog([`Wrote ${wrote} leases to leases file.`])).map((m, i) =>
      at(second + i, pid, m),
    );
  const log = [
    ...startup(0, 100, 2),
    ...startup(60, 200, 3),
    at(120, 100, 'Wrote 5 leases to leases file.'),
    '',
  ].join('\n');

  it("the reference is the last Wrote line in the log (the first process's rewrite), not the later process's start-up", async () => {
    const report = await verify('dhcpd.leases', header() + leases(0, 5), log);
    expect(report.status).toBe('consistent');
    expect(report.reference).toMatchObject({ family: 'v4', leases: 5 });
  });

  it('a file holding what the later process wrote at its start-up is not what was written last', async () => {
    const report = await verify('dhcpd.leases', header() + leases(0, 3), log);
    expect(report.status).toBe('inconsistent');
    expect(report.reference).toMatchObject({ leases: 5 });
  });
});

describe('dhcpd and dhcpd -6 whose lease files share a base name (one server group)', () => {
  const log =
    startupLog(['Wrote 2 leases to leases file.'], '/var/lib/dhcp/dhcpd.leases') +
    startupLog(['Wrote 0 NA, 0 TA, 0 PD leases to lease file.'], '/var/lib/dhcp6/dhcpd.leases');

  it("a v4 file is held against the v4 Wrote line, not the v6 server's later one", async () => {
    const report = await verify('dhcpd.leases', header() + leases(0, 2), log);
    expect(report.status).toBe('consistent');
    expect(report.reference).toMatchObject({ family: 'v4', leases: 2 });
  });
});

describe('an ambiguous choice names what each candidate logged', () => {
  it('a server whose start-up is not in the log: "database file not logged"', async () => {
    const syslog = (host: string, pid: number, message: string): string =>
      `Nov 28 12:00:00 ${host} dhcpd[${pid}]: ${message}`;
    const log = [
      ...linesOf(startupLog(['Wrote 2 leases to leases file.'])).map((m) => syslog('a', 10, m)),
      // Host b's dhcpd began before the log: only its hourly rewrite is in it.
      syslog('b', 20, 'Wrote 2 leases to leases file.'),
      '',
    ].join('\n');
    const report = await verify('copy.leases', header() + leases(0, 2), log);
    expect(report.status).toBe('ambiguous');
    expect(report.findings.find((f) => f.code === 'ambiguous')?.message).toBe(
      'the log holds 2 servers that could have written this file; name one with --host (a: /var/lib/dhcp/dhcpd.leases; b: database file not logged)',
    );
  });
});

describe("the snapshot's addresses", () => {
  it('a lease whose address dhcpd reads otherwise (10.0.0.300: 10.0.0.44) is no copy of a later 0.0.0.0', async () => {
    const text = header() + lease('10.0.0.300') + lease('0.0.0.0');
    const report = await verify(
      'dhcpd.leases',
      text,
      startupLog(['Wrote 2 leases to leases file.']),
    );
    expect(report.status).toBe('consistent');
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
