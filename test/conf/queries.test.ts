import { describe, expect, it } from 'vitest';
import {
  addressInRanges,
  classNames,
  configFindings,
  failoverPeerNames,
  groupNames,
  loadDhcpdConf,
  planFromText,
  prefixInRanges,
  subnetOf,
} from '../../src/conf/index.js';
import type { Declaration } from '../../src/model/types.js';
import { emptyDeclaration } from '../../src/model/from-events.js';
import { realFixtureDir } from '../helpers.js';

const real = realFixtureDir;

function declaration(
  kind: Declaration['kind'],
  key: string | null,
  line: number,
  extra: Partial<Declaration> = {},
): Declaration {
  return { ...emptyDeclaration(kind, line * 100, line), length: 10, key, ...extra };
}

describe('questions --config asks of a configuration', () => {
  it('finds the range, pool and subnet of a served address, and nothing for one dhcpd would drop', async () => {
    const plan = await loadDhcpdConf(`${real}/fo-primary.conf`);
    expect(addressInRanges(plan, '10.0.1.7')).toMatchObject({
      subnet: { cidr: '10.0.0.0/16' },
      pool: { failoverPeer: { name: 'foo' } },
      range: { text: '10.0.1.0 - 10.0.1.20' },
    });
    expect(addressInRanges(plan, '10.0.1.21')).toBeNull(); // in the subnet, in no range: "no subnet"
    expect(subnetOf(plan, '10.0.1.21')?.cidr).toBe('10.0.0.0/16');
    expect(addressInRanges(plan, '192.168.1.1')).toBeNull();
    expect(addressInRanges(plan, 'not-an-address')).toBeNull();
  });

  it('answers for DHCPv6 addresses and delegated prefixes', async () => {
    const plan = await loadDhcpdConf(`${real}/v6.conf`);
    expect(addressInRanges(plan, 'fd00::1a0')?.range.kind).toBe('range6');
    expect(addressInRanges(plan, 'fd00::200')).toBeNull();
    expect(prefixInRanges(plan, 'fd00:0:0:1a0::/64')?.range.kind).toBe('prefix6');
    expect(prefixInRanges(plan, 'fd00:0:0:1a0::/60')).toBeNull();
  });

  it('lists failover peers, classes and named groups', () => {
    const plan = planFromText(
      'class "a" { }\nvendor-class "b" { }\ngroup "g" { }\ngroup { }\nfailover peer "p" { secondary; peer address 10.0.0.1; }\nsubnet 10.0.0.0 netmask 255.0.0.0 { pool { failover peer "p"; range 10.0.0.5; } }\n',
      'x.conf',
    );
    expect(failoverPeerNames(plan)).toEqual(['p']);
    expect(classNames(plan)).toEqual(['a', 'b']);
    expect(groupNames(plan)).toEqual(['g']);
  });
});

describe('configFindings: what dhcpd would say about a lease file under this configuration', () => {
  it('reports leases outside every range once per address, at their last declaration, and unknown peers, classes, groups', async () => {
    const plan = await loadDhcpdConf(`${real}/fo-primary.conf`);
    const findings = configFindings(plan, [
      declaration('lease', '10.0.1.3', 1),
      declaration('lease', '10.0.9.9', 10),
      declaration('lease', '10.0.9.9', 20),
      declaration('failover-state', 'foo', 30),
      declaration('failover-state', 'bar', 40),
      declaration('subclass', 'missing-class', 50),
      declaration('class', 'dyn', 60, { dynamic: true }),
      declaration('group', 'static-group', 70),
    ]);
    expect(findings.map((f) => [f.code, f.subject, f.line, f.occurrences])).toEqual([
      ['no-subnet', '10.0.9.9', 20, 2],
      ['unknown-failover-peer', 'bar', 40, 1],
      ['unknown-class', 'missing-class', 50, 1],
      ['unknown-group', 'static-group', 70, 1],
    ]);
    expect(findings[0]!.message).toContain('lease 10.0.9.9: no subnet');
  });

  it('finds nothing to say about the real primary lease file shape under its own configuration', async () => {
    const plan = await loadDhcpdConf(`${real}/fo-primary.conf`);
    const leases = Array.from({ length: 21 }, (_, i) => declaration('lease', `10.0.1.${i}`, i + 1));
    expect(configFindings(plan, [...leases, declaration('failover-state', 'foo', 99)])).toEqual([]);
  });
});
