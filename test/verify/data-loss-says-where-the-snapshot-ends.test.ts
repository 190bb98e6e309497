import { describe, expect, it } from 'vitest';
import { verifyLeaseFile, type VerifyReport } from '../../src/verify/index.js';
import { header, lease, leases, now, tempDir, write } from './helpers.js';

/**
 * A data-loss finding tells the admin where the snapshot at the head of the
 * file ends and why the declaration there cannot belong to it: the file cut
 * short, a counter already full, write_leases' order broken, an address or
 * failover peer named twice, a v4 server-duid. Without it the admin cannot
 * find the lost part. The reference here is an hourly rewrite (no banner):
 * no failover start-up seals the snapshot.
 */

/** An hourly rewrite of a running dhcpd (no banner) that wrote `n` leases. */
function rewriteLog(n: number, deletedHosts = 0): string {
  return [
    'DHCPACK on 10.0.1.1 to 00:11:22:33:44:55 via v1',
    `Wrote ${deletedHosts} deleted host decls to leases file.`,
    'Wrote 0 new dynamic host decls to leases file.',
    `Wrote ${n} leases to leases file.`,
    '',
  ].join('\n');
}

async function verify(text: string, log: string): Promise<VerifyReport> {
  const dir = tempDir();
  return verifyLeaseFile(write(dir, 'dhcpd.leases', text), {
    logs: [write(dir, 'dhcpd.log', log)],
    now,
  });
}

const dataLoss = (report: VerifyReport) => report.findings.find((f) => f.code === 'data-loss');

const headerLines = header().split('\n').length - 1; // the lease after it begins on the next line
const leaseLines = lease('10.0.1.0').split('\n').length - 1;
/** The first line of the `i`-th (0-based) declaration of `leaseLines` lines after the header. */
const lineOf = (i: number): number => headerLines + 1 + i * leaseLines;

const failoverState =
  'failover peer "foo" state {\n  my state normal at 6 2026/11/28 12:52:46;\n' +
  '  partner state normal at 6 2026/11/28 12:52:46;\n  mclt 600;\n}\n';

