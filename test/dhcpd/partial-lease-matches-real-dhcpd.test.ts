// Differential test: for lease files whose last lease is cut at every byte,
// leasecheck's model of dhcpd (loaded or dropped, with which fields and state,
// then which leases start-up keeps) must give the `Wrote N leases` count and
// the parse warnings that the real `dhcpd -T` prints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dhcpdTestMany, requireRealDhcpd, type DhcpdTestResult } from '../harness/index.js';
import {
  simulatePartialDeclaration,
  type PartialPrediction,
} from '../../src/dhcpd/partial-declaration.js';
import { cutLease } from './cut-lease.js';
import { expectedWrote, rangesOf } from './expected-count.js';
import {
  fixtureCases,
  fixtures,
  handWrittenCases,
  nearNowCases,
  type CutCase,
} from './leases-for-cuts.js';

const gate = requireRealDhcpd();

/** Totals over all cases, printed at the end: how much was compared. */
const compared = { cuts: 0, warnings: 0, loaded: 0, dropped: 0 };

interface Mismatch {
  case: string;
  cut: number;
  tail: string;
  what: string;
}

function normalise(message: string): string {
  return message.trim();
}

function predictedWarnings(p: PartialPrediction | null): string[] {
  if (p === null) return ['Corrupt lease file - possible data loss!'];
  const w = [...p.warnings];
  if (p.outcome.action === 'dropped') w.push('possibly corrupt lease file');
  return w.map(normalise);
}

async function compareCuts(
  c: CutCase,
  step = 1,
): Promise<{ cases: number; mismatches: Mismatch[] }> {
  const key = /^lease ([\d.]+)/.exec(c.last)?.[1] ?? null;
  const cuts: number[] = [];
  for (let k = 1; k < c.last.length; k += step) cuts.push(k);
  const now = new Date();
  const predictions = cuts.map((k) =>
    k < 'lease'.length
      ? null
      : simulatePartialDeclaration(cutLease(c.last.slice(0, k)), now, rangesOf(c.conf, c.prefix)),
  );
  const results: DhcpdTestResult[] = await dhcpdTestMany(
    cuts.map((k) => ({
      conf: { content: c.conf },
      leases: { content: c.prefix + c.last.slice(0, k) },
    })),
  );
  const mismatches: Mismatch[] = [];
  compared.cuts += cuts.length;
  cuts.forEach((k, i) => {
    const real = results[i] as DhcpdTestResult;
    const p = predictions[i] ?? null;
    const tail = JSON.stringify(c.last.slice(0, k).split('\n').pop());
    const want = expectedWrote(c.prefix, p, key, c.conf, now);
    if (real.wrote.leases !== want) {
      mismatches.push({
        case: c.name,
        cut: k,
        tail,
        what: `Wrote ${real.wrote.leases}, predicted ${want} (${p?.outcome.explanation ?? 'not a lease'})`,
      });
    }
    const noSubnet = p?.outcome.action === 'loaded' && p.fate?.inRange === false ? 1 : 0;
    if (real.noSubnet.length !== noSubnet) {
      mismatches.push({
        case: c.name,
        cut: k,
        tail,
        what: `"no subnet" ${real.noSubnet.length} times, predicted ${noSubnet}`,
      });
    }
    if (p === null || p.exact) compared.warnings++;
    if (p?.outcome.action === 'loaded') compared.loaded++;
    else compared.dropped++;
    const realWarnings = real.warnings.map((w) => normalise(w.message));
    const predicted = predictedWarnings(p);
    if ((p === null || p.exact) && JSON.stringify(realWarnings) !== JSON.stringify(predicted)) {
      mismatches.push({
        case: c.name,
        cut: k,
        tail,
        what: `warnings ${JSON.stringify(realWarnings)}, predicted ${JSON.stringify(predicted)}`,
      });
    }
  });
  return { cases: cuts.length, mismatches };
}

describe.skipIf(gate.skip)('what dhcpd does with a lease cut at every byte (real dhcpd -T)', () => {
  afterAll(() => {
    console.info(
      `[dhcpd -T differential] ${compared.cuts} cuts: count compared for all, warnings for ${compared.warnings}; ` +
        `predicted loaded ${compared.loaded}, dropped or not a lease ${compared.dropped}`,
    );
  });
  const all = [...fixtureCases(), ...handWrittenCases(), ...nearNowCases(new Date())];
  for (const c of all) {
    // The disk-full file has a /16 range: dhcpd -T takes ~0.4 s a run there, so every 8th byte unless LEASECHECK_LONG is set.
    const step = c.name.startsWith('enospc') && !process.env.LEASECHECK_LONG ? 8 : 1;
    it(`${c.name}: count and warnings match at every cut`, async () => {
      const { cases, mismatches } = await compareCuts(c, step);
      expect(cases).toBeGreaterThan(25);
      expect(mismatches.map((m) => `${m.cut} ${m.tail}: ${m.what}`)).toEqual([]);
    }, 300_000);
  }

  it('enospc-truncated.leases as the disk left it: count and warnings match', async () => {
    const text = readFileSync(join(fixtures, 'enospc-truncated.leases'), 'latin1');
    const conf = readFileSync(join(fixtures, 'enospc.conf'), 'latin1');
    const start = [...text.matchAll(/^lease /gm)].pop()?.index ?? 0;
    const prefix = text.slice(0, start);
    const partialText = text.slice(start);
    const now = new Date();
    const p = simulatePartialDeclaration(cutLease(partialText), now, rangesOf(conf, prefix));
    const [real] = await dhcpdTestMany([{ conf: { content: conf }, leases: { content: text } }]);
    expect(real!.wrote.leases).toBe(
      expectedWrote(prefix, p, /^lease ([\d.]+)/.exec(partialText)![1]!, conf, now),
    );
    expect(real!.warnings.map((w) => w.message.trim())).toEqual(predictedWarnings(p));
    expect(real!.warnings.map((w) => w.line)).toEqual([452, 452, 452]);
  }, 60_000);
});
