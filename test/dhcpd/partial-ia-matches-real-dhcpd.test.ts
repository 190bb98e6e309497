// A v6 lease file cut at every byte inside an IA: dhcpd never enters the
// partial IA (parse_ia_na/pd_declaration return early at end of file), so its
// `Wrote N NA, N TA, N PD` counts are those of the declarations before it,
// as predictPartialLease says ("dropped").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dhcpdTestMany, requireRealDhcpd } from '../harness/index.js';
import { predictPartialLease } from '../../src/dhcpd/partial-declaration.js';
import { fixtures } from './leases-for-cuts.js';

const gate = requireRealDhcpd();

describe.skipIf(gate.skip)('a partial IA (real dhcpd -6 -T)', () => {
  const text = readFileSync(join(fixtures, 'v6.leases'), 'latin1');
  const conf = readFileSync(join(fixtures, 'v6.conf'), 'latin1');
  const na = text.indexOf('ia-na');
  const naEnd = text.indexOf('\n}\n', na) + 2;
  const pd = text.indexOf('ia-pd');
  const pdEnd = text.indexOf('\n}', pd) + 2;

  it.each([
    ['ia-na', na, naEnd, { na: 0, ta: 0, pd: 0 }],
    ['ia-pd', pd, pdEnd, { na: 1, ta: 0, pd: 0 }],
  ] as const)(
    'cut at every byte inside the %s: never entered',
    async (kind, start, end, counts) => {
      expect(
        predictPartialLease({ kind, completeStatements: [], cutInside: null }, new Date()).action,
      ).toBe('dropped');
      const cuts: number[] = [];
      for (let k = start + 1; k < end; k++) cuts.push(k);
      const results = await dhcpdTestMany(
        cuts.map((k) => ({ conf: { content: conf }, leases: { content: text.slice(0, k) } })),
      );
      const wrong = results.flatMap((r, i) =>
        r.wrote.na === counts.na && r.wrote.ta === counts.ta && r.wrote.pd === counts.pd
          ? []
          : [`cut ${cuts[i]}: ${JSON.stringify(r.wrote)}`],
      );
      expect(cuts.length).toBeGreaterThan(200);
      expect(wrong).toEqual([]);
    },
    120_000,
  );
});
