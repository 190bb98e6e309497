// The real dhcpd is the oracle: every configuration leasecheck reads must be
// one `dhcpd -t` accepts, and the configurations dhcpd refuses that
// leasecheck models are refused here too. Known differences are tested as such.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDhcpdConf } from '../../src/conf/load.js';
import { dhcpdAccepts, oracleMissing, reportMissingOracle } from './dhcpd-oracle.js';
import { realFixtureDir, tempDir } from '../helpers.js';

const fixtureRoot = resolve('test/fixtures/conf');
const realDhcpd = realFixtureDir;

/** Every .conf under test/fixtures/conf, except include fragments, the cycle and the documented difference. */
function fixtureFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!name.endsWith('.d') && name !== 'inner') walk(path);
      } else if (
        name.endsWith('.conf') &&
        !name.startsWith('cycle-') &&
        !path.endsWith('nested/outer.conf')
      ) {
        files.push(path);
      }
    }
  };
  walk(fixtureRoot);
  return files.sort();
}

async function leasecheckAccepts(
  file: string,
): Promise<{ accepted: boolean; family: 4 | 6; message: string }> {
  try {
    const plan = await loadDhcpdConf(file);
    return { accepted: true, family: plan.family, message: '' };
  } catch (error) {
    return {
      accepted: false,
      family: /subnet6|range6|prefix6/.test(String(error)) ? 6 : 4,
      message: (error as Error).message,
    };
  }
}

function scratch(text: string): string {
  const dir = tempDir('oracle');
  const file = join(dir, 'dhcpd.conf');
  writeFileSync(file, text);
  return file;
}

const accepted = [
  'authoritative;\nsubnet 10.0.0.0 netmask 255.0.0.0 { range dynamic-bootp 10.0.0.5 10.0.0.6; }\n',
  'SUBNET 10.0.0.0 NetMask 255.255.0.0 { RANGE 10 . 0 . 1 . 0 10.0.1.9; }\n',
  'key "k" { algorithm hmac-md5; secret "abc="; };\n',
  'option domain-name "a;b{";\n',
  'group { subnet 10.0.0.0 netmask 255.0.0.0 { } }\n',
  'host a { hardware ethernet 0:1:2:3:4:5; fixed-address 10.0.0.3; }\n',
  'class "c" { match option host-name; }\nsubclass "c" "x";\nsubclass "c" 1:2:3;\n',
  'shared-network "s" { subnet 10.0.0.0 netmask 255.255.0.0 { } subnet 10.1.0.0 netmask 255.255.0.0 { } pool { range 10.1.0.5 10.1.0.9; } }\n',
  'subnet 10.0.0.0 netmask 255.0.0.0 { pool { allow unknown-clients; deny dynamic bootp clients; range 10.0.0.1 10.0.0.9; } deny bootp; }\n',
  'on commit { set x = "y"; }\n',
  'option space foo;\noption foo.bar code 1 = text;\n',
  '# only a comment\n',
  '',
];

const refused = [
  ['a missing semicolon', 'subnet 10.0.0.0 netmask 255.0.0.0 { range 10.0.1.0 10.0.1.9 }\n'],
  ['an empty statement', ';\n'],
  ['a semicolon after a subnet block', 'subnet 10.0.0.0 netmask 255.0.0.0 { };\n'],
  [
    'a range outside its subnet',
    'subnet 10.0.0.0 netmask 255.0.0.0 { range 11.0.0.5 11.0.0.6; }\n',
  ],
  ['a subnet with host bits', 'subnet 10.0.0.1 netmask 255.0.0.0 { }\n'],
  ['a top-level range', 'range 10.0.0.5 10.0.0.6;\n'],
  ['a pool without a range', 'subnet 10.0.0.0 netmask 255.0.0.0 { pool { } }\n'],
  ['an empty shared network', 'shared-network x { }\n'],
  [
    'overlapping ranges',
    'subnet 10.0.0.0 netmask 255.0.0.0 { range 10.0.0.1 10.0.0.3; range 10.0.0.2 10.0.0.5; }\n',
  ],
  [
    'a peer no pool uses',
    'failover peer "f" { primary; address 1.2.3.4; peer address 1.2.3.5; mclt 3; split 128; }\n',
  ],
  [
    'a peer without peer address',
    'failover peer "f" { peer address 1.2.3.5; }\nfailover peer "g" { secondary; }\n',
  ],
  ['an unterminated block', 'subnet 10.0.0.0 netmask 255.0.0.0 {\n'],
  [
    'a pool permit naming an undeclared class',
    'subnet 10.0.0.0 netmask 255.0.0.0 { pool { allow members of "nobody"; range 10.0.0.1; } }\n',
  ],
  ['a stray closing brace', 'authoritative;\n}\n'],
] as const;

