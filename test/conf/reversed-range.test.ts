// `range 10.0.0.20 10.0.0.10;` names its ends high first; dhcpd swaps them
// (new_address_range in server/mdb.c allows a range high-to-low), so the range serves 10.0.0.10 to 10.0.0.20. A model that kept the
// ends as written would find no address in it and call every lease there
// "no subnet": a false alarm on a working server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressInRanges, configFindings, planFromText } from '../../src/conf/index.js';
import { emptyDeclaration } from '../../src/model/from-events.js';
import type { Declaration } from '../../src/model/types.js';
import { cleanupAfterEach, dhcpdTest, requireRealDhcpd, cleanupTempDir } from '../harness/index.js';
import { dhcpdAccepts } from './dhcpd-oracle.js';

const conf = `authoritative;
subnet 10.0.0.0 netmask 255.255.255.0 {
  range 10.0.0.20 10.0.0.10;
}
`;

function lease(address: string, mac: string): string {
  return (
    `lease ${address} {\n  starts 6 2026/11/28 12:00:00;\n  ends 4 2037/12/31 00:00:00;\n` +
    `  binding state active;\n  next binding state free;\n  hardware ethernet ${mac};\n}\n`
  );
}

const overlapping = `subnet 10.0.0.0 netmask 255.255.255.0 {
  range 10.0.0.20 10.0.0.10;
  range 10.0.0.5 10.0.0.12;
}
`;
const adjacent = overlapping.replace('range 10.0.0.5 10.0.0.12;', 'range 10.0.0.21 10.0.0.30;');

const inside = ['10.0.0.10', '10.0.0.15', '10.0.0.20'];
const outside = ['10.0.0.9', '10.0.0.21'];

function declaration(key: string, line: number): Declaration {
  return { ...emptyDeclaration('lease', line * 100, line), length: 10, key };
}

describe('a range written high end first', () => {
  const plan = planFromText(conf, 'dhcpd.conf');

  it('serves the addresses between its ends, as dhcpd does', () => {
    for (const address of inside) {
      expect(addressInRanges(plan, address)?.range).toMatchObject({
        text: '10.0.0.10 - 10.0.0.20',
      });
    }
    for (const address of outside) expect(addressInRanges(plan, address)).toBeNull();
  });

  it('gives "no subnet" only for the leases outside it', () => {
    const findings = configFindings(
      plan,
      [...inside, ...outside].map((address, i) => declaration(address, i + 1)),
    );
    expect(findings.map((f) => [f.code, f.subject])).toEqual(
      outside.map((address) => ['no-subnet', address]),
    );
  });

  it('overlaps a range sharing its addresses ("declared twice"), and not one just past its high end', () => {
    expect(() => planFromText(overlapping, 'dhcpd.conf')).toThrow(
      /lease 10\.0\.0\.10 is declared twice/,
    );
    expect(addressInRanges(planFromText(adjacent, 'dhcpd.conf'), '10.0.0.21')).not.toBeNull();
  });
});

const gate = requireRealDhcpd();

describe.skipIf(gate.skip)('a range written high end first, against the real dhcpd', () => {
  const cleanup = cleanupAfterEach();

  it('dhcpd -T loads the leases between its ends and drops the others as "no subnet"', async () => {
    const leases = [...inside, ...outside]
      .map((address, i) => lease(address, `00:11:22:33:44:${String(50 + i)}`))
      .join('');
    const real = await dhcpdTest({ content: conf }, { content: leases });
    expect(real.successful).toBe(true);
    expect(real.wrote.leases).toBe(inside.length);
    expect([...real.noSubnet].sort()).toEqual([...outside].sort());
  });

  it('dhcpd -t rejects the overlapping pair ("declared twice") and accepts the adjacent one', async () => {
    const dir = await cleanupTempDir(cleanup, 'reversed-range');
    const verdict = (text: string, name: string) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return dhcpdAccepts(file);
    };
    const rejected = verdict(overlapping, 'overlapping.conf');
    expect(rejected.accepted).toBe(false);
    expect(rejected.output).toMatch(/lease 10\.0\.0\.10 is declared twice/);
    expect(verdict(adjacent, 'adjacent.conf').accepted).toBe(true);
  });
});
