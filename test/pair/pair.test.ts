import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFromText } from '../../src/conf/load.js';
import { dhcpdAccepts, oracleMissing } from '../conf/dhcpd-oracle.js';
import { comparePlans, pairConfigs, restartAdvice } from '../../src/pair/index.js';
import { realFixtureDir, tempDir } from '../helpers.js';

const dir = 'test/fixtures/conf/pair';
const real = realFixtureDir;

describe('pair: the real failover pair', () => {
  it('finds fo-primary.conf and fo-secondary.conf mirrored and identical', async () => {
    const report = await pairConfigs(`${real}/fo-primary.conf`, `${real}/fo-secondary.conf`);
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ identical: true, rangesDiffer: false, advice: [] });
  });

  it('finds a file paired with itself to be two primaries with crossed addresses', async () => {
    const report = await pairConfigs(`${real}/fo-primary.conf`, `${real}/fo-primary.conf`);
    expect(report.findings.map((f) => f.code)).toEqual([
      'failover-roles',
      'failover-address',
      'failover-address',
    ]);
  });
});

describe('pair: variants of a site configuration', () => {
  const primary = `${dir}/site-primary.conf`;

  it('finds its own secondary identical', async () => {
    expect((await pairConfigs(primary, `${dir}/site-secondary.conf`)).findings).toEqual([]);
  });

  it('finds a reformatted, reordered, upper-cased, re-split and included secondary identical', async () => {
    const report = await pairConfigs(primary, `${dir}/site-secondary-reformatted.conf`);
    expect(report.findings).toEqual([]);
    expect(report.identical).toBe(true);
  });

  it('shows a changed range side by side with file, line and both ranges, and gives the restart advice', async () => {
    const report = await pairConfigs(primary, `${dir}/site-secondary-range-changed.conf`);
    expect(report.findings).toEqual([
      {
        area: 'pool',
        code: 'pool-ranges',
        message: 'pool in subnet 10.1.0.0/24: the ranges differ',
        primary: { file: primary, line: 39, value: '10.1.0.100 - 10.1.0.199' },
        secondary: {
          file: `${dir}/site-secondary-range-changed.conf`,
          line: 37,
          value: '10.1.0.100 - 10.1.0.219',
        },
      },
    ]);
    expect(report.rangesDiffer).toBe(true);
    expect(report.advice).toEqual([restartAdvice]);
    expect(restartAdvice).toContain('restart the secondary first');
    expect(restartAdvice).toContain(
      'errors will be logged until both peers run the new configuration',
    );
  });

  it('finds a missing pool', async () => {
    const report = await pairConfigs(primary, `${dir}/site-secondary-missing-pool.conf`);
    expect(report.findings).toMatchObject([
      {
        code: 'pool-missing',
        primary: { line: 61, value: '10.2.2.0 - 10.2.2.127' },
        secondary: null,
      },
    ]);
    expect(report.rangesDiffer).toBe(true);
  });

  it('finds a wrong peer port, with the line on both sides', async () => {
    const report = await pairConfigs(primary, `${dir}/site-secondary-wrong-port.conf`);
    expect(report.findings).toMatchObject([
      {
        code: 'failover-port',
        primary: { line: 12, value: 'port 519' },
        secondary: { line: 14, value: 'peer port 5190' },
      },
    ]);
    expect(report.rangesDiffer).toBe(false);
    expect(report.advice).toEqual([]);
  });

  it('finds two primaries', async () => {
    const report = await pairConfigs(primary, `${dir}/site-secondary-two-primaries.conf`);
    expect(report.findings).toMatchObject([
      {
        code: 'failover-roles',
        primary: { line: 10, value: 'primary' },
        secondary: { line: 10, value: 'primary' },
      },
    ]);
  });
});

describe('pair: DHCPv6 plans', () => {
  it('finds v6.conf and a rewrite with full spellings and a split prefix6 identical', async () => {
    const report = await pairConfigs(
      `${real}/v6.conf`,
      'test/fixtures/conf/v6/v6-reformatted.conf',
    );
    expect(report.findings).toEqual([]);
  });

  it('finds a changed range6', async () => {
    const report = await pairConfigs(
      `${real}/v6.conf`,
      'test/fixtures/conf/v6/v6-range-changed.conf',
    );
    expect(report.findings).toMatchObject([
      {
        code: 'pool-ranges',
        primary: {
          line: 5,
          value: 'fd00::100 - fd00::1ff; prefix6 fd00:0:0:100:: - fd00:0:0:1ff:: /64',
        },
        secondary: {
          line: 7,
          value:
            'fd00::100 - fd00::2ff; prefix6 fd00:0:0:100:: - fd00:0:0:17f:: /64; prefix6 fd00:0:0:180:: - fd00:0:0:1ff:: /64',
        },
      },
    ]);
    expect(report.rangesDiffer).toBe(true);
  });
});

