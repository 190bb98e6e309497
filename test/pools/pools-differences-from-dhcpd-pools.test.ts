// Where dhcpd-pools 2.29 reads the files wrong, `pools` counts what dhcpd
// loads. One test a difference; each shows dhcpd-pools' wrong number and
// ours, and how we know ours is right: the real dhcpd reads the file (its
// start-up rewrite, in its own layout, is then read right by dhcpd-pools
// too), or dhcpd -t accepts the configuration.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadDhcpdConf } from '../../src/conf/index.js';
import { poolsReport } from '../../src/pools/index.js';
import type { PoolsReport } from '../../src/pools/index.js';
import {
  cleanupAfterEach,
  createLan,
  findTool,
  requireRealDhcpd,
  startDhcpd,
} from '../harness/index.js';
import { fixturePath } from '../helpers.js';
import { oddConf } from '../leases/odd-files.js';
import {
  canonicalLeases,
  dhcpdPoolsBackups,
  dhcpdPoolsJson,
  dhcpdPoolsPath,
  reindent,
  tempFile,
} from './dhcpd-pools.js';

if (!dhcpdPoolsPath)
  console.warn('[pools] skipping the differences from dhcpd-pools: not installed');
const gate = requireRealDhcpd();

async function ours(conf: string, leases: string): Promise<PoolsReport> {
  return poolsReport(leases, { file: conf, plan: await loadDhcpdConf(conf) });
}

/** States with no failover and no expiry at start-up (dates in 2037): dhcpd rewrites them as they are. */
const steady = ['active', 'free', 'active', 'abandoned', 'expired', 'released'];
const canonical = canonicalLeases([['10.0.0.10', '10.0.0.99']], steady);
const conf = tempFile('dhcpd.conf', oddConf);

describe.skipIf(!dhcpdPoolsPath)('pools where dhcpd-pools 2.29 reads wrong', () => {
  it.each([
    ['indented with tabs', '\t'],
    ['not indented', ''],
  ])(
    "a lease file %s: dhcpd-pools counts nothing, pools counts what dhcpd-pools counts in dhcpd's layout",
    async (_name, indent) => {
      const odd = tempFile('dhcpd.leases', reindent(canonical, indent));
      const inDhcpdLayout = tempFile('dhcpd.leases', canonical);
      const theirs = dhcpdPoolsJson(conf, odd).summary;
      expect([theirs.used, theirs.touched]).toEqual([0, 0]);
      const right = dhcpdPoolsJson(conf, inDhcpdLayout).summary;
      expect(right.used).toBeGreaterThan(0);
      const report = await ours(conf, odd);
      expect([report.summary.used, report.summary.touched]).toEqual([right.used, right.touched]);
    },
  );

  it('a `\\"` inside a string of dhcpd.conf: dhcpd-pools loses every range after it', async () => {
    const text = `authoritative;
option domain-name "say \\"hi";
shared-network "campus" {
  subnet 10.1.0.0 netmask 255.255.255.0 {
    range 10.1.0.10 10.1.0.59;
  }
}
subnet 10.2.0.0 netmask 255.255.255.0 {
  range 10.2.0.100 10.2.0.199;
}
`;
    const quoted = tempFile('dhcpd.conf', text);
    const leases = tempFile('dhcpd.leases', canonicalLeases([['10.1.0.10', '10.1.0.59']], steady));
    expect(dhcpdPoolsJson(quoted, leases).subnets).toEqual([]);
    const report = await ours(quoted, leases);
    expect(report.subnets.map((r) => [r.location, r.range])).toEqual([
      ['campus', '10.1.0.10 - 10.1.0.59'],
      ['All networks', '10.2.0.100 - 10.2.0.199'],
    ]);
    expect(report.summary.used).toBeGreaterThan(0);
    // dhcpd itself reads the configuration (-t: test it and exit).
    const dhcpd = findTool('dhcpd');
    if (dhcpd) {
      const test = spawnSync(dhcpd, ['-t', '-cf', quoted], { encoding: 'utf8' });
      expect(test.status).toBe(0);
    }
  });

  it('leases without a binding state (old files): dhcpd makes one up, dhcpd-pools ignores them', async () => {
    const stateless = `lease 10.0.0.17 {
  starts 4 2037/01/01 00:00:00;
  ends 4 2037/12/31 00:00:00;
  hardware ethernet 00:11:22:33:44:17;
}
lease 10.0.0.19 {
  starts 1 2001/01/01 00:00:00;
  ends 1 2001/01/01 00:10:00;
  hardware ethernet 00:11:22:33:44:19;
}
`;
    const leases = tempFile('dhcpd.leases', canonical + stateless);
    const report = await ours(conf, leases);
    const theirs = dhcpdPoolsJson(conf, leases).summary;
    // 10.0.0.17 ends in 2037: dhcpd makes it active; 10.0.0.19 ended in 2001: free.
    // (The real dhcpd's rewrite says so: test/leases/leases-match-dhcpd-rewrite.test.ts.)
    expect(report.summary.used - theirs.used).toBe(1);
    expect(report.summary.touched - theirs.touched).toBe(1);
  });

  it("failover: dhcpd-pools' sum counts the backups of ranges outside shared networks twice", async () => {
    const foConf = fixturePath('fo-primary.conf');
    const foLeases = fixturePath('fo-primary.leases');
    const theirs = dhcpdPoolsBackups(foConf, foLeases);
    expect(theirs).toEqual({ ranges: [10], sum: 20 });
    const report = await ours(foConf, foLeases);
    expect(report.subnets.map((r) => r.backup)).toEqual([10]);
    expect(report.summary.backup).toBe(10);
  });
});

describe.skipIf(gate.skip || !dhcpdPoolsPath)(
  'the real dhcpd reads tabbed and unindented files as pools does',
  () => {
    const cleanup = cleanupAfterEach();
    it.each([
      ['indented with tabs', '\t'],
      ['not indented', ''],
    ])(
      "%s: pools on the file = dhcpd-pools on dhcpd's rewrite of it",
      async (_name, indent) => {
        const odd = reindent(canonical, indent);
        const [server] = await createLan(cleanup, [
          { address: '10.0.0.1/16' },
          { address: '10.0.0.2/16' },
        ]);
        const dhcpd = await startDhcpd(cleanup, { host: server!, conf: oddConf, leases: odd });
        const rewritten = tempFile('dhcpd.leases', await readFile(dhcpd.leasePath, 'latin1'));
        const theirs = dhcpdPoolsJson(conf, rewritten);
        const report = await ours(conf, tempFile('dhcpd.leases', odd));
        expect(report.summary.used).toBeGreaterThan(0);
        expect({
          used: report.summary.used,
          touched: report.summary.touched,
          defined: report.summary.defined,
        }).toEqual({
          used: theirs.summary.used,
          touched: theirs.summary.touched,
          defined: theirs.summary.defined,
        });
      },
      60_000,
    );
  },
);
