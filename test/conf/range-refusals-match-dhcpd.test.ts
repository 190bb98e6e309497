// Each subnet and range declaration dhcpd refuses (server/confpars.c
// parse_subnet_declaration, parse_subnet6_declaration, parse_address_range,
// parse_address_range6, parse_prefix6) is refused by leasecheck with a reason
// that names the same fault, and each one dhcpd accepts gives the addresses
// dhcpd serves. A model that let a bad range through would check leases
// against addresses dhcpd never serves; one that refused a good one would
// stop every check of that server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFromText } from '../../src/conf/index.js';
import type { AddressRange } from '../../src/conf/types.js';
import { tempDir } from '../helpers.js';
import { dhcpdAccepts, oracleMissing, reportMissingOracle } from './dhcpd-oracle.js';

interface Refusal {
  what: string;
  family: 4 | 6;
  conf: string;
  /** leasecheck's message, after `dhcpd.conf:LINE: `. */
  ours: string;
  /** What dhcpd -t prints for it. */
  theirs: RegExp;
}

const refusals: Refusal[] = [
  {
    what: 'a v4 range whose high end leaves the subnet',
    family: 4,
    conf: 'subnet 10.0.0.0 netmask 255.0.0.0 {\n range 10.0.0.5 11.0.0.6;\n}\n',
    ours: '2: address range 10.0.0.5 to 11.0.0.6 not on net 10.0.0.0/8',
    theirs: /bad range, address 11\.0\.0\.6 not in subnet 10\.0\.0\.0 netmask 255\.0\.0\.0/,
  },
  {
    what: 'a v4 range whose low end is outside the subnet',
    family: 4,
    conf: 'subnet 10.0.0.0 netmask 255.0.0.0 {\n range 9.0.0.5 10.0.0.6;\n}\n',
    ours: '2: address range 9.0.0.5 to 10.0.0.6 not on net 10.0.0.0/8',
    theirs: /bad range, address 9\.0\.0\.5 not in subnet 10\.0\.0\.0 netmask 255\.0\.0\.0/,
  },
  {
    what: 'a single-address range outside the subnet',
    family: 4,
    conf: 'subnet 10.0.0.0 netmask 255.0.0.0 {\n range 11.0.0.5;\n}\n',
    ours: '2: address range 11.0.0.5 to 11.0.0.5 not on net 10.0.0.0/8',
    theirs: /bad range, address 11\.0\.0\.5 not in subnet/,
  },
  {
    what: "a pool's range on none of the shared network's subnets",
    family: 4,
    conf:
      'shared-network s {\n subnet 10.0.0.0 netmask 255.0.0.0 { }\n' +
      ' subnet 11.0.0.0 netmask 255.0.0.0 { }\n pool {\n  range 12.0.0.1 12.0.0.2;\n  range 11.0.0.1;\n }\n}\n',
    ours: '5: address range not on network s',
    theirs: /line 5: address range not on network s/,
  },
  {
    what: 'ranges that share an address (reversed ends): the later one is named',
    family: 4,
    conf: 'subnet 10.0.0.0 netmask 255.255.255.0 {\n range 10.0.0.5 10.0.0.3;\n range 10.0.0.3 10.0.0.1;\n}\n',
    ours: '3: lease 10.0.0.3 is declared twice (also in the range at dhcpd.conf:2)',
    theirs: /line 3: lease 10\.0\.0\.3 is declared twice/,
  },
  {
    what: "a range that starts below an earlier one it overlaps: named at the earlier one's first address",
    family: 4,
    conf: 'subnet 10.0.0.0 netmask 255.255.255.0 {\n range 10.0.0.5 10.0.0.9;\n range 10.0.0.1 10.0.0.6;\n}\n',
    ours: '3: lease 10.0.0.5 is declared twice (also in the range at dhcpd.conf:2)',
    theirs: /line 3: lease 10\.0\.0\.5 is declared twice/,
  },
  {
    what: 'a dynamic-bootp range in a pool with a failover peer',
    family: 4,
    conf:
      'failover peer "f" { primary; address 10.0.0.1; peer address 10.0.0.2; mclt 3; split 128; }\n' +
      'subnet 10.0.0.0 netmask 255.0.0.0 {\n pool {\n  failover peer "f";\n' +
      '  range dynamic-bootp 10.0.0.5 10.0.0.6;\n  range 10.0.0.7 10.0.0.8;\n }\n}\n',
    ours: '5: dynamic-bootp flag is not permitted for address range declarations where there is a failover peer in scope',
    theirs: /line 5: dynamic-bootp flag is not permitted for address/,
  },
  {
    what: "a subnet's range sharing an address with a pool's range",
    family: 4,
    conf: 'subnet 10.0.0.0 netmask 255.0.0.0 {\n pool {\n  range 10.0.0.1 10.0.0.2;\n }\n range 10.0.0.2 10.0.0.3;\n}\n',
    ours: '5: lease 10.0.0.2 is declared twice (also in the range at dhcpd.conf:3)',
    theirs: /line 5: lease 10\.0\.0\.2 is declared twice/,
  },
  {
    what: 'a v4 range in a subnet6',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range 10.0.0.1 10.0.0.2;\n}\n',
    ours: '2: range declaration not allowed here',
    theirs: /Addr\/mask length mismatch/,
  },
  {
    what: 'a temporary range6 network shorter than /64',
    family: 6,
    conf: 'subnet6 fd00::/48 {\n range6 fd00::/60 temporary;\n}\n',
    ours: '2: temporary mask too short',
    theirs: /line 2: temporary mask too short/,
  },
  {
    what: 'a v4 range in a pool6',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n pool6 {\n  range 10.0.0.1 10.0.0.2;\n  range6 fd00::1 fd00::2;\n }\n}\n',
    ours: '3: range declaration not allowed here',
    theirs: /line 3: range declaration not allowed here/,
  },
  {
    what: 'a top-level range6',
    family: 6,
    conf: 'range6 fd00::1 fd00::9;\n',
    ours: '1: range6 declaration not allowed here',
    theirs: /line 1: range6 declaration not allowed here/,
  },
  {
    what: 'a range6 directly in a shared network',
    family: 6,
    conf: 'shared-network s {\n subnet6 fd00::/64 { }\n range6 fd00::1 fd00::9;\n}\n',
    ours: '3: range6 declaration not allowed here',
    theirs: /line 3: range6 declaration not allowed here/,
  },
  {
    what: 'a prefix6 end not on a prefix boundary',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n prefix6 fd01:: fd01:0:0:1ff:: /60;\n}\n',
    ours: '2: network mask too short',
    theirs: /line 2: network mask too short/,
  },
  {
    what: 'a subnet6 with host bits',
    family: 6,
    conf: 'subnet6 fd00::1/64 {\n}\n',
    ours: '1: subnet fd00::1/64: prefix not long enough for address',
    theirs: /line 1: New subnet mask too short/,
  },
  {
    what: 'a subnet6 prefix longer than 128',
    family: 6,
    conf: 'subnet6 fd00::/129 {\n}\n',
    ours: '1: expecting a number between 0 and 128',
    theirs: /line 1: Expecting a number between 0 and 128/,
  },
  {
    what: 'a range6 starting outside its subnet',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd01::1 fd01::9;\n}\n',
    ours: '2: range6 start address is outside the subnet',
    theirs: /line 2: range6 start address is outside the subnet/,
  },
  {
    what: 'a range6 ending outside its subnet',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd00::1 fd01::9;\n}\n',
    ours: '2: range6 end address is outside the subnet',
    theirs: /line 2: range6 end address is outside the subnet/,
  },
  {
    what: 'a range6 network wider than its subnet',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd00::/48;\n}\n',
    ours: '2: network mask smaller than subnet mask',
    theirs: /line 2: network mask smaller than subnet mask/,
  },
  {
    what: 'a range6 network of more than 128 bits',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd00::/129;\n}\n',
    ours: '2: networks have 0 to 128 bits',
    theirs: /line 2: networks have 0 to 128 bits/,
  },
  {
    what: 'a range6 network with host bits',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd00::1/80;\n}\n',
    ours: '2: network mask too short',
    theirs: /line 2: network mask too short/,
  },
  {
    what: 'a temporary range6 of one address',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd00::/128 temporary;\n}\n',
    ours: '2: temporary singleton?',
    theirs: /line 2: temporary singleton\?/,
  },
  {
    what: 'a temporary range6 whose implied /64 has host bits',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd00::1 temporary;\n}\n',
    ours: '2: network mask too short',
    theirs: /line 2: network mask too short/,
  },
  {
    what: 'a prefix6 of 0 bits',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n prefix6 fd01:: fd01:0:0:ff:: /0;\n}\n',
    ours: '2: networks have 0 to 128 bits (exclusive)',
    theirs: /line 2: networks have 0 to 128 bits \(exclusive\)/,
  },
  {
    what: 'a prefix6 of 128 bits',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n prefix6 fd01:: fd01:0:0:ff:: /128;\n}\n',
    ours: '2: networks have 0 to 128 bits (exclusive)',
    theirs: /line 2: networks have 0 to 128 bits \(exclusive\)/,
  },
  {
    what: 'a prefix6 start not on a prefix boundary',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n prefix6 fd01::1 fd01:0:0:ff:: /64;\n}\n',
    ours: '2: network mask too short',
    theirs: /line 2: network mask too short/,
  },
  // Addresses the grammar reads as addresses but that are none: an octet over 255 (dhcpd's
  // precision check), IPv6 text that inet_pton refuses. Each end of each statement is checked.
  {
    what: 'a subnet number with an octet over 255',
    family: 4,
    conf: 'subnet 300.0.0.0 netmask 255.0.0.0 {\n}\n',
    ours: '1: subnet 300.0.0.0 netmask 255.0.0.0: not an IPv4 address',
    theirs: /line 1: 300 exceeds max \(255\) for precision/,
  },
  {
    what: 'a netmask with an octet over 255',
    family: 4,
    conf: 'subnet 10.0.0.0 netmask 255.0.0.300 {\n}\n',
    ours: '1: subnet 10.0.0.0 netmask 255.0.0.300: not an IPv4 address',
    theirs: /line 1: 300 exceeds max \(255\) for precision/,
  },
  {
    what: 'a range whose low end has an octet over 255',
    family: 4,
    conf: 'subnet 10.0.0.0 netmask 255.0.0.0 {\n range 10.0.0.300 10.0.0.5;\n}\n',
    ours: '2: range: not an IPv4 address',
    theirs: /line 2: 300 exceeds max \(255\) for precision/,
  },
  {
    what: 'a range whose high end has an octet over 255',
    family: 4,
    conf: 'subnet 10.0.0.0 netmask 255.0.0.0 {\n range 10.0.0.3 10.0.0.500;\n}\n',
    ours: '2: range: not an IPv4 address',
    theirs: /line 2: 500 exceeds max \(255\) for precision/,
  },
  {
    what: 'a subnet6 number with two `::`',
    family: 6,
    conf: 'subnet6 fd00::1::2/64 {\n}\n',
    ours: '1: subnet6 fd00::1::2: invalid IPv6 address',
    theirs: /line 1: Invalid IPv6 address/,
  },
  {
    what: 'a range6 whose low end is no IPv6 address',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd00::1::2 fd00::3;\n}\n',
    ours: '2: range6: invalid IPv6 address fd00::1::2',
    theirs: /line 2: Invalid IPv6 address/,
  },
  {
    what: 'a range6 whose high end is no IPv6 address',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd00::1 fd00::1::3;\n}\n',
    ours: '2: range6: invalid IPv6 address fd00::1::3',
    theirs: /line 2: Invalid IPv6 address/,
  },
  {
    what: 'a range6 network that is no IPv6 address',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd00::1::2/80;\n}\n',
    ours: '2: range6: invalid IPv6 address fd00::1::2',
    theirs: /line 2: Invalid IPv6 address/,
  },
  {
    what: 'a prefix6 whose first prefix is no IPv6 address',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n prefix6 fd01::1::2 fd01::3 /64;\n}\n',
    ours: '2: prefix6: invalid IPv6 address fd01::1::2',
    theirs: /line 2: Invalid IPv6 address/,
  },
  {
    what: 'a prefix6 whose last prefix is no IPv6 address',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n prefix6 fd01:: fd01::1::3 /64;\n}\n',
    ours: '2: prefix6: invalid IPv6 address fd01::1::3',
    theirs: /line 2: Invalid IPv6 address/,
  },
  // parse_statement takes `range`/`range6` only in a subnet's own body (type SUBNET_DECL);
  // parse_pool_statement/parse_pool6_statement only in the pool's own body. A group or
  // host inside them is another scope, though it sits on the same subnet or pool.
  {
    what: 'a range in a group inside a subnet',
    family: 4,
    conf: 'subnet 10.0.0.0 netmask 255.0.0.0 {\n group {\n  range 10.0.0.1 10.0.0.2;\n }\n}\n',
    ours: '3: range declaration not allowed here',
    theirs: /line 3: range declaration not allowed here/,
  },
  {
    what: 'a range in a host inside a subnet',
    family: 4,
    conf: 'subnet 10.0.0.0 netmask 255.0.0.0 {\n host h {\n  range 10.0.0.1 10.0.0.2;\n }\n}\n',
    ours: '3: range declaration not allowed here',
    theirs: /line 3: range declaration not allowed here/,
  },
  {
    what: 'a range in a group inside a pool',
    family: 4,
    conf:
      'subnet 10.0.0.0 netmask 255.0.0.0 {\n pool {\n  range 10.0.0.5 10.0.0.6;\n' +
      '  group {\n   range 10.0.0.1 10.0.0.2;\n  }\n }\n}\n',
    ours: '5: range declaration not allowed here',
    theirs: /line 5: range declaration not allowed here/,
  },
  {
    what: 'a range6 in a group inside a subnet6',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n group {\n  range6 fd00::1 fd00::2;\n }\n}\n',
    ours: '3: range6 declaration not allowed here',
    theirs: /line 3: range6 declaration not allowed here/,
  },
  {
    what: 'a range6 in a group inside a pool6',
    family: 6,
    conf:
      'subnet6 fd00::/64 {\n pool6 {\n  range6 fd00::5 fd00::6;\n' +
      '  group {\n   range6 fd00::1 fd00::2;\n  }\n }\n}\n',
    ours: '5: range6 declaration not allowed here',
    theirs: /line 5: range6 declaration not allowed here/,
  },
  {
    what: 'a range6 in a v4 pool',
    family: 4,
    conf: 'subnet 10.0.0.0 netmask 255.0.0.0 {\n pool {\n  range 10.0.0.5 10.0.0.6;\n  range6 fd00::1 fd00::2;\n }\n}\n',
    ours: '4: range6 declaration not allowed here',
    theirs: /line 4: range6 declaration not allowed here/,
  },
  {
    what: 'a range6 in a v4 subnet (dhcpd -4 names the mode it needs)',
    family: 4,
    conf: 'subnet 10.0.0.0 netmask 255.0.0.0 {\n range6 fd00::1 fd00::2;\n}\n',
    ours: '2: range6 declaration not allowed here',
    theirs: /line 2: range6 statement is only supported in DHCPv6 mode/,
  },
  {
    what: 'two ranges from the same address: the later one is declared twice',
    family: 4,
    conf: 'subnet 10.0.0.0 netmask 255.255.255.0 {\n range 10.0.0.1 10.0.0.5;\n range 10.0.0.1 10.0.0.3;\n}\n',
    ours: '3: lease 10.0.0.1 is declared twice (also in the range at dhcpd.conf:2)',
    theirs: /line 3: lease 10\.0\.0\.1 is declared twice/,
  },
];

