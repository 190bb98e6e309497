import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { loadDhcpdConf } from '../../src/conf/index.js';
import { verifyLeaseFile, type VerifyReport } from '../../src/verify/index.js';
import { header, leases, now, startupLog, tempDir, write } from './helpers.js';

/**
 * When verify cannot hold the file against a `Wrote` group it says why in
 * words an admin can act on (no dhcpd line at all, none from that host, only
 * `dhcpd -T` runs, two servers that could have written it), and a `Wrote`
 * group that dhcpd gave up on is named but never used as the reference.
 */

async function verify(file: string, log: string, host?: string): Promise<VerifyReport> {
  const dir = tempDir();
  return verifyLeaseFile(write(dir, 'dhcpd.leases', file), {
    logs: [write(dir, 'dhcpd.log', log)],
    now,
    ...(host ? { host } : {}),
  });
}

const errors = (report: VerifyReport) =>
  report.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.message]);

/** A `dhcpd -T` run (server/db.c new_lease_file under -T): a Wrote group, then the test's success. */
const testRun = (database: string, wrote = 'Wrote 2 leases to leases file.'): string =>
  [
    'Internet Systems Consortium DHCP Server 4.4.3-P1',
    'Config file: /etc/dhcp/dhcpd.conf',
    `Database file: ${database}`,
    'PID file: /var/run/dhcpd.pid',
    wrote,
    `Lease file test successful, removing temp lease file: ${database}.1795873218`,
    '',
  ].join('\n');

describe('nothing to verify against', () => {
  const syslog =
    'Nov 28 12:00:01 dhcp-a CRON[4242]: (root) CMD (run-parts /etc/cron.hourly)\n' +
    'Nov 28 12:00:02 dhcp-a systemd[1]: Started Session 7 of user root.\n';

  it('a log without a single dhcpd line says so', async () => {
    const report = await verify(header() + leases(0, 2), syslog);
    expect(report.status).toBe('no-reference');
    expect(errors(report)).toEqual([
      ['no-reference', 'nothing to verify against: the log holds no line of dhcpd'],
    ]);
  });

  it('--host naming a host without dhcpd lines says which host', async () => {
    const log = syslog + 'Nov 28 12:00:03 dhcp-a dhcpd[7]: Wrote 2 leases to leases file.\n';
    const report = await verify(header() + leases(0, 2), log, 'dhcp-b');
    expect(errors(report)).toEqual([
      [
        'no-reference',
        'nothing to verify against: the log holds no line of dhcpd from host dhcp-b',
      ],
    ]);
  });

  it('only `dhcpd -T` runs: the reason names the file family when the file tells it', async () => {
    const v4 = await verify(header() + leases(0, 2), testRun('/var/lib/dhcp/dhcpd.leases'));
    expect(v4.status).toBe('no-reference');
    expect(errors(v4)).toEqual([
      [
        'no-reference',
        'nothing to verify against: no v4 dhcpd in the log wrote a lease file (only `dhcpd -T` runs or no `Wrote` lines)',
      ],
    ]);
    // A file with no lease and no IA does not tell its family.
    const empty = await verify(header(), testRun('/var/lib/dhcp/dhcpd.leases'));
    expect(empty.family).toBe('unknown');
    expect(errors(empty)).toEqual([
      [
        'no-reference',
        'nothing to verify against: no dhcpd in the log wrote a lease file (only `dhcpd -T` runs or no `Wrote` lines)',
      ],
    ]);
  });
});

describe('a server whose only Wrote group is incomplete', () => {
  it('wrote no lease file: nothing to verify against', async () => {
    const log = startupLog([
      'Wrote 0 deleted host decls to leases file.',
      'Wrote 0 new dynamic host decls to leases file.',
    ]);
    const report = await verify(header() + leases(0, 2), log);
    expect(report.status).toBe('no-reference');
    expect(errors(report)).toEqual([
      [
        'no-reference',
        'nothing to verify against: no v4 dhcpd in the log wrote a lease file (only `dhcpd -T` runs or no `Wrote` lines)',
      ],
    ]);
    // The same for a file that does not tell its family: an incomplete group is of no family.
    const empty = await verify(header(), log);
    expect(errors(empty)).toEqual([
      [
        'no-reference',
        'nothing to verify against: no dhcpd in the log wrote a lease file (only `dhcpd -T` runs or no `Wrote` lines)',
      ],
    ]);
  });
});

