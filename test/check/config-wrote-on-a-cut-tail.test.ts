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
});
