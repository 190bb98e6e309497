// `pools` counts what dhcpd-pools 2.29 counts wherever dhcpd-pools reads the
// files right: the real fixtures, and a site with shared networks, pools, a
// failover pool, dynamic-bootp and one-address ranges and an include, with a
// lease file in dhcpd's own layout (every state, some addresses twice).
import { describe, expect, it } from 'vitest';
import { loadDhcpdConf } from '../../src/conf/index.js';
import { poolsReport } from '../../src/pools/index.js';
import type { PoolsReport } from '../../src/pools/index.js';
import { fixturePath, repoRoot } from '../helpers.js';
import {
  canonicalLeases,
  dhcpdPoolsBackups,
  dhcpdPoolsJson,
  dhcpdPoolsPath,
  tempFile,
  type DhcpdPoolsJson,
} from './dhcpd-pools.js';

if (!dhcpdPoolsPath)
  console.warn('[pools] skipping the comparison with dhcpd-pools: not installed');

const site = `${repoRoot}/test/fixtures/pools/site.conf`;

async function ours(conf: string, leases: string): Promise<PoolsReport> {
  return poolsReport(leases, { file: conf, plan: await loadDhcpdConf(conf) });
}

/** Our report in dhcpd-pools' JSON shape and fields (v4 and range6 ranges: it reads no prefix6). */
function asDhcpdPools(report: PoolsReport): DhcpdPoolsJson {
  const pick = ({
    defined,
    used,
    touched,
    free,
  }: {
    defined: number;
    used: number;
    touched: number;
    free: number;
  }) => ({
    defined,
    used,
    touched,
    free,
  });
  return {
    subnets: report.subnets
      .filter((r) => r.kind !== 'prefix6')
      .map((r) => ({ location: r.location, range: r.range, ...pick(r) })),
    'shared-networks': report['shared-networks'].map((s) => ({ location: s.location, ...pick(s) })),
    summary: { location: report.summary.location, ...pick(report.summary) },
  };
}

describe.skipIf(!dhcpdPoolsPath)(
  'pools and dhcpd-pools agree where dhcpd-pools reads right',
  () => {
    it.each(['srv', 'fo-primary', 'fo-secondary', 'v6'])('the real fixture %s', async (name) => {
      const conf = fixturePath(`${name}.conf`);
      const leases = fixturePath(`${name}.leases`);
      const report = await ours(conf, leases);
      expect(asDhcpdPools(report)).toEqual(dhcpdPoolsJson(conf, leases));
      // Backups range by range (its sum is wrong: see the differences).
      if (report.failover) {
        expect(report.subnets.map((r) => r.backup)).toEqual(dhcpdPoolsBackups(conf, leases).ranges);
      }
    });

    it('a site with shared networks, pools, failover, dynamic-bootp, one-address ranges, an include', async () => {
      const leases = tempFile(
        'dhcpd.leases',
        canonicalLeases([
          ['10.1.0.10', '10.1.0.59'],
          ['10.1.0.100', '10.1.0.119'],
          ['10.1.1.10', '10.1.1.49'],
          ['10.2.0.100', '10.2.0.199'],
          ['10.3.0.10', '10.3.0.29'],
          ['10.3.0.200', '10.3.0.200'],
        ]),
      );
      const report = await ours(site, leases);
      const theirs = dhcpdPoolsJson(site, leases);
      expect(asDhcpdPools(report)).toEqual(theirs);
      expect(report.summary.used).toBeGreaterThan(0);
      expect(report.summary.touched).toBeGreaterThan(0);
      expect(report.subnets.map((r) => r.backup)).toEqual(dhcpdPoolsBackups(site, leases).ranges);
    });
  },
);