const hex = (n: bigint): string => n.toString(16);

interface Served {
  what: string;
  family: 4 | 6;
  conf: string;
  /** The ranges of the plan, in declaration order: [kind, low, high (hex for v6), text]. */
  ranges: Array<[AddressRange['kind'], string, string, string]>;
}

const served: Served[] = [
  {
    what: 'a range6 network: every address of the /80',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd00::/80;\n}\n',
    ranges: [
      [
        'range6',
        'fd000000000000000000000000000000',
        'fd000000000000000000ffffffffffff',
        'fd00::/80',
      ],
    ],
  },
  {
    what: 'a range6 network as long as its subnet (the smallest allowed)',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd00::/64;\n}\n',
    ranges: [
      [
        'range6',
        'fd000000000000000000000000000000',
        'fd00000000000000ffffffffffffffff',
        'fd00::/64',
      ],
    ],
  },
  {
    what: 'a temporary range6 network',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd00:0:0:0:1::/80 temporary;\n}\n',
    ranges: [
      [
        'temporary',
        'fd000000000000000001000000000000',
        'fd000000000000000001ffffffffffff',
        'fd00::1:0:0:0/80 temporary',
      ],
    ],
  },
  {
    what: 'range6 ADDRESS temporary: the /64 it starts',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd00:: temporary;\n}\n',
    ranges: [
      [
        'temporary',
        'fd000000000000000000000000000000',
        'fd00000000000000ffffffffffffffff',
        'fd00::/64 temporary',
      ],
    ],
  },
  {
    what: 'a range6 from one address to another',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd00::10 fd00::20;\n}\n',
    ranges: [
      [
        'range6',
        'fd000000000000000000000000000010',
        'fd000000000000000000000000000020',
        'fd00::10 - fd00::20',
      ],
    ],
  },
  {
    what: 'a prefix6 outside the subnet: up to the last address of its last prefix',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n prefix6 fd01:: fd01:0:0:ff:: /64;\n}\n',
    ranges: [
      [
        'prefix6',
        'fd010000000000000000000000000000',
        'fd010000000000ffffffffffffffffff',
        'prefix6 fd01:: - fd01:0:0:ff:: /64',
      ],
    ],
  },
  {
    what: 'a v4 range and a single address on a shared network, each on its own subnet',
    family: 4,
    conf:
      'shared-network s {\n subnet 10.0.0.0 netmask 255.0.0.0 { }\n' +
      ' subnet 11.0.0.0 netmask 255.0.0.0 { }\n pool {\n  range 11.0.0.9 11.0.0.1;\n  range dynamic-bootp 10.0.0.7;\n }\n}\n',
    ranges: [
      ['range', 'b000001', 'b000009', '11.0.0.1 - 11.0.0.9'],
      ['range', 'a000007', 'a000007', 'dynamic-bootp 10.0.0.7 - 10.0.0.7'],
    ],
  },
  {
    what: 'a temporary /64 range6 in a wider subnet',
    family: 6,
    conf: 'subnet6 fd00::/48 {\n range6 fd00:0:0:1::/64 temporary;\n}\n',
    ranges: [
      [
        'temporary',
        'fd000000000000010000000000000000',
        'fd00000000000001ffffffffffffffff',
        'fd00:0:0:1::/64 temporary',
      ],
    ],
  },
  {
    what: 'range6 ADDRESS temporary in a subnet longer than /64: still the /64',
    family: 6,
    conf: 'subnet6 fd00::/80 {\n range6 fd00:: temporary;\n}\n',
    ranges: [
      [
        'temporary',
        'fd000000000000000000000000000000',
        'fd00000000000000ffffffffffffffff',
        'fd00::/64 temporary',
      ],
    ],
  },
  {
    what: 'overlapping range6 declarations (only v4 ranges are "declared twice")',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd00::1 fd00::9;\n range6 fd00::5 fd00::20;\n}\n',
    ranges: [
      [
        'range6',
        'fd000000000000000000000000000001',
        'fd000000000000000000000000000009',
        'fd00::1 - fd00::9',
      ],
      [
        'range6',
        'fd000000000000000000000000000005',
        'fd000000000000000000000000000020',
        'fd00::5 - fd00::20',
      ],
    ],
  },
  {
    what: 'a range6 in a pool6',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n pool6 {\n  range6 fd00::10 fd00::20;\n }\n}\n',
    ranges: [
      [
        'range6',
        'fd000000000000000000000000000010',
        'fd000000000000000000000000000020',
        'fd00::10 - fd00::20',
      ],
    ],
  },
  {
    what: 'disjoint v4 ranges declared out of order',
    family: 4,
    conf:
      'subnet 10.0.0.0 netmask 255.0.0.0 {\n range 10.0.0.10 10.0.0.20;\n range 10.0.0.1 10.0.0.5;\n' +
      ' range 10.0.0.30 10.0.0.40;\n range 10.0.0.6 10.0.0.9;\n}\n',
    ranges: [
      ['range', 'a00000a', 'a000014', '10.0.0.10 - 10.0.0.20'],
      ['range', 'a000001', 'a000005', '10.0.0.1 - 10.0.0.5'],
      ['range', 'a00001e', 'a000028', '10.0.0.30 - 10.0.0.40'],
      ['range', 'a000006', 'a000009', '10.0.0.6 - 10.0.0.9'],
    ],
  },
  {
    what: 'a subnet with a non-contiguous netmask',
    family: 4,
    conf: 'subnet 10.0.0.0 netmask 255.0.255.0 {\n range 10.0.0.1 10.0.0.5;\n}\n',
    ranges: [['range', 'a000001', 'a000005', '10.0.0.1 - 10.0.0.5']],
  },
  {
    what: 'a range6 network shorter than /64 (only a temporary one must be /64 or longer)',
    family: 6,
    conf: 'subnet6 fd00::/48 {\n range6 fd00::/60;\n}\n',
    ranges: [
      [
        'range6',
        'fd000000000000000000000000000000',
        'fd0000000000000fffffffffffffffff',
        'fd00::/60',
      ],
    ],
  },
  {
    what: 'a range6 network of one address (only a temporary one is refused as a singleton)',
    family: 6,
    conf: 'subnet6 fd00::/64 {\n range6 fd00::5/128;\n}\n',
    ranges: [
      [
        'range6',
        'fd000000000000000000000000000005',
        'fd000000000000000000000000000005',
        'fd00::5/128',
      ],
    ],
  },
  {
    what: 'adjacent v4 ranges (no address in both)',
    family: 4,
    conf: 'subnet 10.0.0.0 netmask 255.255.255.0 {\n range 10.0.0.1 10.0.0.3;\n range 10.0.0.4 10.0.0.6;\n}\n',
    ranges: [
      ['range', 'a000001', 'a000003', '10.0.0.1 - 10.0.0.3'],
      ['range', 'a000004', 'a000006', '10.0.0.4 - 10.0.0.6'],
    ],
  },
];