describe('a data-loss finding says where the snapshot ends and why', () => {
  it('the file ends inside the snapshot: "the file was cut short"', async () => {
    const report = await verify(header() + leases(0, 2), rewriteLog(3));
    expect(report.status).toBe('inconsistent');
    expect(dataLoss(report)?.message).toBe(
      'dhcpd wrote 3 leases but the snapshot at the head of the file holds 2: 1 lost; nothing follows them: the file was cut short',
    );
    expect(dataLoss(report)?.fileLine).toBeUndefined();
    expect(report.snapshot.endsBeforeLine).toBeNull();
  });

  it('an address named twice: the repeat was appended, and the snapshot that lost a lease names it twice', async () => {
    // Only `Wrote 3 leases` logged: data loss is the one finding before the duplicate's.
    const log = 'DHCPACK on 10.0.1.1 to 00:11:22:33:44:55 via v1\nWrote 3 leases to leases file.\n';
    const report = await verify(header() + leases(0, 2) + lease('10.0.1.0'), log);
    const [first, repeat] = [lineOf(0), lineOf(2)];
    expect(report.status).toBe('inconsistent');
    expect(dataLoss(report)).toMatchObject({
      severity: 'error',
      fileLine: repeat,
      message: `dhcpd wrote 3 leases but the snapshot at the head of the file holds 2: 1 lost; line ${repeat} (lease 10.0.1.0) repeats the declaration at line ${first}, so it was appended after the snapshot`,
    });
    expect(report.findings.filter((f) => f.code === 'duplicate-in-snapshot')).toEqual([
      {
        code: 'duplicate-in-snapshot',
        severity: 'error',
        message: `lease 10.0.1.0 appears at lines ${first} and ${repeat} within what should be the snapshot, which names each once`,
        fileLine: repeat,
      },
    ]);
    // With other findings beside the data loss (the dynamic-host note) it is reported too.
    const withNote = await verify(header() + leases(0, 2) + lease('10.0.1.0'), rewriteLog(3));
    expect(withNote.findings.filter((f) => f.code === 'duplicate-in-snapshot')).toHaveLength(1);
    expect(report.snapshot).toEqual({
      endsBeforeLine: repeat,
      appended: 1,
      startupServerDuid: null,
    });
  });

  it('a renewal repeating an address after a whole snapshot is no finding at all', async () => {
    const report = await verify(header() + leases(0, 2) + lease('10.0.1.0'), rewriteLog(2));
    expect(report.status).toBe('consistent');
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.snapshot.appended).toBe(1);
  });

  it('a counter already full: the declaration "cannot belong to the snapshot", named with its key', async () => {
    const deleted = (name: string): string => `host ${name} {\n  deleted;\n}\n`;
    const text = header() + deleted('old-a') + deleted('old-b') + leases(0, 2);
    const report = await verify(text, rewriteLog(2, 1));
    const at = headerLines + 1 + 3; // host old-b: after the 3 lines of host old-a
    expect(report.status).toBe('inconsistent');
    expect(dataLoss(report)).toMatchObject({
      fileLine: at,
      message: `dhcpd wrote 2 leases but the snapshot at the head of the file holds 0: 2 lost; line ${at} (host old-b) cannot belong to the snapshot, so the snapshot ends before it`,
    });
    // Only a duplicate ends the snapshot with the "named twice" finding.
    expect(report.findings.some((f) => f.code === 'duplicate-in-snapshot')).toBe(false);
  });

  it("write_leases' order broken: a group after the leases ends the snapshot", async () => {
    const group = 'group "g1" {\n  dynamic;\n        supersede domain-name = "x";\n}\n';
    const report = await verify(header() + leases(0, 1) + group + lease('10.0.1.5'), rewriteLog(2));
    const at = lineOf(1);
    expect(dataLoss(report)?.message).toBe(
      `dhcpd wrote 2 leases but the snapshot at the head of the file holds 1: 1 lost; line ${at} (group g1) cannot belong to the snapshot, so the snapshot ends before it`,
    );
    expect(report.snapshot.endsBeforeLine).toBe(at);
  });

  it('a failover peer written twice: the second block was appended', async () => {
    const text = header() + failoverState + failoverState + leases(0, 1);
    const report = await verify(text, rewriteLog(1));
    const at = headerLines + 1 + 5;
    expect(dataLoss(report)?.message).toBe(
      `dhcpd wrote 1 leases but the snapshot at the head of the file holds 0: 1 lost; line ${at} (failover-state foo) repeats a failover peer, so it was appended after the snapshot`,
    );
  });

  it('a server-duid in a v4 rewrite snapshot ends it; a declaration without a key is named by its kind alone', async () => {
    const duid = 'server-duid "\\000\\001";\n';
    const report = await verify(header() + leases(0, 1) + duid + lease('10.0.1.5'), rewriteLog(2));
    const at = lineOf(1);
    expect(dataLoss(report)?.message).toBe(
      `dhcpd wrote 2 leases but the snapshot at the head of the file holds 1: 1 lost; line ${at} (server-duid) cannot belong to the snapshot, so the snapshot ends before it`,
    );
  });
});

describe('the writer version', () => {
  it('a file without the "written by isc-dhcp-…" line: a note saying so, not an error', async () => {
    const text = header().replace(/# This lease file was written by .*\n/, '') + leases(0, 2);
    const report = await verify(text, rewriteLog(2));
    expect(report.writer).toEqual({ file: null, log: null, match: null });
    expect(report.findings.filter((f) => f.code === 'writer-version')).toEqual([
      {
        code: 'writer-version',
        severity: 'note',
        message: 'the file has no "# This lease file was written by isc-dhcp-…" header line',
      },
    ]);
    expect(report.status).toBe('consistent');
  });
});
