// The v6 files of the differential corpus, read by `dhcpd -6 -T`: the real
// fixture v6.leases whole and cut at sampled bytes (the last IA at every other
// byte), generated v6 files and cuts of them, the IAs dhcpd refuses after the
// syntax (an iaaddr without `ends` or `binding state`, an IAID+DUID too short
// or too long, a state dhcpd -6 does not read), each followed by a declaration
// its recovery swallows, and a later copy of an IA cut before its last `}`.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { leasesFileWithConfig } from '../../src/arbitraries/index.js';
import { randomInts } from '../harness/index.js';
import type { CorpusCase } from './corpus.js';
import { fixture } from './fixtures.js';

const conf6 = `authoritative;
subnet6 fd00::/64 {
  range6 fd00::100 fd00::1ff;
  prefix6 fd00:0:0:100:: fd00:0:0:1ff:: /64;
}
`;

const duid = '\\001\\000\\000\\000\\000\\001\\000\\0012\\235\\213hz%\\335R';

function block(address: string, state = 'active', ends = '4 2037/12/10 20:00:00'): string {
  const sub = address.includes('/') ? 'iaprefix' : 'iaaddr';
  return (
    `  ${sub} ${address} {\n` +
    (state ? `    binding state ${state};\n` : '') +
    '    preferred-life 375;\n    max-life 600;\n' +
    (ends ? `    ends ${ends};\n` : '') +
    '  }\n'
  );
}

function ia(kind: string, blocks: string, id = duid): string {
  return `${kind} "${id}" {\n  cltt 4 2026/12/10 10:00:00;\n${blocks}}\n`;
}

const other = duid.replace('R', 'S');

/** Hand-made v6 files: each names what dhcpd -6 does with it. */
function handMade6(): CorpusCase[] {
  const made = (label: string, text: string): CorpusCase => ({
    label: `v6: ${label}`,
    leases: Buffer.from(text, 'latin1'),
    conf: conf6,
    family: 6,
  });
  const next = ia('ia-na', block('fd00::101'), other);
  const v4lease =
    'lease 10.0.0.10 {\n  starts 4 2026/12/10 10:00:00;\n  ends 4 2037/12/10 20:00:00;\n  binding state active;\n}\n';
  const expired = ia('ia-na', block('fd00::100', 'expired', '4 2026/12/10 11:00:00'));
  return [
    made(
      'whole IAs of every kind',
      ia('ia-na', block('fd00::100')) +
        ia('ia-ta', block('fd00::102')) +
        ia('ia-pd', block('fd00:0:0:100::/64')),
    ),
    made(
      'an iaaddr without ends, then an IA',
      ia('ia-na', block('fd00::100', 'active', '')) + next,
    ),
    made('an iaaddr without binding state, then an IA', ia('ia-na', block('fd00::100', '')) + next),
    made(
      'an iaprefix without ends, then an IA',
      ia('ia-pd', block('fd00:0:0:100::/64', 'active', '')) + next,
    ),
    made(
      'an IAID+DUID of 5 bytes, then an IA',
      ia('ia-na', block('fd00::100'), '\\001\\002\\003\\004\\005') + next,
    ),
    made(
      'an IAID+DUID of 132 bytes, then an IA',
      ia('ia-na', block('fd00::100'), '\\001'.repeat(132)) + next,
    ),
    made('a v4 state in an iaaddr, then an IA', ia('ia-na', block('fd00::100', 'backup')) + next),
    made(
      'a refused IA, then a v4 lease and an IA',
      ia('ia-na', block('fd00::100', 'active', '')) + v4lease + next,
    ),
    made(
      'a released copy of an IA after the active one',
      ia('ia-na', block('fd00::100')) + ia('ia-na', block('fd00::100', 'released')),
    ),
    made(
      'the same address in two IAs',
      ia('ia-na', block('fd00::100')) + ia('ia-na', block('fd00::100'), other),
    ),
    made(
      'an expired later copy lacking only its last `}`',
      ia('ia-na', block('fd00::100')) + expired.slice(0, expired.lastIndexOf('}')),
    ),
    made(
      'a run-on string in an IA, then an IA',
      ia('ia-na', block('fd00::100'), 'x'.repeat(1500)) + next,
    ),
    made('an address in no range6', ia('ia-na', block('fd00::5')) + next),
    {
      ...made(
        'an ia-ta in a temporary range6, one in a plain range6',
        ia('ia-ta', block('fd00::1:0:0:5')) + ia('ia-ta', block('fd00::105'), other),
      ),
      conf: conf6.replace('  prefix6', '  range6 fd00:0:0:0:1::/80 temporary;\n  prefix6'),
    },
  ];
}

/** `count` offsets in [1, length) spread evenly. */
function sampled(length: number, count: number): number[] {
  const cuts = new Set<number>();
  for (let i = 1; i <= count; i++) cuts.add(Math.max(1, Math.floor((i * length) / (count + 1))));
  return [...cuts].sort((a, b) => a - b);
}

/** The v6 corpus for one seed (generated files and cuts vary with it). */
export function corpus6(
  seed: number,
  sizes: { generated: number; fixtureCuts: number },
): CorpusCase[] {
  const next = randomInts(seed ^ 0x6666);
  const all = handMade6();

  // The real fixture: whole, its last IA cut at every other byte, the rest at sampled bytes.
  const bytes = readFileSync(fixture('v6.leases'));
  const conf = readFileSync(fixture('v6.conf'), 'latin1');
  const add = (label: string, leases: Buffer, confText = conf) =>
    all.push({ label, leases, conf: confText, family: 6 });
  add('fixture v6.leases', bytes);
  const lastIa = bytes.lastIndexOf('ia-pd');
  for (let cut = lastIa + 1 + next(2); cut < bytes.length; cut += 2)
    add(`fixture v6.leases cut at ${cut}`, bytes.subarray(0, cut));
  for (const cut of sampled(lastIa, sizes.fixtureCuts)) {
    const at = Math.min(lastIa - 1, cut + next(7));
    add(`fixture v6.leases cut at ${at}`, bytes.subarray(0, at));
  }

  const generated = fc.sample(leasesFileWithConfig({ now: new Date(), family: 'v6' }), {
    seed,
    numRuns: sizes.generated,
  });
  generated.forEach((sample, index) => {
    const text = Buffer.from(sample.leases, 'latin1');
    add(`v6 generated #${index}`, text, sample.config);
    const at = 1 + next(text.length - 1);
    add(`v6 generated #${index} cut at ${at}`, text.subarray(0, at), sample.config);
  });
  return all;
}