function scratch(text: string): string {
  const file = join(tempDir('range-refusals'), 'dhcpd.conf');
  writeFileSync(file, text);
  return file;
}

function ourRefusal(conf: string): string {
  try {
    planFromText(conf, 'dhcpd.conf');
  } catch (error) {
    return (error as Error).message;
  }
  return '(accepted)';
}

describe('leasecheck refuses the subnets and ranges dhcpd refuses, for the same reason', () => {
  for (const { what, conf, ours } of refusals) {
    it(`leasecheck: ${what}`, () => {
      expect(ourRefusal(conf)).toBe(`dhcpd.conf:${ours}`);
    });
  }

  // Each range that shares an address with an earlier one is named, in declaration order,
  // even when the earlier one is not the last one before it by low end.
  const severalOverlaps =
    'subnet 10.0.0.0 netmask 255.255.255.0 {\n range 10.0.0.20 10.0.0.30;\n range 10.0.0.40 10.0.0.100;\n' +
    ' pool {\n  range 10.0.0.25 10.0.0.35;\n }\n range 10.0.0.1 10.0.0.21;\n' +
    ' range 10.0.0.50 10.0.0.51;\n range 10.0.0.60 10.0.0.61;\n}\n';
  const severalNamed = [
    '5: lease 10.0.0.25 is declared twice (also in the range at dhcpd.conf:2)',
    '7: lease 10.0.0.20 is declared twice (also in the range at dhcpd.conf:2)',
    '8: lease 10.0.0.50 is declared twice (also in the range at dhcpd.conf:3)',
    '9: lease 10.0.0.60 is declared twice (also in the range at dhcpd.conf:3)',
  ];

  it('leasecheck: several ranges sharing addresses with earlier ones', () => {
    expect(ourRefusal(severalOverlaps)).toBe(
      `4 configuration errors:\n${severalNamed.map((line) => `  dhcpd.conf:${line}`).join('\n')}`,
    );
  });

  // dhcpd enters the ranges in declaration order and keeps the first lease made for an
  // address: a range is named at the first address it shares with any earlier range, and
  // "also in" names the range whose lease dhcpd kept for that address (the first declared).
  const overlapCases: Array<{ what: string; conf: string; named: string[] }> = [
    {
      what: 'a range inside an earlier one, then a range over both: each is named on its own line',
      conf:
        'subnet 10.0.0.0 netmask 255.255.255.0 {\n range 10.0.0.5 10.0.0.20;\n' +
        ' range 10.0.0.10 10.0.0.15;\n range 10.0.0.1 10.0.0.100;\n}\n',
      named: [
        '3: lease 10.0.0.10 is declared twice (also in the range at dhcpd.conf:2)',
        '4: lease 10.0.0.5 is declared twice (also in the range at dhcpd.conf:2)',
      ],
    },
    {
      what: 'two earlier ranges ending at the same address: the first declared is named, though the other starts lower',
      conf:
        'subnet 10.0.0.0 netmask 255.255.255.0 {\n range 10.0.0.5 10.0.0.10;\n' +
        ' range 10.0.0.1 10.0.0.10;\n range 10.0.0.8 10.0.0.12;\n}\n',
      named: [
        '3: lease 10.0.0.5 is declared twice (also in the range at dhcpd.conf:2)',
        '4: lease 10.0.0.8 is declared twice (also in the range at dhcpd.conf:2)',
      ],
    },
    {
      what: 'two earlier ranges ending at the same address: the first declared is named, the lower one',
      conf:
        'subnet 10.0.0.0 netmask 255.255.255.0 {\n range 10.0.0.1 10.0.0.10;\n' +
        ' range 10.0.0.5 10.0.0.10;\n range 10.0.0.8 10.0.0.12;\n}\n',
      named: [
        '3: lease 10.0.0.5 is declared twice (also in the range at dhcpd.conf:2)',
        '4: lease 10.0.0.8 is declared twice (also in the range at dhcpd.conf:2)',
      ],
    },
    {
      what: 'a range over two earlier disjoint ones: named once, at the first address it shares',
      conf:
        'subnet 10.0.0.0 netmask 255.255.255.0 {\n range 10.0.0.40 10.0.0.50;\n' +
        ' range 10.0.0.20 10.0.0.30;\n range 10.0.0.25 10.0.0.45;\n}\n',
      named: ['4: lease 10.0.0.25 is declared twice (also in the range at dhcpd.conf:3)'],
    },
    {
      what: 'a range that fills the gap between two earlier ones and goes past both',
      conf:
        'subnet 10.0.0.0 netmask 255.255.255.0 {\n range 10.0.0.10 10.0.0.12;\n' +
        ' range 10.0.0.20 10.0.0.22;\n range 10.0.0.13 10.0.0.30;\n range 10.0.0.1 10.0.0.9;\n' +
        ' range 10.0.0.14 10.0.0.14;\n range 10.0.0.9 10.0.0.9;\n}\n',
      named: [
        '4: lease 10.0.0.20 is declared twice (also in the range at dhcpd.conf:3)',
        '6: lease 10.0.0.14 is declared twice (also in the range at dhcpd.conf:4)',
        '7: lease 10.0.0.9 is declared twice (also in the range at dhcpd.conf:5)',
      ],
    },
    {
      what: 'eight ranges, several holding an address: the first declared of them is named',
      conf:
        'subnet 10.0.0.0 netmask 255.255.255.0 {\n range 10.0.0.50 10.0.0.60;\n' +
        ' range 10.0.0.10 10.0.0.55;\n range 10.0.0.5 10.0.0.12;\n range 10.0.0.1 10.0.0.7;\n' +
        ' range 10.0.0.58 10.0.0.70;\n range 10.0.0.11 10.0.0.11;\n range 10.0.0.56 10.0.0.56;\n' +
        ' range 10.0.0.65 10.0.0.65;\n}\n',
      named: [
        '3: lease 10.0.0.50 is declared twice (also in the range at dhcpd.conf:2)',
        '4: lease 10.0.0.10 is declared twice (also in the range at dhcpd.conf:3)',
        '5: lease 10.0.0.5 is declared twice (also in the range at dhcpd.conf:4)',
        '6: lease 10.0.0.58 is declared twice (also in the range at dhcpd.conf:2)',
        '7: lease 10.0.0.11 is declared twice (also in the range at dhcpd.conf:3)',
        '8: lease 10.0.0.56 is declared twice (also in the range at dhcpd.conf:2)',
        '9: lease 10.0.0.65 is declared twice (also in the range at dhcpd.conf:6)',
      ],
    },
    {
      what: 'nine ranges, later ones held by ranges declared in between',
      conf:
        'subnet 10.0.0.0 netmask 255.255.255.0 {\n range 10.0.0.16 10.0.0.24;\n' +
        ' range 10.0.0.14 10.0.0.27;\n range 10.0.0.3 10.0.0.5;\n range 10.0.0.28 10.0.0.31;\n' +
        ' range 10.0.0.37 10.0.0.38;\n range 10.0.0.23 10.0.0.38;\n range 10.0.0.35 10.0.0.35;\n' +
        ' range 10.0.0.38 10.0.0.38;\n range 10.0.0.29 10.0.0.38;\n}\n',
      named: [
        '3: lease 10.0.0.16 is declared twice (also in the range at dhcpd.conf:2)',
        '7: lease 10.0.0.23 is declared twice (also in the range at dhcpd.conf:2)',
        '8: lease 10.0.0.35 is declared twice (also in the range at dhcpd.conf:7)',
        '9: lease 10.0.0.38 is declared twice (also in the range at dhcpd.conf:6)',
        '10: lease 10.0.0.29 is declared twice (also in the range at dhcpd.conf:5)',
      ],
    },
  ];

  for (const { what, conf, named } of overlapCases) {
    it(`leasecheck: ${what}`, () => {
      expect(ourRefusal(conf)).toBe(
        named.length === 0
          ? '(accepted)'
          : named.length === 1
            ? `dhcpd.conf:${named[0]}`
            : `${named.length} configuration errors:\n${named.map((line) => `  dhcpd.conf:${line}`).join('\n')}`,
      );
    });

    it.skipIf(oracleMissing !== '')(`dhcpd -t: ${what}`, () => {
      const verdict = dhcpdAccepts(scratch(conf), 4);
      expect(verdict.accepted).toBe(named.length === 0);
      const firstOfEach = new Map<string, string>();
      for (const [, line, lease] of verdict.output.matchAll(
        /line (\d+): lease (\S+) is declared twice/g,
      )) {
        if (!firstOfEach.has(line!)) firstOfEach.set(line!, lease!);
      }
      expect([...firstOfEach].map(([line, lease]) => `${line}: lease ${lease}`)).toEqual(
        named.map((line) => line.replace(/ is declared.*/, '')),
      );
    });
  }

  // Ranges drawn in 10.0.0.0/24 (24 files of 3 to 49 ranges, fixed seeds): the line and
  // first address of each report from dhcpd -t, and the range named computed here address
  // by address, as dhcpd fills its table: each address's lease is made by the first range
  // declared with it.
  const drawn = Array.from({ length: 24 }, (_, file): { conf: string; named: string[] } => {
    let seed = 20261207 + file;
    const draw = (n: number): number => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    // Every other file packs its ranges into the first 40 addresses: many overlap at once.
    const dense = file % 2 === 1;
    const ranges = Array.from({ length: 3 + 2 * file }, () => {
      const low = 1 + draw(dense ? 40 : 250);
      const longer = draw(3) === 0;
      return [low, Math.min(254, low + draw(dense ? (longer ? 20 : 4) : longer ? 60 : 6))] as const;
    });
    const owner = new Map<number, number>();
    const named: string[] = [];
    ranges.forEach(([low, high], i) => {
      let first: number | null = null;
      for (let a = low; a <= high; a++) {
        if (!owner.has(a)) owner.set(a, i);
        else first ??= a;
      }
      if (first !== null) {
        named.push(
          `${i + 2}: lease 10.0.0.${first} is declared twice (also in the range at dhcpd.conf:${owner.get(first)! + 2})`,
        );
      }
    });
    const lines = ranges.map(([low, high]) => ` range 10.0.0.${low} 10.0.0.${high};\n`);
    return { conf: `subnet 10.0.0.0 netmask 255.255.255.0 {\n${lines.join('')}}\n`, named };
  });

  it('leasecheck: ranges drawn at random, each sharing addresses named as dhcpd fills its table', () => {
    expect(drawn.filter(({ named }) => named.length > 1).length).toBeGreaterThan(20);
    for (const { conf, named } of drawn) {
      expect(ourRefusal(conf)).toBe(
        named.length === 0
          ? '(accepted)'
          : named.length === 1
            ? `dhcpd.conf:${named[0]}`
            : `${named.length} configuration errors:\n${named.map((line) => `  dhcpd.conf:${line}`).join('\n')}`,
      );
    }
  });

  it.skipIf(oracleMissing !== '')('dhcpd -t: ranges drawn at random', () => {
    for (const { conf, named } of drawn) {
      const verdict = dhcpdAccepts(scratch(conf), 4);
      expect(verdict.accepted).toBe(named.length === 0);
      const firstOfEach = new Map<string, string>();
      for (const [, line, lease] of verdict.output.matchAll(
        /line (\d+): lease (\S+) is declared twice/g,
      )) {
        if (!firstOfEach.has(line!)) firstOfEach.set(line!, lease!);
      }
      expect([...firstOfEach].map(([line, lease]) => `${line}: lease ${lease}`)).toEqual(
        named.map((line) => line.replace(/ is declared.*/, '')),
      );
    }
  });

  // A refused range6 leaves its pool6 empty: dhcpd reports both (the pool at its closing
  // brace, line 4; leasecheck at the pool's first line, line 2).
  const emptiedPool6 = 'subnet6 fd00::/64 {\n pool6 {\n  range6 fd01::1 fd01::2;\n }\n}\n';

  it('leasecheck: a pool6 whose only range6 is refused is also a pool without a range', () => {
    expect(ourRefusal(emptiedPool6)).toBe(
      '2 configuration errors:\n  dhcpd.conf:3: range6 start address is outside the subnet\n' +
        '  dhcpd.conf:2: pool declaration with no address range',
    );
  });

  reportMissingOracle();
  it.skipIf(oracleMissing !== '')(
    'dhcpd -t: a pool6 whose only range6 is refused is also a pool without a range',
    () => {
      const verdict = dhcpdAccepts(scratch(emptiedPool6), 6);
      expect(verdict.accepted).toBe(false);
      expect(verdict.output).toMatch(/line 3: range6 start address is outside the subnet/);
      expect(verdict.output).toMatch(/line 4: Pool6 declaration with no address range6 or prefix6/);
    },
  );

  it.skipIf(oracleMissing !== '')(
    'dhcpd -t: several ranges sharing addresses with earlier ones',
    () => {
      const verdict = dhcpdAccepts(scratch(severalOverlaps), 4);
      expect(verdict.accepted).toBe(false);
      // dhcpd names every shared address: the first one named on each line, in its order.
      const firstOfEach = new Map<string, string>();
      for (const [, line, lease] of verdict.output.matchAll(
        /line (\d+): lease (\S+) is declared twice/g,
      )) {
        if (!firstOfEach.has(line!)) firstOfEach.set(line!, lease!);
      }
      expect([...firstOfEach].map(([line, lease]) => `${line}: lease ${lease}`)).toEqual(
        severalNamed.map((named) => named.replace(/ is declared.*/, '')),
      );
    },
  );

  for (const { what, family, conf, theirs } of refusals) {
    it.skipIf(oracleMissing !== '')(`dhcpd -t: ${what}`, () => {
      const verdict = dhcpdAccepts(scratch(conf), family);
      expect(verdict.accepted).toBe(false);
      expect(verdict.output).toMatch(theirs);
    });
  }
});

