// Lease files and configs for the differential tests against the real dhcpd:
// whole declarations before the last one, and a last lease that the tests
// cut at every byte. Dates are far from now (2001 or 2037) unless a case says
// otherwise, so dhcpd's clock does not change the answer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDhcpdDate } from '../../src/model/dates.js';
import { realFixtureDir } from '../helpers.js';

export const fixtures = realFixtureDir;

export interface CutCase {
  name: string;
  conf: string;
  /** Whole declarations before the last lease. */
  prefix: string;
  /** The last lease, whole (`lease … { … }`), which the tests cut. */
  last: string;
}

export const plainConf = `default-lease-time 600;
max-lease-time 7200;
authoritative;
subnet 10.0.0.0 netmask 255.255.0.0 {
  range 10.0.0.10 10.0.0.250;
}
`;

const header = `# The format of this file is documented in the dhcpd.leases(5) manual page.
# This lease file was written by isc-dhcp-4.4.3-P1

# authoring-byte-order entry is generated, DO NOT DELETE
authoring-byte-order little-endian;

`;

/** An active lease with a hardware address for 10.0.0.50, far in the future: the one partial leases may replace. */
const earlier50 = `lease 10.0.0.50 {
  starts 4 2037/01/01 00:00:00;
  ends 4 2037/12/31 00:00:00;
  cltt 4 2037/01/01 00:00:00;
  binding state active;
  next binding state free;
  rewind binding state free;
  hardware ethernet 00:11:22:33:44:55;
}
`;

/** A few whole leases in every state, so a cut that loses one is seen in the count. */
const others = `lease 10.0.0.20 {
  starts 1 2001/01/01 00:00:00;
  ends 1 2001/01/01 00:10:00;
  binding state free;
  hardware ethernet 00:00:00:00:00:20;
}
lease 10.0.0.21 {
  starts 1 2001/01/01 00:00:00;
  ends 1 2001/01/01 00:10:00;
  binding state active;
  next binding state free;
}
lease 10.0.0.22 {
  ends never;
  binding state backup;
}
lease 10.0.0.23 {
  starts 1 2001/01/01 00:00:00;
  ends 1 2001/01/01 00:10:00;
  binding state abandoned;
  next binding state free;
}
`;

export function handWrittenCases(): CutCase[] {
  const prefix = header + others + earlier50;
  const lasts: Array<[string, string]> = [
    [
      'active until 2037, every usual statement, replacing an earlier lease',
      `lease 10.0.0.50 {
  starts 4 2037/01/01 00:00:00;
  ends 4 2037/12/31 00:00:00;
  tstp 4 2037/12/31 00:00:00;
  tsfp 4 2037/12/31 00:00:00;
  atsfp 4 2037/12/31 00:00:00;
  cltt 4 2037/01/01 00:00:00;
  binding state active;
  next binding state free;
  rewind binding state free;
  hardware ethernet 5e:fe:12:81:b6:ca;
  uid "\\001^\\376\\022\\201\\266\\312";
  set vendor-class-identifier = "MSFT 5.0";
  client-hostname "vm-one";
}`,
    ],
    [
      'expired in 2001, hex uid and every kind of set value',
      `lease 10.0.0.60 {
  starts 1 2001/01/01 00:00:00;
  ends 1 2001/01/01 00:10:00;
  cltt 1 2001/01/01 00:00:00;
  binding state active;
  next binding state free;
  hardware ethernet 00:0c:01:02:03:2d;
  uid 01:00:0c:01:02:03:2d;
  set n = %5;
  set flag = true;
  set data = ab:cd;
  ddns-fwd-name "vm.example.";
}`,
    ],
    [
      'no hardware, on-expiry block, agent option, reserved and bootp flags',
      `lease 10.0.0.70 {
  starts 4 2037/01/01 00:00:00;
  ends 4 2037/12/31 00:00:00;
  binding state active;
  next binding state free;
  reserved;
  dynamic-bootp;
  option agent.circuit-id "port-7";
  on expiry {
    set gone = "yes";
  }
}`,
    ],
    [
      'epoch dates (db-time-format local) and never',
      `lease 10.0.0.80 {
  starts epoch 978307200; # Mon Jan 01 00:00:00 2001
  ends never;
  cltt epoch 978307200; # Mon Jan 01 00:00:00 2001
  binding state active;
  next binding state free;
  rewind binding state free;
  hardware token-ring 00:11:22:33:44:80;
  client-hostname "epoch";
}`,
    ],
    [
      'abandoned (legacy statement) and billing class',
      `lease 10.0.0.90 {
  starts 1 2001/01/01 00:00:00;
  ends 4 2037/12/31 00:00:00;
  abandoned;
  billing class "foo";
  hardware ethernet 00:00:00:00:00:90;
}`,
    ],
    [
      'an address outside every range ("no subnet")',
      `lease 10.0.5.1 {
  starts 4 2037/01/01 00:00:00;
  ends 4 2037/12/31 00:00:00;
  binding state active;
  next binding state free;
  hardware ethernet 00:00:00:00:05:01;
}`,
    ],
    [
      'released lease with legacy bootp state and rewind before binding',
      `lease 10.0.0.95 {
  ends 1 2001/01/01 00:10:00;
  rewind binding state free;
  next binding state released;
  binding state bootp;
  hardware ethernet 00:00:00:00:00:95;
}`,
    ],
  ];
  return lasts.map(([name, last]) => ({ name, conf: plainConf, prefix, last }));
}