describe('pair: what counts as a difference in meaning', () => {
  const peer = (role: 'primary' | 'secondary', extra = ''): string =>
    role === 'primary'
      ? `failover peer "f" { primary; address 10.0.0.1; peer address 10.0.0.2; mclt 600; split 128; ${extra} }\n`
      : `failover peer "f" { secondary; address 10.0.0.2; peer address 10.0.0.1; ${extra} }\n`;
  const scratch = tempDir('pair');
  /** Reads a configuration, and (where dhcpd is installed) checks that dhcpd -t accepts it too. */
  const plan = (text: string, name: string) => {
    if (oracleMissing === '') {
      const file = join(scratch, name);
      writeFileSync(file, text);
      const verdict = dhcpdAccepts(file);
      expect(verdict.accepted, verdict.output).toBe(true);
    }
    return planFromText(text, name);
  };
  const compare = (a: string, b: string) => comparePlans(plan(a, 'a.conf'), plan(b, 'b.conf'));
  const subnet = (body: string) => `subnet 10.0.0.0 netmask 255.255.0.0 { ${body} }\n`;
  const pool = (body = '') => `pool { failover peer "f"; range 10.0.1.0 10.0.1.99; ${body} }`;

  it('ignores per-server settings such as omapi-port and log-facility', () => {
    const report = compare(
      `omapi-port 7911;\n${peer('primary')}${subnet(pool())}`,
      `log-facility local7;\n${peer('secondary')}${subnet(pool())}`,
    );
    expect(report.findings).toEqual([]);
  });

  it('finds a lease time moved from the subnet into the pool only where it changes meaning', () => {
    const same = compare(
      `${peer('primary')}${subnet(`default-lease-time 60; ${pool()}`)}`,
      `${peer('secondary')}${subnet(pool('default-lease-time 60;'))}`,
    );
    expect(same.findings.map((f) => f.message)).toEqual([
      'subnet 10.0.0.0/16: default-lease-time differs',
    ]);
    expect(same.findings[0]).toMatchObject({
      primary: { value: 'default-lease-time 60' },
      secondary: { value: '(not set)' },
    });
  });

  it('reports a global parameter difference once, not once per scope that inherits it', () => {
    const report = compare(
      `max-lease-time 100;\n${peer('primary')}${subnet(pool())}`,
      `max-lease-time 200;\n${peer('secondary')}${subnet(pool())}`,
    );
    expect(report.findings).toMatchObject([
      {
        code: 'parameter',
        primary: { line: 1, value: 'max-lease-time 100' },
        secondary: { line: 1, value: 'max-lease-time 200' },
      },
    ]);
  });

  it('finds different pool permits and a pool without the failover peer', () => {
    const report = compare(
      `${peer('primary')}${subnet(`${pool('deny unknown-clients;')} pool { failover peer "f"; range 10.0.2.0 10.0.2.9; }`)}`,
      `${peer('secondary')}${subnet(`${pool('allow unknown-clients;')} pool { range 10.0.2.0 10.0.2.9; } pool { failover peer "f"; range 10.0.3.0 10.0.3.9; }`)}`,
    );
    expect(report.findings.map((f) => f.code).sort()).toEqual([
      'pool-failover-peer',
      'pool-missing',
      'pool-permits',
    ]);
  });

  it('finds mismatched timing, mclt on the secondary, and a host whose fixed address differs', () => {
    const report = compare(
      `${peer('primary', 'max-response-delay 60;')}${subnet(pool())}host h { hardware ethernet 0:1:2:3:4:5; fixed-address 10.0.9.1; }\n`,
      `${peer('secondary', 'mclt 600;')}${subnet(pool())}host h { hardware ethernet 0:1:2:3:4:5; fixed-address 10.0.9.2; }\n`,
    );
    expect(report.findings.map((f) => f.code)).toEqual([
      'failover-secondary-load-balance',
      'failover-timing',
      'host-fixed-address',
    ]);
    expect(report.findings[1]).toMatchObject({
      primary: { value: 'max-response-delay 60' },
      secondary: { value: '(not set: 20)' },
    });
  });

  it('finds a subnet only in one file and a subnet in a different shared network', () => {
    const report = compare(
      `${peer('primary')}shared-network a { ${subnet(pool())} }\nsubnet 10.5.0.0 netmask 255.255.0.0 { }\n`,
      `${peer('secondary')}shared-network b { ${subnet(pool())} }\n`,
    );
    expect(report.findings.map((f) => f.code).sort()).toEqual([
      'shared-network-missing',
      'shared-network-missing',
      'subnet-missing',
      'subnet-shared-network',
    ]);
  });
});
