// `leasecheck pools`: every output format, the Nagios thresholds and exit
// codes, Prometheus written atomically, and bad input.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, repoRoot, tempDir } from '../helpers.js';
import { runLeasecheck } from '../leases/cli-io.js';
import { canonicalLeases, tempFile } from './dhcpd-pools.js';

const site = `${repoRoot}/test/fixtures/pools/site.conf`;
const leases = tempFile(
  'dhcpd.leases',
  canonicalLeases([
    ['10.1.0.10', '10.1.0.59'],
    ['10.1.1.10', '10.1.1.49'],
    ['10.2.0.100', '10.2.0.199'],
  ]),
);
const pools = (...args: string[]) => runLeasecheck('pools', leases, '--config', site, ...args);

describe('leasecheck pools', () => {
  it('text: the three tables of dhcpd-pools, with the backup columns when there are backups', async () => {
    const r = await pools();
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Ranges:\nshared net name\s+range\s+max\s+cur\s+percent\s+touch\s+t\+c\s+t\+c perc\s+bu\s+bu perc\n/,
    );
    expect(r.out).toMatch(/\nShared networks:\n/);
    expect(r.out).toMatch(/\nSum of all ranges:\nname .*\nAll networks\s+231\s/);
    expect(r.out).toMatch(/Fixed addresses .*: 2; inside a dynamic range: 10\.1\.0\.20/);
  });

  it("--json: dhcpd-pools' keys, and a summary object with defined, used, touched, free, backup", async () => {
    const report = JSON.parse((await pools('--json')).out);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['subnets', 'shared-networks', 'summary']),
    );
    expect(report.summary).toMatchObject({ location: 'All networks', defined: 231 });
    const s = report.summary;
    expect(s.free).toBe(s.defined - s.used);
    expect(typeof s.backup).toBe('number');
    expect(report['shared-networks'].map((n: { location: string }) => n.location)).toEqual([
      'campus',
      'lab',
    ]);
  });

  it('--format csv: one row a range, a shared network and the summary', async () => {
    const lines = (await pools('--format', 'csv')).out.trim().split('\n');
    expect(lines[0]).toMatch(/^type,location,first,last,defined,used,percent,/);
    expect(lines.filter((l) => l.startsWith('range,'))).toHaveLength(6);
    expect(lines.filter((l) => l.startsWith('shared-network,'))).toHaveLength(2);
    expect(lines[lines.length - 1]).toMatch(/^summary,All networks,,,231,/);
  });

  it('--format nagios: OK under the default 80/90 percent, perfdata per shared network', async () => {
    const r = await pools('--format', 'nagios');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^LEASECHECK POOLS OK - 0 critical, 0 warning, 8 ok \| campus=\d+;88;99;0;110 /,
    );
    expect(r.out).toMatch(/'All networks'=\d+;184;207;0;231/);
    expect(r.out).toMatch(/campus_backup|'campus backup'=/);
  });

  it('--format nagios: -w/-c in Nagios range syntax, and the counts of free addresses', async () => {
    // Every range with any address used is above 1 percent.
    const critical = await pools('--format', 'nagios', '-w', '0.5', '-c', '1');
    expect(critical.code).toBe(2);
    expect(critical.out).toMatch(/^LEASECHECK POOLS CRITICAL - \d+ critical/);
    // With --crit-count, a range is critical only while fewer addresses than that are free.
    const counted = await pools('--format', 'nagios', '-w', '0.5', '-c', '1', '--crit-count', '5');
    expect(counted.code).toBe(1);
    // `@0:100` alerts inside 0..100: always.
    expect((await pools('--format', 'nagios', '-w', '@0:100')).code).toBe(1);
    // `~:100` alerts only above 100: never.
    expect((await pools('--format', 'nagios', '-c', '~:100')).code).toBe(0);
  });

  it('--format prometheus --output: metrics written atomically for the textfile collector', async () => {
    const dir = tempDir('prom');
    const out = join(dir, 'dhcpd_pools.prom');
    const r = await pools('--format', 'prometheus', '--output', out);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(readdirSync(dir)).toEqual(['dhcpd_pools.prom']);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(
      /^leasecheck_pool_addresses\{shared_network="campus",range="10\.1\.0\.10 - 10\.1\.0\.59",state="used"\} \d+$/m,
    );
    expect(text).toMatch(
      /^leasecheck_pool_size\{shared_network="",range="10\.2\.0\.100 - 10\.2\.0\.199"\} 100$/m,
    );
    expect(text).toMatch(/^# TYPE leasecheck_pool_addresses gauge$/m);
  });

  it('--now: counts the used addresses dhcpd would free at start-up', async () => {
    const before = JSON.parse((await pools('--json', '--now', '2030-01-01T00:00:00Z')).out);
    const after = JSON.parse((await pools('--json', '--now', '2038-06-01T00:00:00Z')).out);
    expect(before.summary.expiring).toBe(0);
    expect(after.summary.expiring).toBe(after.summary.used);
    // Counts do not move with --now: dhcpd-pools' meanings, no expiry.
    expect(after.summary.used).toBe(before.summary.used);
  });

  it('a truncated lease file: counts what dhcpd loads, says so on stderr, exit 4', async () => {
    const cut = tempFile(
      'dhcpd.leases',
      readFileSync(fixturePath('enospc-truncated.leases'), 'latin1'),
    );
    const r = await runLeasecheck('pools', cut, '--config', fixturePath('enospc.conf'), '--json');
    expect(r.code).toBe(4);
    expect(JSON.parse(r.out).problems).toHaveLength(1);
    expect(r.err).toMatch(/^leasecheck: .*:452: the file ends inside the lease/);
  });

  it('bad input: usage errors exit 16 (UNKNOWN, exit 3, under --format nagios); an unreadable file exits 8, or UNKNOWN for nagios', async () => {
    expect((await runLeasecheck('pools', leases)).code).toBe(16);
    expect((await pools('-w', '80')).code).toBe(16);
    const badRange = await pools('--format', 'nagios', '-w', 'lots');
    expect(badRange.code).toBe(3);
    expect(badRange.out).toMatch(/^LEASECHECK UNKNOWN - .*lots/);
    expect((await pools('--output', '/tmp/x.prom')).code).toBe(16);
    const missing = await runLeasecheck('pools', '/nonexistent.leases', '--config', site);
    expect(missing.code).toBe(8);
    expect(missing.err).toMatch(/^leasecheck: .*\n$/);
    const unknown = await runLeasecheck(
      'pools',
      '/nonexistent.leases',
      '--config',
      site,
      '--format',
      'nagios',
    );
    expect(unknown.code).toBe(3);
    expect(unknown.out).toMatch(/^LEASECHECK POOLS UNKNOWN - /);
  });
});