describe('two servers that could have written the file', () => {
  it('without host names (plain stderr), the candidates are listed as "(no host)" with their files', async () => {
    // Neither names dhcpd.leases: both could be the one whose file was copied here.
    const log =
      startupLog(['Wrote 2 leases to leases file.'], '/srv/a/one.leases') +
      startupLog(['Wrote 2 leases to leases file.'], '/srv/b/two.leases');
    const report = await verify(header() + leases(0, 2), log);
    expect(report.status).toBe('ambiguous');
    expect(errors(report)).toEqual([
      [
        'ambiguous',
        'the log holds 2 servers that could have written this file; name one with --host ((no host): /srv/a/one.leases; (no host): /srv/b/two.leases)',
      ],
    ]);
  });
});

describe('a Wrote group dhcpd gave up on', () => {
  it('is named as incomplete (a note) and the last complete group stays the reference', async () => {
    // write_leases returns before `Wrote N leases` when a write fails: the rewrite installed nothing.
    const log =
      startupLog(['Wrote 2 leases to leases file.']) +
      'DHCPACK on 10.0.1.1 to 00:11:22:33:44:55 via v1\n' +
      'Wrote 0 deleted host decls to leases file.\n' +
      'Wrote 0 new dynamic host decls to leases file.\n' +
      'DHCPACK on 10.0.1.2 to 00:11:22:33:44:55 via v1\n';
    const report = await verify(header() + leases(0, 3), log);
    expect(report.status).toBe('consistent');
    expect(report.reference).toMatchObject({ kind: 'startup', leases: 2 });
    expect(report.findings.filter((f) => f.code === 'incomplete-snapshot')).toEqual([
      {
        code: 'incomplete-snapshot',
        severity: 'note',
        message:
          'a `Wrote` group ends without its `Wrote N leases` line: dhcpd gave up writing that snapshot (it installs none), so it is not a reference',
        log: expect.objectContaining({ line: 14 }),
      },
    ]);
  });
});

describe("the caller's check report (`check --log`)", () => {
  const dir = tempDir();
  const file = write(dir, 'dhcpd.leases', header() + leases(0, 2));
  const log = write(dir, 'dhcpd.log', startupLog(['Wrote 2 leases to leases file.']));

  it('is used as given: its verdict and first problem are what verify reports', async () => {
    const checked = await checkLeaseFile(file, { now });
    const given = {
      ...checked,
      verdict: 'truncated-tail' as const,
      problems: [{ ...checked.problems[0], line: 9, message: 'a stand-in problem' }],
    } as unknown as typeof checked;
    const report = await verifyLeaseFile(file, { logs: [log], now, checkReport: given });
    expect(report.check).toEqual({
      verdict: 'truncated-tail',
      problems: 1,
      firstProblem: { line: 9, message: 'a stand-in problem' },
    });
    expect(report.findings[0]).toMatchObject({ code: 'file-not-clean', fileLine: 9 });
  });

  it('a verdict other than clean without a problem to cite: the finding names the verdict alone', async () => {
    const checked = await checkLeaseFile(file, { now });
    const given = { ...checked, verdict: 'being-written' as const, problems: [] };
    const report = await verifyLeaseFile(file, { logs: [log], now, checkReport: given });
    expect(report.findings[0]).toEqual({
      code: 'file-not-clean',
      severity: 'error',
      message:
        'the file does not check clean (being-written); run `leasecheck check`; what follows verifies what can be',
    });
  });

  it('is checked again when --config is given and the report has no configuration analysis', async () => {
    const conf = write(
      dir,
      'dhcpd.conf',
      'subnet 10.0.9.0 netmask 255.255.255.0 {\n  range 10.0.9.1 10.0.9.50;\n}\n',
    );
    const checked = await checkLeaseFile(file, { now });
    expect(checked.config).toBeUndefined();
    const report = await verifyLeaseFile(file, {
      logs: [log],
      now,
      checkReport: checked,
      config: { file: conf, plan: await loadDhcpdConf(conf) },
    });
    // The two snapshot leases are in no subnet of this configuration: dhcpd would drop them.
    expect(report.config).toBeDefined();
    expect(report.findings.map((f) => f.code)).toContain('config-no-subnet');
  });
});
