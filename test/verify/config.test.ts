import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { loadDhcpdConf } from '../../src/conf/index.js';
import { verifyLeaseFile, type VerifyReport } from '../../src/verify/index.js';
import { header, lease, leases, now, real, startupLog, tempDir, write } from './helpers.js';

/** `verify --config`: the file judged under a dhcpd.conf, and dhcpd's "no subnet" drops explained. */

const dir = tempDir();
const conf = write(
  dir,
  'dhcpd.conf',
  'subnet 10.0.1.0 netmask 255.255.255.0 {\n  range 10.0.1.0 10.0.1.50;\n}\n',
);
/** The same network after 10.0.9.0/24 was added: the "no subnet" address is in range there. */
const wider = write(
  dir,
  'wider.conf',
  'subnet 10.0.1.0 netmask 255.255.255.0 {\n  range 10.0.1.0 10.0.1.50;\n}\n' +
    'subnet 10.0.9.0 netmask 255.255.255.0 {\n  range 10.0.9.1 10.0.9.50;\n}\n',
);

const testRun = (lines: string[]): string =>
  [
    'Internet Systems Consortium DHCP Server 4.4.3-P1',
    'Config file: /etc/dhcp/dhcpd.conf',
    'Database file: /var/lib/dhcp/dhcpd.leases',
    'PID file: /var/run/dhcpd.pid',
    ...lines,
    'Lease file test successful, removing temp lease file: /var/lib/dhcp/dhcpd.leases.1795873218',
    '',
  ].join('\n');

async function verify(
  file: string,
  log: string,
  config: string | null = conf,
): Promise<VerifyReport> {
  const logPath = write(dir, `log-${Math.random().toString(36).slice(2)}.log`, log);
  return verifyLeaseFile(file, {
    logs: [logPath],
    now,
    ...(config ? { config: { file: config, plan: await loadDhcpdConf(config) } } : {}),
  });
}

const codes = (report: VerifyReport): string[] => report.findings.map((f) => f.code);

describe('verify --config on crafted files', () => {
  it('a lease appended outside every range: a config-no-subnet error, inconsistent', async () => {
    const file = write(dir, 'dhcpd.leases', header() + leases(1, 3) + lease('10.0.9.9'));
    const log = startupLog(['Wrote 3 leases to leases file.']);
    const plain = await verify(file, log, null);
    expect(plain.status).toBe('consistent');
    expect(plain.config).toBeUndefined();

    const report = await verify(file, log);
    expect(report.status).toBe('inconsistent');
    const finding = report.findings.find((f) => f.code === 'config-no-subnet');
    expect(finding).toMatchObject({ severity: 'error', fileLine: 34 });
    expect(finding?.message).toMatch(/lease 10\.0\.9\.9: no subnet.*next start/);
    expect(report.config?.findings.map((f) => f.subject)).toEqual(['10.0.9.9']);
    expect(report.config?.wrote).toMatchObject({ written: 3, noSubnet: 1 });
    // Appended after the snapshot, so not in it.
    expect(report.config?.snapshotNoSubnet.count).toBe(0);
    expect(report.counts.find((c) => c.what === 'leases')?.status).toBe('ok');
  });

  it('a lease in the snapshot that the configuration has no range for: dhcpd ran with another one', async () => {
    const file = write(dir, 'dhcpd.leases', header() + lease('10.0.9.9') + leases(1, 2));
    const report = await verify(file, startupLog(['Wrote 3 leases to leases file.']));
    const note = report.findings.find((f) => f.code === 'config-snapshot-no-subnet');
    expect(note?.severity).toBe('note');
    expect(note?.fileLine).toBe(7);
    expect(note?.message).toMatch(/1 lease\(s\) of the snapshot .* another configuration/);
    expect(report.config?.snapshotNoSubnet).toEqual({
      count: 1,
      leases: [{ address: '10.0.9.9', line: 7 }],
    });
    expect(report.config?.wrote.written).toBe(2);
  });

  it('"no subnet" at the reference start-up explains why dhcpd wrote fewer than the file it read', async () => {
    const file = write(dir, 'dhcpd.leases', header() + leases(1, 3));
    const log = startupLog([
      'lease 10.0.9.9: no subnet.',
      'lease 10.0.9.10: no subnet.',
      'Wrote 3 leases to leases file.',
    ]);
    const report = await verify(file, log);
    expect(report.status).toBe('consistent');
    expect(report.config?.droppedAtReference).toEqual({
      count: 2,
      addresses: ['10.0.9.9', '10.0.9.10'],
      inRange: 0,
    });
    const note = report.findings.find((f) => f.code === 'config-dropped-at-reference');
    expect(note?.message).toMatch(/dropped 2 lease\(s\) .*"Wrote 3 leases".*no range/);

    const changed = await verify(file, log, wider);
    expect(changed.config?.droppedAtReference?.inRange).toBe(2);
    expect(changed.findings.find((f) => f.code === 'config-dropped-at-reference')?.message).toMatch(
      /configuration changed since/,
    );
  });

  it('"no subnet" logged by a later dhcpd -T: explained by the configuration, not data loss', async () => {
    const file = write(dir, 'dhcpd.leases', header() + leases(1, 3));
    const log =
      startupLog(['Wrote 3 leases to leases file.']) +
      testRun(['lease 10.0.9.9: no subnet.', 'Wrote 3 leases to leases file.']);
    const plain = await verify(file, log, null);
    expect(plain.status).toBe('inconsistent');
    expect(plain.findings.find((f) => f.code === 'dhcpd-complaint')?.severity).toBe('error');

    const report = await verify(file, log);
    expect(report.status).toBe('consistent');
    const complaint = report.findings.find((f) => f.code === 'dhcpd-complaint');
    expect(complaint?.severity).toBe('note');
    expect(complaint?.message).toMatch(/lies in no range of .*dhcpd\.conf/);
    expect(report.config?.droppedSince).toEqual({
      count: 1,
      addresses: ['10.0.9.9'],
      inRange: 0,
    });

    // Under a configuration where the address has a range, the log is not explained.
    const other = await verify(file, log, wider);
    expect(other.status).toBe('inconsistent');
    expect(other.findings.find((f) => f.code === 'dhcpd-complaint')?.message).toMatch(
      /1 of these 1 address\(es\) lie in a range .* another configuration/,
    );
  });

  it('a failover peer the configuration does not declare: a config-unknown-failover-peer error', async () => {
    const state =
      'failover peer "bar" state {\n  my state normal at 6 2026/11/28 12:52:06;\n' +
      '  partner state normal at 6 2026/11/28 12:52:06;\n}\n';
    const file = write(dir, 'dhcpd.leases', header() + state + leases(1, 2));
    const report = await verify(file, startupLog(['Wrote 2 leases to leases file.']));
    expect(report.status).toBe('inconsistent');
    expect(codes(report)).toContain('config-unknown-failover-peer');
    expect(report.findings.find((f) => f.code === 'config-unknown-failover-peer')?.message).toMatch(
      /"bar"/,
    );
  });

  it('more than 20 findings of one kind: 20 listed, one counting the rest, all in config.findings', async () => {
    const file = write(dir, 'dhcpd.leases', header() + leases(1, 2) + leases(1, 25, '10.0.9.'));
    const report = await verify(file, startupLog(['Wrote 2 leases to leases file.']));
    const listed = report.findings.filter((f) => f.code === 'config-no-subnet');
    expect(listed).toHaveLength(21);
    expect(listed.at(-1)?.message).toMatch(/5 more no-subnet finding/);
    expect(report.config?.findings).toHaveLength(25);
  });

  it('no reference in the log: the configuration findings are still reported', async () => {
    const file = write(dir, 'dhcpd.leases', header() + lease('10.0.9.9'));
    const report = await verify(file, 'nothing from dhcpd here\n');
    expect(report.status).toBe('no-reference');
    expect(codes(report)).toContain('config-no-subnet');
  });
});

