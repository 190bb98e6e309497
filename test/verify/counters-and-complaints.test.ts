import { describe, expect, it } from 'vitest';
import { verifyLeaseFile } from '../../src/verify/index.js';
import { header, lease, leases, now, real, startupLog, tempDir, write } from './helpers.js';

/**
 * The other counters of a `Wrote` group (deleted hosts, classes, groups,
 * dhcpd's two known miscounts), the writer version, and dhcpd's complaints.
 */

const classes =
  'class "vendor" {\n  dynamic;\n  match option vendor-class-identifier;\n}\n\n' +
  'subclass "vendor" "MSFT" {\n  dynamic;\n}\n\n' +
  'subclass "vendor" "LNX" {\n  dynamic;\n}\n\n';
const group = 'group "g1" {\n  dynamic;\n  default-lease-time 600;\n}\n\n';
const deletedHost = (name: string): string => `host ${name} {\n  deleted;\n}\n\n`;
const dynamicHost =
  'host new-host {\n  dynamic;\n  hardware ethernet 00:11:22:33:44:66;\n  fixed-address 10.0.9.9;\n}\n\n';

const wrote = (deleted: number, dynamic = 0, leaseCount = 2): string[] => [
  'Wrote 1 class decls to leases file.',
  'Wrote 1 group decls to leases file.',
  `Wrote ${deleted} deleted host decls to leases file.`,
  `Wrote ${dynamic} new dynamic host decls to leases file.`,
  `Wrote ${leaseCount} leases to leases file.`,
];

async function run(file: string, log: string) {
  const dir = tempDir();
  return verifyLeaseFile(write(dir, 'dhcpd.leases', file), {
    logs: [write(dir, 'dhcpd.log', log)],
    now,
  });
}

describe('snapshot counters', () => {
  const snapshot =
    header() +
    classes +
    group +
    deletedHost('old-a') +
    deletedHost('old-b') +
    dynamicHost +
    leases(0, 2);

  it('all counters agree; the dynamic-host and class miscounts are notes, not mismatches', async () => {
    const report = await run(snapshot + lease('10.0.1.7'), startupLog(wrote(2)));
    expect(report.status).toBe('consistent');
    const byWhat = Object.fromEntries(
      report.counts.map((c) => [c.what, [c.logged, c.found, c.status]]),
    );
    expect(byWhat).toEqual({
      'class-decls': [1, 1, 'ok'],
      'group-decls': [1, 1, 'ok'],
      'deleted-host-decls': [2, 2, 'ok'],
      'dynamic-host-decls': [0, 1, 'note'],
      leases: [2, 2, 'ok'],
    });
    const notes = report.findings.filter((f) => f.severity === 'note').map((f) => f.code);
    expect(notes).toEqual(expect.arrayContaining(['dynamic-host-counter', 'class-counter']));
    expect(report.findings.find((f) => f.code === 'class-counter')?.message).toMatch(/2 subclass/);
  });

  it('a lost deleted-host declaration is data loss', async () => {
    const report = await run(snapshot.replace(deletedHost('old-b'), ''), startupLog(wrote(2)));
    expect(report.status).toBe('inconsistent');
    expect(report.counts.find((c) => c.what === 'deleted-host-decls')).toMatchObject({
      logged: 2,
      found: 1,
      status: 'missing',
    });
  });

  it('a deleted host appended after the snapshot does not count in it', async () => {
    const report = await run(snapshot + deletedHost('old-c'), startupLog(wrote(2)));
    expect(report.status).toBe('consistent');
    expect(report.snapshot.appended).toBe(1);
  });

  it('a non-zero dynamic-host counter means failed writes: an error', async () => {
    const report = await run(snapshot, startupLog(wrote(2, 1)));
    expect(report.status).toBe('inconsistent');
    expect(report.findings.find((f) => f.code === 'dynamic-host-counter')?.severity).toBe('error');
  });
});

