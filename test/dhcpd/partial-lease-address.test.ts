// What check tells an admin about a partial last lease, where the answer turns on
// how dhcpd reads the lease's head and where it gives up, against dhcpd -T:
//
// - the range the loaded lease is looked up in is that of the address dhcpd read
//   (parse_numeric_aggregate: past comments, each octet's low 8 bits), not of the
//   first dotted quad in the head's text: a comment before the address, an octet
//   above 255;
// - the statement named where dhcpd gives up, with the statements split as check
//   splits them (each text starting at its keyword), or the head when the address
//   itself is incomplete.
//
// dhcpd's answers are kept between runs (cached-dhcpd-test.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { planFromText } from '../../src/conf/index.js';
import { simulatePartialDeclaration } from '../../src/dhcpd/partial-declaration.js';
import { requireRealDhcpd } from '../harness/index.js';
import { cachedDhcpdTests } from './cached-dhcpd-test.js';
import { cutLease } from './cut-lease.js';
import { rangesOf } from './expected-count.js';

const gate = requireRealDhcpd(['strace']);
const now = new Date('2026-11-28T13:00:00Z');
const conf = `default-lease-time 600;
max-lease-time 7200;
authoritative;
subnet 10.0.0.0 netmask 255.255.0.0 {
  range 10.0.1.0 10.0.1.250;
}
`;
const body = '  binding state active;\n  hardware ethernet 00:11:22:33:44:55;\n';
const earlier = 'it replaces any earlier declaration of the address.';
const stays = 'an earlier declaration of the address, if any, stays in effect.';

/** dhcpd -T on each lease file, with `conf`. */
function dhcpd(name: string, files: string[]) {
  return cachedDhcpdTests(
    `partial-lease-address-${name}`,
    files.map((leases) => ({
      conf: { content: conf },
      leases: { content: leases },
      keepRewrite: true,
    })),
  );
}

/** The addresses of the leases in a snapshot dhcpd wrote. */
function written(rewrite: string | null): string[] {
  return [...(rewrite ?? '').matchAll(/^lease (\S+) \{/gm)].map((m) => m[1] as string);
}

/** check --config on the lease file `text`. */
async function check(text: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'partial-lease-address-')), 'dhcpd.leases');
  writeFileSync(file, text, 'latin1');
  return checkLeaseFile(file, {
    now,
    config: { file: 'dhcpd.conf', plan: planFromText(conf, 'dhcpd.conf') },
  });
}

const explained = (text: string): string =>
  simulatePartialDeclaration(cutLease(text), now, rangesOf(conf)).outcome.explanation;

describe.skipIf(gate.skip)('the address of a partial lease is the one dhcpd reads', () => {
  const loaded =
    'dhcpd loads the partial lease as active with binding state, hardware but without starts, ends, cltt, next binding state';

  it('past a comment holding another address: "no subnet" when the address dhcpd reads is in no range', async () => {
    const text = `lease # 10.0.1.5\n  10.0.9.9 {\n${body}`;
    const [real] = await dhcpd('comment', [text]);
    expect(real!.noSubnet).toEqual(['10.0.9.9']);
    expect(real!.wrote.leases).toBe(0);
    expect(explained(text)).toBe(
      `${loaded}, then drops it: its address is in no configured range ("no subnet"); ${earlier}`,
    );
  });

  it('an octet above 255 keeps its low 8 bits: 10.0.1.300 is kept and written as 10.0.1.44, in range', async () => {
    const text = `lease 10.0.1.300 {\n${body}`;
    const [real] = await dhcpd('octet', [text]);
    expect(real!.noSubnet).toEqual([]);
    expect(written(real!.rewrite)).toEqual(['10.0.1.44']);
    const p = simulatePartialDeclaration(cutLease(text), now, rangesOf(conf));
    expect(p.warnings).toEqual(real!.warnings.map((w) => w.message));
    expect(p.fate).toMatchObject({ inRange: true, state: 'active', written: true });
    expect(p.outcome.explanation).toBe(`${loaded}; ${earlier}`);
  });

  it('without a head the address is unknown, and not looked up in the ranges', () => {
    const lookups: string[] = [];
    const p = simulatePartialDeclaration(
      {
        kind: 'lease',
        completeStatements: [{ name: 'binding state', text: '  binding state active;' }],
        cutInside: null,
      },
      now,
      (address) => {
        lookups.push(address);
        return false;
      },
    );
    expect(lookups).toEqual([]);
    expect(p.fate?.inRange).toBe(true);
  });
});

describe.skipIf(gate.skip)('where dhcpd gives up on a partial lease, named', () => {
  it('a complete `set` whose value dhcpd cannot read, with the statements as check splits them (from their keyword)', async () => {
    const text = `lease 10.0.1.10 {\n  ends 4 2037/12/31 00:00:00;\n  set x = 1:2;\n`;
    const [real] = await dhcpd('set-value', [text]);
    expect(real!.wrote.leases).toBe(0);
    const report = await check(text);
    expect(report.truncated?.completeStatements).toEqual(['ends', 'set']);
    expect(report.truncated?.dhcpd.explanation).toBe(
      'dhcpd drops the partial lease ("possibly corrupt lease file") at its `set`: ' +
        `\`set x\` has no value; ${stays}`,
    );
    expect(report.config?.wrote.written).toBe(real!.wrote.leases);
  });

  it('the statements dhcpd keeps are named as check names them (`set`, not the variable)', async () => {
    const text = `lease 10.0.1.10 {\n  ends 4 2037/12/31 00:00:00;\n  set ddns-txt = "x";\n`;
    const [real] = await dhcpd('set-kept', [text]);
    expect(real!.rewrite).toContain('set ddns-txt = "x";');
    const report = await check(text);
    expect(report.truncated?.dhcpd).toMatchObject({
      action: 'loaded',
      fields: ['ends', 'set'],
    });
    expect(report.config?.wrote.written).toBe(real!.wrote.leases);
  });

  it('an incomplete address is named as the head, not as the statement after it', async () => {
    const text = `lease 10.0.1 {\n${body}`;
    const [real] = await dhcpd('short-address', [text]);
    expect(real!.wrote.leases).toBe(0);
    expect(real!.warnings.map((w) => w.message)).toContain('too few numbers.');
    const why = `the lease address is incomplete; ${stays}`;
    expect(explained(text)).toBe(
      `dhcpd drops the partial lease ("possibly corrupt lease file") at its head: ${why}`,
    );
    // Also when the file ends inside a statement after it.
    const [cut] = await dhcpd('short-address-cut', [`${text}  hardw`]);
    expect(cut!.wrote.leases).toBe(0);
    expect(cut!.warnings.map((w) => w.message)).toContain('too few numbers.');
    expect(explained(`${text}  hardw`)).toBe(
      `dhcpd drops the partial lease ("possibly corrupt lease file") at its head: ${why}`,
    );
  });
});
