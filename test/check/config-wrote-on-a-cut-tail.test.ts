// `check --config` on a file whose last declaration is cut off: the
// `Wrote N leases` it predicts must be what the real dhcpd -T logs for the
// file as it is. The partial lease takes the place of the earlier copy of its
// address when dhcpd loads it (and may then not be written at all), and stays
// out when dhcpd drops it; a cut v6 IA ends the earlier copy's bindings that
// its complete blocks name. Cut points: after each statement and inside a few.
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { planFromText } from '../../src/conf/index.js';
import { dhcpdTestMany, requireRealDhcpd } from '../harness/index.js';
import { handWrittenCases } from '../dhcpd/leases-for-cuts.js';
import { readFixture, tempDir, write } from '../helpers.js';

const gate = requireRealDhcpd();
const dir = tempDir('check-config-cut');
let counter = 0;

/** Offsets in `text` just after each `;` and `{`, and a few bytes into each statement. */
function cutPoints(text: string): number[] {
  const cuts = new Set<number>();
  for (let i = text.indexOf('{') + 1; i < text.length; i++) {
    if (text[i] === ';' || text[i] === '{') cuts.add(i + 1);
    if (text[i] === '\n' && i + 6 < text.length) cuts.add(i + 6);
  }
  return [...cuts].filter((k) => k < text.length).sort((a, b) => a - b);
}

async function predicted(leases: string, conf: string, now: Date) {
  const path = write(dir, `f${counter++}.leases`, leases);
  const plan = planFromText(conf, 'dhcpd.conf');
  const report = await checkLeaseFile(path, { now, config: { file: 'dhcpd.conf', plan } });
  expect(report.verdict).toBe('truncated-tail');
  return report.config!.wrote;
}

describe.skipIf(gate.skip)('check --config on a cut last declaration (real dhcpd -T)', () => {
  it('a cut lease that replaces an earlier copy: Wrote N as dhcpd logs it, at every statement', async () => {
    const c = handWrittenCases()[0]!;
    expect(c.prefix).toContain('lease 10.0.0.50 {');
    const cuts = cutPoints(c.last);
    expect(cuts.length).toBeGreaterThan(20);
    const now = new Date();
    const real = await dhcpdTestMany(
      cuts.map((k) => ({
        conf: { content: c.conf },
        leases: { content: c.prefix + c.last.slice(0, k) },
      })),
    );
    const mismatches: string[] = [];
    const seen = new Set<number>();
    for (const [i, k] of cuts.entries()) {
      const want = real[i]!.wrote.leases;
      const got = (await predicted(c.prefix + c.last.slice(0, k), c.conf, now)).written;
      seen.add(want ?? -1);
      if (got !== want)
        mismatches.push(
          `${JSON.stringify(c.last.slice(0, k).split('\n').pop())}: dhcpd wrote ${want}, predicted ${got}`,
        );
    }
    expect(mismatches).toEqual([]);
    // Both outcomes occur: the partial lease written in place of the earlier
    // one, and not written at all (loaded as free with nothing to keep).
    expect(seen.size).toBeGreaterThan(1);
  }, 120_000);

  it('a cut IA: Wrote N NA, N TA, N PD as dhcpd -6 logs it', async () => {
    const text = readFixture('v6.leases');
    const conf = readFixture('v6.conf');
    // The IA_NA again, its address released, cut after its complete iaaddr
    // block (which ends the earlier copy's binding: no NA left), and inside
    // its cltt (dhcpd applies nothing of it).
    const start = text.indexOf('ia-na ');
    const ia = text
      .slice(start, text.indexOf('\n}\n', start) + 3)
      .replace('binding state active;', 'binding state released;');
    const cuts = [ia.indexOf('  }\n') + 4, ia.indexOf('cltt') + 6, ia.indexOf('{') + 1];
    const now = new Date();
    const real = await dhcpdTestMany(
      cuts.map((k) => ({
        conf: { content: conf },
        leases: { content: text + ia.slice(0, k) },
        family: 6 as const,
      })),
    );
    expect(real.map((r) => r.wrote.na)).toEqual([0, 1, 1]);
    for (const [i, k] of cuts.entries()) {
      const wrote = await predicted(text + ia.slice(0, k), conf, now);
      const r = real[i]!.wrote;
      expect({ cut: k, na: wrote.na, ta: wrote.ta, pd: wrote.pd }).toEqual({
        cut: k,
        na: r.na,
        ta: r.ta,
        pd: r.pd,
      });
    }
  }, 120_000);

  it('a cut IA_TA or IA_PD: its complete block ends the earlier binding as dhcpd -6 logs it', async () => {
    const text = readFixture('v6.leases');
    // A temporary range for the IA_TA's address (dhcpd -6 finds no pool for it in a plain range6).
    const conf = readFixture('v6.conf').replace(
      '  range6 fd00::100 fd00::1ff;',
      '  range6 fd00::100 fd00::1ff;\n  range6 fd00::1:0:0:0/80 temporary;',
    );
    const na = text.slice(
      text.indexOf('ia-na '),
      text.indexOf('\n}\n', text.indexOf('ia-na ')) + 3,
    );
    const ta = na.replace('ia-na ', 'ia-ta ').replace('fd00::1bd', 'fd00::1:0:0:5');
    const start = text.indexOf('ia-pd ');
    const pd = text.slice(start, text.indexOf('\n}\n', start) + 3);
    const cases: Array<{ kind: 'ta' | 'pd'; leases: string }> = [];
    for (const [kind, earlier] of [
      ['ta', ta],
      ['pd', pd],
    ] as const) {
      const again = earlier.replace('binding state active;', 'binding state released;');
      const before = kind === 'ta' ? text + earlier : text;
      for (const k of [again.indexOf('  }\n') + 4, again.indexOf('cltt') + 6]) {
        cases.push({ kind, leases: before + again.slice(0, k) });
      }
    }
    const now = new Date();
    const real = await dhcpdTestMany(
      cases.map((c) => ({
        conf: { content: conf },
        leases: { content: c.leases },
        family: 6 as const,
      })),
    );
    // After the complete block the earlier binding is gone; cut inside cltt, it stays.
    expect(real.map((r, i) => r.wrote[cases[i]!.kind])).toEqual([0, 1, 0, 1]);
    for (const [i, c] of cases.entries()) {
      const wrote = await predicted(c.leases, conf, now);
      const r = real[i]!.wrote;
      expect({ case: i, na: wrote.na, ta: wrote.ta, pd: wrote.pd }).toEqual({
        case: i,
        na: r.na,
        ta: r.ta,
        pd: r.pd,
      });
    }
  }, 120_000);
});