describe('the ranges dhcpd accepts serve the addresses it serves', () => {
  for (const { what, conf, ranges } of served) {
    it(`leasecheck: ${what}`, () => {
      const plan = planFromText(conf, 'dhcpd.conf');
      expect(
        plan.pools
          .flatMap((pool) => pool.ranges)
          .map((r) => [r.kind, hex(r.low), hex(r.high), r.text]),
      ).toEqual(ranges);
    });
  }

  it('leasecheck: v6 ranges are never dynamic-bootp; a subnet6 is named by its prefix and has no parameters of its own', () => {
    const plan = planFromText(
      'subnet6 fd00::/64 {\n range6 fd00::/80;\n range6 fd00:0:0:0:1::/80 temporary;\n range6 fd00::10 fd00::20;\n prefix6 fd01:: fd01:0:0:ff:: /64;\n}\n',
      'dhcpd.conf',
    );
    expect(plan.pools.flatMap((pool) => pool.ranges).map((r) => r.dynamicBootp)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(plan.pools.map((pool) => pool.container)).toEqual(['subnet fd00::/64']);
    expect(plan.subnets.map((subnet) => [subnet.cidr, subnet.parameters])).toEqual([
      ['fd00::/64', []],
    ]);
  });

  it('leasecheck: a subnet6 of one address (/128) is accepted', () => {
    expect(planFromText('subnet6 fd00::1/128 {\n}\n', 'dhcpd.conf').subnets).toMatchObject([
      { cidr: 'fd00::1/128', prefixLength: 128 },
    ]);
  });

  it('leasecheck: a subnet with a non-contiguous netmask is named by its mask, not a prefix length', () => {
    const plan = planFromText(
      'subnet 10.0.0.0 netmask 255.0.255.0 {\n range 10.0.0.1 10.0.0.5;\n}\n',
      'dhcpd.conf',
    );
    expect(plan.pools.map((pool) => pool.container)).toEqual([
      'subnet 10.0.0.0 netmask 255.0.255.0',
    ]);
    expect(plan.subnets.map((subnet) => [subnet.cidr, subnet.parameters])).toEqual([
      ['10.0.0.0 netmask 255.0.255.0', []],
    ]);
  });

  for (const { what, family, conf } of served) {
    it.skipIf(oracleMissing !== '')(`dhcpd -t accepts ${what}`, () => {
      const verdict = dhcpdAccepts(scratch(conf), family);
      expect(verdict.output).not.toContain('Configuration file errors');
      expect(verdict.accepted).toBe(true);
    });
  }
});