describe('verify --config on the real failover pair', () => {
  it.each([
    ['fo-secondary', ['fo-secondary.log', 'fo-secondary-2.log'], 10],
    ['fo-primary', ['fo-primary.log'], 10],
  ])('%s under its own dhcpd.conf: consistent, no findings', async (name, logs, written) => {
    const report = await verifyLeaseFile(real(`${name}.leases`), {
      logs: logs.map(real),
      now,
      config: { file: real(`${name}.conf`), plan: await loadDhcpdConf(real(`${name}.conf`)) },
    });
    expect(report.status).toBe('consistent');
    expect(report.config?.findings).toEqual([]);
    expect(report.config?.wrote.written).toBe(written);
    expect(report.config?.now).toBe('2026-11-28T13:10:00Z');
  });

  it('the secondary under the single server configuration: every lease has no subnet, the peer is unknown', async () => {
    const report = await verifyLeaseFile(real('fo-secondary.leases'), {
      logs: [real('fo-secondary.log'), real('fo-secondary-2.log')],
      now,
      config: { file: real('srv.conf'), plan: await loadDhcpdConf(real('srv.conf')) },
    });
    expect(report.status).toBe('inconsistent');
    expect(codes(report)).toContain('config-unknown-failover-peer');
    expect(report.config?.snapshotNoSubnet.count).toBeGreaterThan(0);
  });
});

describe("a caller's own check report", () => {
  it('made with a configuration, given to verify without one: verified without --config, as asked', async () => {
    const file = write(dir, 'given.leases', header() + leases(1, 3) + lease('10.0.9.9'));
    const check = await checkLeaseFile(file, {
      now,
      config: { file: conf, plan: await loadDhcpdConf(conf) },
    });
    expect(check.config).toBeDefined();
    const logPath = write(dir, 'given.log', startupLog(['Wrote 3 leases to leases file.']));
    const report = await verifyLeaseFile(file, { logs: [logPath], now, checkReport: check });
    expect(report.status).toBe('consistent');
    expect(report.config).toBeUndefined();
    expect(codes(report).filter((c) => c.startsWith('config-'))).toEqual([]);
  });
});

describe('--config when the log cannot tell which server wrote the file', () => {
  it('ambiguous: the configuration findings are still given', async () => {
    const syslog = (host: string, text: string): string[] =>
      text
        .split('\n')
        .filter(Boolean)
        .map((m) => `Nov 28 12:00:00 ${host} dhcpd[10]: ${m}`);
    const startup = startupLog(['Wrote 4 leases to leases file.']);
    const log = [...syslog('a', startup), ...syslog('b', startup), ''].join('\n');
    const file = write(dir, 'two-hosts.leases', header() + leases(1, 3) + lease('10.0.9.9'));
    const report = await verify(file, log);
    expect(report.status).toBe('ambiguous');
    expect(codes(report)).toEqual(['ambiguous', 'config-no-subnet', 'config-wrote']);
  });
});
