import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfInvalidError } from '../../src/conf/build.js';
import { loadDhcpdConf, planFromText } from '../../src/conf/load.js';
import { realFixtureDir, tempDir } from '../helpers.js';

const includeDir = 'test/fixtures/conf/include';

function invalid(text: string): string[] {
  try {
    planFromText(text, 'bad.conf');
  } catch (error) {
    if (error instanceof ConfInvalidError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loading dhcpd.conf with its includes', () => {
  it('follows an include chain and names each statement by the file it is in', async () => {
    const plan = await loadDhcpdConf(`${includeDir}/main.conf`);
    expect(plan.files).toEqual([
      `${includeDir}/main.conf`,
      `${includeDir}/peer.conf`,
      `${includeDir}/subnets.conf`,
    ]);
    expect(plan.failoverPeers[0]).toMatchObject({
      name: 'chain',
      role: 'primary',
      at: { file: `${includeDir}/peer.conf`, line: 1 },
    });
    expect(plan.pools[0]).toMatchObject({
      failoverPeer: { name: 'chain' },
      ranges: [
        { text: '10.9.0.10 - 10.9.0.20', at: { file: `${includeDir}/subnets.conf`, line: 4 } },
      ],
    });
  });

  it('reads an included path relative to the including file, in the scope of the include', async () => {
    const plan = await loadDhcpdConf(`${includeDir}/nested/outer.conf`);
    expect(plan.files.at(-1)).toBe(`${includeDir}/nested/inner/b.conf`);
    expect(plan.pools[0]).toMatchObject({ implicit: true, container: 'subnet 10.8.0.0/24' });
    expect(plan.subnets[0]!.parameters).toEqual([
      {
        key: 'option routers',
        value: '10.8.0.1',
        at: { file: `${includeDir}/nested/inner/a.conf`, line: 1 },
      },
    ]);
  });

  it('refuses an include cycle with the line that closes it (exit 8)', async () => {
    await expect(loadDhcpdConf(`${includeDir}/cycle-a.conf`)).rejects.toMatchObject({
      exitCode: 8,
      message: expect.stringContaining('cycle-b.conf:2: include "cycle-a.conf" makes a cycle'),
    });
  });

  it('refuses a missing included file, naming the include line', async () => {
    await expect(loadDhcpdConf(`${includeDir}/missing.conf`)).rejects.toMatchObject({
      exitCode: 8,
      message: expect.stringMatching(
        /missing\.conf:2: include "does-not-exist\.conf": .*no such file/,
      ),
    });
  });

  it('refuses an unreadable configuration with exit 8', async () => {
    await expect(loadDhcpdConf(`${includeDir}/no-such.conf`)).rejects.toMatchObject({
      exitCode: 8,
    });
    const dir = tempDir('conf');
    writeFileSync(join(dir, 'broken.conf'), 'subnet 10.0.0.0 netmask 255.0.0.0 {\n');
    await expect(loadDhcpdConf(join(dir, 'broken.conf'))).rejects.toMatchObject({
      exitCode: 8,
      message: expect.stringContaining('broken.conf:2:1: syntax error'),
    });
  });
});

describe('what dhcpd refuses while reading its configuration', () => {
  it.each([
    [
      'a range outside any subnet',
      'range 10.0.0.1 10.0.0.2;',
      'range declaration not allowed here',
    ],
    [
      'a range outside its subnet',
      'subnet 10.0.0.0 netmask 255.0.0.0 { range 11.0.0.1 11.0.0.2; }',
      'not on net 10.0.0.0/8',
    ],
    [
      'a subnet with host bits',
      'subnet 10.0.0.1 netmask 255.0.0.0 { }',
      'bad subnet number/mask combination',
    ],
    [
      'a pool without a range',
      'subnet 10.0.0.0 netmask 255.0.0.0 { pool { } }',
      'pool declaration with no address range',
    ],
    [
      'a pool inside a pool',
      'subnet 10.0.0.0 netmask 255.0.0.0 { pool { pool { } range 10.0.0.1; } }',
      'pool declared within pool',
    ],
    [
      'an address in two ranges',
      'subnet 10.0.0.0 netmask 255.0.0.0 { range 10.0.0.1 10.0.0.3; range 10.0.0.2 10.0.0.5; }',
      'lease 10.0.0.2 is declared twice',
    ],
    [
      'a reference to an undeclared peer',
      'subnet 10.0.0.0 netmask 255.0.0.0 { pool { failover peer "x"; range 10.0.0.1; } }',
      'reference to unknown failover peer x',
    ],
    [
      'a peer no pool uses',
      'failover peer "f" { secondary; peer address 10.0.0.2; }',
      'has no referring pools',
    ],
    [
      'a primary without split',
      'failover peer "f" { primary; peer address 10.0.0.2; mclt 60; }\nsubnet 10.0.0.0 netmask 255.0.0.0 { pool { failover peer "f"; range 10.0.0.1; } }',
      'must have hba or split',
    ],
    [
      'a secondary with split',
      'failover peer "f" { split 128; secondary; peer address 10.0.0.2; }\nsubnet 10.0.0.0 netmask 255.0.0.0 { pool { failover peer "f"; range 10.0.0.1; } }',
      'secondary may not define load balance settings',
    ],
    [
      'a peer without peer address',
      'failover peer "f" { secondary; }\nsubnet 10.0.0.0 netmask 255.0.0.0 { pool { failover peer "f"; range 10.0.0.1; } }',
      'peer address may not be omitted',
    ],
    ['an empty shared network', 'shared-network x { }', 'empty shared-network declaration'],
    ['a host inside a host', 'host a { host b { } }', 'host declarations not allowed here'],
    [
      'hardware outside a host',
      'hardware ethernet 0:1:2:3:4:5;',
      'hardware address parameter not allowed here',
    ],
    [
      'an octet over 255',
      'subnet 10.0.0.0 netmask 255.0.0.0 { range 10.0.0.256; }',
      'not an IPv4 address',
    ],
  ])('refuses %s', (_what, text, message) => {
    const problems = invalid(text);
    expect(problems.join('\n')).toContain(message);
    expect(problems[0]).toMatch(/^bad\.conf:\d+: /);
  });

  it('lists every problem at once, each with its line', () => {
    expect(invalid('range 10.0.0.1;\nhost a { host b { } }\n')).toEqual([
      'bad.conf:1: range declaration not allowed here',
      'bad.conf:2: host declarations not allowed here',
    ]);
  });
});

describe('the address plan', () => {
  it('inherits parameters outside-in and lets the inner scope override', () => {
    const plan = planFromText(
      'default-lease-time 600;\nmax-lease-time 900;\nsubnet 10.0.0.0 netmask 255.0.0.0 {\n  pool { range 10.0.0.1 10.0.0.9; default-lease-time 60; }\n  max-lease-time 7200;\n}\n',
      'p.conf',
    );
    const values = Object.fromEntries(
      plan.pools[0]!.parameters.map((p) => [p.key, [p.value, p.at.line]]),
    );
    expect(values).toEqual({ 'default-lease-time': ['60', 4], 'max-lease-time': ['7200', 5] });
  });

  it('gives pools in a shared network the peer named there, and ad-hoc ranges none (confpars.c)', () => {
    const plan = planFromText(
      [
        'failover peer "f" { secondary; peer address 10.0.0.2; }',
        'shared-network s {',
        '  failover peer "f";',
        '  subnet 10.0.0.0 netmask 255.255.0.0 { pool { range 10.0.1.1 10.0.1.9; } }',
        '  subnet 10.1.0.0 netmask 255.255.0.0 { range 10.1.1.1 10.1.1.9; }',
        '  pool { failover peer "f"; range 10.1.2.1 10.1.2.9; }',
        '}',
      ].join('\n'),
      'p.conf',
    );
    expect(plan.pools.map((p) => [p.container, p.implicit, p.failoverPeer?.name ?? null])).toEqual([
      ['subnet 10.0.0.0/16', false, 'f'],
      ['subnet 10.1.0.0/16', true, null],
      ['shared-network "s"', false, 'f'],
    ]);
    expect(plan.sharedNetworks[0]).toMatchObject({
      name: 's',
      subnets: ['10.0.0.0/16', '10.1.0.0/16'],
    });
  });

  it('reads the v6 fixture as a DHCPv6 plan with its NA range and PD prefixes', async () => {
    const plan = await loadDhcpdConf(`${realFixtureDir}/v6.conf`);
    expect(plan.family).toBe(6);
    expect(plan.pools[0]!.ranges.map((r) => r.text)).toEqual([
      'fd00::100 - fd00::1ff',
      'prefix6 fd00:0:0:100:: - fd00:0:0:1ff:: /64',
    ]);
  });
});