/** Split a whole lease file into its text before the last whole lease and that lease (drops a partial tail). */
export function splitLastLease(text: string): { prefix: string; last: string } {
  const starts = [...text.matchAll(/^lease /gm)].map((m) => m.index ?? 0);
  let lastWhole = -1;
  let end = -1;
  for (let i = starts.length - 1; i >= 0; i--) {
    const s = starts[i] as number;
    const close = text.indexOf('\n}', s);
    const next = starts[i + 1] ?? text.length;
    if (close >= 0 && close < next) {
      lastWhole = s;
      end = close + 2;
      break;
    }
  }
  if (lastWhole < 0) throw new Error('no whole lease');
  return { prefix: text.slice(0, lastWhole), last: text.slice(lastWhole, end) };
}

export function fixtureCases(): CutCase[] {
  const read = (f: string): string => readFileSync(join(fixtures, f), 'latin1');
  const srv = splitLastLease(read('srv.leases'));
  const enospc = splitLastLease(read('enospc-truncated.leases'));
  const primary = splitLastLease(read('fo-primary.leases'));
  const secondary = splitLastLease(read('fo-secondary.leases'));
  return [
    { name: 'srv.leases (real, one dhclient lease)', conf: read('srv.conf'), ...srv },
    {
      name: 'fo-primary.leases (real failover primary)',
      conf: read('fo-primary.conf'),
      ...primary,
    },
    {
      name: 'fo-secondary.leases (real failover secondary)',
      conf: read('fo-secondary.conf'),
      ...secondary,
    },
    {
      name: 'enospc-truncated.leases (real, disk full), last whole lease',
      conf: read('enospc.conf'),
      ...enospc,
    },
  ];
}

/** Leases whose `ends` is two hours before or after `now`: where the cut falls decides their state. */
export function nearNowCases(now: Date): CutCase[] {
  const t = Math.floor(now.getTime() / 1000);
  const lease = (address: string, starts: number, ends: number): string => `lease ${address} {
  starts ${formatDhcpdDate(starts)};
  ends ${formatDhcpdDate(ends)};
  cltt ${formatDhcpdDate(starts)};
  binding state active;
  next binding state free;
  rewind binding state free;
  hardware ethernet 00:00:00:00:01:23;
  client-hostname "near";
}`;
  return [
    {
      name: 'ends two hours after now',
      conf: plainConf,
      prefix: header + others + earlier50,
      last: lease('10.0.0.123', t - 3600, t + 7200),
    },
    {
      name: 'ends two hours before now, replacing an earlier lease',
      conf: plainConf,
      prefix: header + others + earlier50,
      last: lease('10.0.0.50', t - 4 * 3600, t - 7200),
    },
  ];
}
