import { describe, expect, it } from 'vitest';
import { scanSnapshot, verifyLeaseFile } from '../../src/verify/index.js';
import { header, lease, leases, now, startupLog, tempDir, write } from './helpers.js';

/**
 * Each count verify reports cites the `Wrote` line that logged it and the
 * lines of the file that hold it, so an admin can check both by hand; and
 * the snapshot scan ends at the right declaration for the right reason.
 */

const headerLines = header().split('\n').length - 1;

describe('each count cites its own Wrote line and its lines in the file', () => {
  it('v4: class, group, deleted hosts, dynamic hosts and leases each cite their line', async () => {
    const dir = tempDir();
    const text =
      header() +
      'class "vendor" {\n  match option vendor-class-identifier;\n}\n' +
      // A dynamic group as dhcpd writes it, with its statement: without one it never ends.
      'group "g1" {\n  dynamic;\n        supersede domain-name = "x";\n}\n' +
      'host old-a {\n  deleted;\n}\n' +
      leases(0, 2);
    const file = write(dir, 'dhcpd.leases', text);
    const log = write(
      dir,
      'dhcpd.log',
      startupLog([
        'Wrote 1 class decls to leases file.',
        'Wrote 1 group decls to leases file.',
        'Wrote 1 deleted host decls to leases file.',
        'Wrote 0 new dynamic host decls to leases file.',
        'Wrote 2 leases to leases file.',
      ]),
    );
    const report = await verifyLeaseFile(file, { logs: [log], now });
    expect(report.status).toBe('consistent');
    const first = headerLines + 1;
    const leaseLines = lease('10.0.1.0').split('\n').length - 1;
    expect(
      report.counts.map((c) => [c.what, c.log.line, c.fileLines?.first, c.fileLines?.last]),
    ).toEqual([
      ['class-decls', 8, first, first],
      ['group-decls', 9, first + 3, first + 3],
      ['deleted-host-decls', 10, first + 7, first + 7],
      ['dynamic-host-decls', 11, undefined, undefined],
      ['leases', 12, first + 10, first + 10 + leaseLines],
    ]);
    // Nothing of a kind: no lines in the file (null, not a range).
    expect(report.counts.find((c) => c.what === 'dynamic-host-decls')?.fileLines).toBeNull();
    expect(report.reference).toMatchObject({
      kind: 'startup',
      family: 'v4',
      leases: 2,
      v6: null,
      first: { line: 8 },
      last: { line: 12 },
    });
  });

  it('v6: NA, TA and PD each cite the one `Wrote … NA, … TA, … PD` line', async () => {
    const dir = tempDir();
    const file = write(dir, 'dhcpd6.leases', header());
    const log = write(
      dir,
      'dhcpd6.log',
      startupLog(
        [
          'Wrote 0 deleted host decls to leases file.',
          'Wrote 0 new dynamic host decls to leases file.',
          'Wrote 0 NA, 0 TA, 0 PD leases to lease file.',
        ],
        '/var/lib/dhcp/dhcpd6.leases',
      ),
    );
    const report = await verifyLeaseFile(file, { logs: [log], now });
    expect(report.counts.map((c) => [c.what, c.log.line, c.status])).toEqual([
      ['deleted-host-decls', 8, 'ok'],
      ['dynamic-host-decls', 9, 'note'],
      ['ia-na', 10, 'ok'],
      ['ia-ta', 10, 'ok'],
      ['ia-pd', 10, 'ok'],
    ]);
  });

  it('one lease: the range is that lease alone', async () => {
    const dir = tempDir();
    const file = write(dir, 'dhcpd.leases', header() + leases(0, 1));
    const log = write(dir, 'dhcpd.log', startupLog(['Wrote 1 leases to leases file.']));
    const report = await verifyLeaseFile(file, { logs: [log], now });
    expect(report.counts[0]?.fileLines).toEqual({ first: headerLines + 1, last: headerLines + 1 });
  });
});

describe('scanSnapshot: where and why the snapshot ends', () => {
  const duid = (n: number): string => `"\\000\\000\\000${n}\\000\\001\\000\\001"`;
  const ia = (kind: string, n: number): string =>
    `${kind} ${duid(n)} {\n  cltt 6 2026/11/28 12:54:02;\n  iaaddr fd00::${n} {\n` +
    '    binding state active;\n    preferred-life 375;\n    max-life 600;\n    ends 6 2026/11/28 13:04:02;\n  }\n}\n';
  const iaLines = ia('ia-na', 1).split('\n').length - 1;

  it('an ia-na in a v4 file is out of order there: the snapshot ends before it', () => {
    const file = write(tempDir(), 'dhcpd.leases', header() + leases(0, 1) + ia('ia-na', 1));
    const scan = scanSnapshot(file, 'v4', { leases: 5 });
    const at = headerLines + 1 + lease('10.0.1.0').split('\n').length - 1;
    expect(scan.end).toEqual({ line: at, kind: 'ia-na', key: expect.any(String), reason: 'order' });
    expect(scan.tallies.leases.found).toBe(1);
    expect(scan.appended).toBe(1);
  });

  it('a v6 IA named twice within the logged count: the repeat was appended, citing the first', () => {
    const file = write(
      tempDir(),
      'dhcpd6.leases',
      header() + ia('ia-na', 1) + ia('ia-na', 2) + ia('ia-na', 1),
    );
    const scan = scanSnapshot(file, 'v6', { 'ia-na': 3, 'ia-ta': 0, 'ia-pd': 0 });
    expect(scan.end).toEqual({
      line: headerLines + 1 + 2 * iaLines,
      kind: 'ia-na',
      key: expect.any(String),
      reason: 'duplicate',
      duplicateOf: headerLines + 1,
    });
    expect(scan.tallies['ia-na']).toEqual({
      found: 2,
      firstLine: headerLines + 1,
      lastLine: headerLines + 1 + iaLines,
    });
  });

  it('a v4 lease named twice (no failover start-up): the repeat ends the snapshot, citing the first', () => {
    const file = write(tempDir(), 'dhcpd.leases', header() + leases(0, 2) + lease('10.0.1.1'));
    const scan = scanSnapshot(file, 'v4', { leases: 3 });
    const leaseLines = lease('10.0.1.0').split('\n').length - 1;
    expect(scan.end).toEqual({
      line: headerLines + 1 + 2 * leaseLines,
      kind: 'lease',
      key: '10.0.1.1',
      reason: 'duplicate',
      duplicateOf: headerLines + 1 + leaseLines,
    });
    expect(scan.duplicates).toEqual([]);
  });
});