/** DHCPv6 configurations, tested with `dhcpd -6 -t`. */
const accepted6 = [
  'subnet6 fd00::/64 { range6 fd00::/80; range6 fd00:0:0:0:1::/80 temporary; }\n',
  'subnet6 fd00::/64 { pool6 { range6 fd00::10 fd00::20; prefix6 fd01:: fd01:0:0:ff:: /64; } }\n',
  'subnet6 fd00::/64 { range6 fd00:: temporary; }\n',
];

const refused6 = [
  [
    'a prefix6 end not on a prefix boundary',
    'subnet6 fd00::/64 { prefix6 fd01:: fd01:0:0:1ff:: /60; }\n',
  ],
  ['a range6 network with host bits', 'subnet6 fd00::/64 { range6 fd00::1/80; }\n'],
  ['a range6 outside its subnet', 'subnet6 fd00::/64 { range6 fd01::1 fd01::9; }\n'],
  ['a subnet6 with host bits', 'subnet6 fd00::1/64 { }\n'],
  ['a temporary range6 not on a /64', 'subnet6 fd00::/64 { range6 fd00::1:0:0:0 temporary; }\n'],
] as const;

describe('dhcpd -t agrees with leasecheck about dhcpd.conf files', () => {
  reportMissingOracle();
  const run = it.skipIf(oracleMissing !== '');

  const files = [
    ...fixtureFiles(),
    ...['fo-primary', 'fo-secondary', 'srv', 'v6', 'enospc'].map((n) => `${realDhcpd}/${n}.conf`),
  ];
  it('has fixtures to compare', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const file of files) {
    run(`agrees on ${file.replace(`${fixtureRoot}/`, '')}`, async () => {
      const ours = await leasecheckAccepts(file);
      const theirs = dhcpdAccepts(file, ours.family);
      expect({ leasecheck: ours.accepted, message: ours.message }).toEqual({
        leasecheck: theirs.accepted,
        message: theirs.accepted ? '' : expect.any(String),
      });
    });
  }

  for (const [index, text] of accepted.entries()) {
    run(`both accept snippet ${index + 1}: ${JSON.stringify(text.slice(0, 60))}`, async () => {
      const file = scratch(text);
      expect(dhcpdAccepts(file).output).not.toContain('Configuration file errors');
      expect(dhcpdAccepts(file).accepted).toBe(true);
      expect((await leasecheckAccepts(file)).message).toBe('');
    });
  }

  for (const [what, text] of refused) {
    run(`both refuse ${what}`, async () => {
      const file = scratch(text);
      expect(dhcpdAccepts(file).accepted).toBe(false);
      const ours = await leasecheckAccepts(file);
      expect(ours.accepted).toBe(false);
      expect(ours.message).toMatch(/dhcpd\.conf:\d+/);
    });
  }

  for (const [index, text] of accepted6.entries()) {
    run(
      `both accept DHCPv6 snippet ${index + 1}: ${JSON.stringify(text.slice(0, 60))}`,
      async () => {
        const file = scratch(text);
        expect(dhcpdAccepts(file, 6).accepted).toBe(true);
        expect((await leasecheckAccepts(file)).message).toBe('');
      },
    );
  }

  for (const [what, text] of refused6) {
    run(`both refuse ${what}`, async () => {
      const file = scratch(text);
      expect(dhcpdAccepts(file, 6).accepted).toBe(false);
      expect((await leasecheckAccepts(file)).accepted).toBe(false);
    });
  }

  run(
    'known difference: dhcpd opens a relative include from its working directory, leasecheck from the including file',
    async () => {
      const outer = join(fixtureRoot, 'include/nested/outer.conf');
      expect((await leasecheckAccepts(outer)).accepted).toBe(true);
      const theirs = dhcpdAccepts(outer); // run from nested/: inner/a.conf's "b.conf" is not nested/b.conf
      expect(theirs.accepted).toBe(false);
      expect(theirs.output).toMatch(/b\.conf/);
    },
  );
});