describe('writer version', () => {
  it('a file written by another dhcpd version than the log banner is not the file the log wrote', async () => {
    const report = await run(
      header('4.4.2') + leases(0, 2),
      startupLog(['Wrote 2 leases to leases file.']),
    );
    expect(report.status).toBe('inconsistent');
    expect(report.writer).toEqual({ file: '4.4.2', log: '4.4.3-P1', match: false });
    expect(report.findings.find((f) => f.code === 'writer-version')?.fileLine).toBe(2);
  });
});

describe("dhcpd's complaints since the reference snapshot", () => {
  it('commit_leases failures are counted with first and last time; earlier ones are history', async () => {
    const t = (s: number): string =>
      `2026-11-28T12:00:${String(s).padStart(2, '0')}.000000+00:00 dhcp-z dhcpd[77]: `;
    const startup = startupLog(['Wrote 2 leases to leases file.'])
      .trimEnd()
      .split('\n')
      .map((m, i) => t(10 + i) + m);
    const log = [
      t(1) + 'Internet Systems Consortium DHCP Server 4.4.3-P1',
      t(2) + 'commit_leases: unable to commit, fsync(): No space left on device',
      ...startup.slice(1), // the banner above begins this run
      t(40) + 'commit_leases: unable to commit, fflush(): No space left on device',
      t(41) + 'commit_leases: unable to commit, fflush(): No space left on device',
      t(45) + 'commit_leases: unable to commit, fflush(): No space left on device',
      t(46) + 'write_lease: unable to write lease 10.0.1.4',
      t(47) + 'lease 10.9.9.9: no subnet.',
      '',
    ].join('\n');
    const report = await run(header() + leases(0, 2), log);
    expect(report.status).toBe('inconsistent');
    const commit = report.complaints.find((c) => c.type === 'commit-failed');
    expect(commit).toMatchObject({ count: 3 });
    expect(commit?.first.time).toBe('2026-11-28T12:00:40.000Z');
    expect(commit?.last.time).toBe('2026-11-28T12:00:45.000Z');
    expect(report.complaints.map((c) => c.type).sort()).toEqual([
      'commit-failed',
      'no-subnet',
      'write-failed',
    ]);
    expect(report.findings.find((f) => f.code === 'dhcpd-complaint')?.message).toMatch(
      /3×.*may be missing/,
    );
  });

  it('untimed logs read one after another: a complaint in the next file follows the reference', async () => {
    const dir = tempDir();
    const next = write(
      dir,
      'dhcpd.log.next',
      'commit_leases: unable to commit, fsync(): No space left on device\n',
    );
    const report = await verifyLeaseFile(real('fo-secondary.leases'), {
      logs: [real('fo-secondary-2.log'), next],
      now,
    });
    expect(report.status).toBe('inconsistent');
    expect(report.complaints).toEqual([
      expect.objectContaining({ type: 'commit-failed', count: 1 }),
    ]);
  });

  it('a complaint before the reference snapshot is not a finding', async () => {
    const log = startupLog(['Wrote 2 leases to leases file.']).replace(
      'PID file:',
      'Corrupt lease file - possible data loss!\nPID file:',
    );
    const report = await run(header() + leases(0, 2), log);
    expect(report.status).toBe('consistent');
    expect(report.complaints).toEqual([]);
  });
});

describe('recorded from the real dhcpd (test/fixtures/verify/omapi-restart.*)', () => {
  it('a host created over OMAPI and a static host removed, then a restart: consistent, the dynamic counter a note', async () => {
    const fixtures = new URL('../fixtures/verify/', import.meta.url).pathname;
    const report = await verifyLeaseFile(`${fixtures}omapi-restart.leases`, {
      logs: [`${fixtures}omapi-restart.log`],
      now,
    });
    expect(report.status).toBe('consistent');
    expect(report.server?.databaseFile).toBe('/var/lib/dhcp/omapi-restart.leases');
    const byWhat = Object.fromEntries(
      report.counts.map((c) => [c.what, [c.logged, c.found, c.status]]),
    );
    expect(byWhat).toEqual({
      'deleted-host-decls': [1, 1, 'ok'],
      'dynamic-host-decls': [0, 1, 'note'],
      leases: [0, 0, 'ok'],
    });
  });
});
