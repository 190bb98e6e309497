// Differential property test: for generated whole lease files (every binding
// state, next state, ends in the past/future/never/absent, with or without
// hardware, uid, tsfp; repeated addresses; addresses outside the ranges),
// predictWrittenLeases must give the N of dhcpd -T's "Wrote N leases".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dhcpdTestMany, requireRealDhcpd } from '../harness/index.js';
import { expectedWrote } from './expected-count.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtures, plainConf } from './leases-for-cuts.js';

const gate = requireRealDhcpd();

const states = [
  'free',
  'active',
  'expired',
  'released',
  'abandoned',
  'reset',
  'backup',
  'bootp',
  'reserved',
];
const endsForms = ['1 2001/01/01 00:10:00', '4 2037/12/31 00:00:00', 'never', null];

const leaseArb = fc.record({
  address: fc.constantFrom(
    '10.0.0.10',
    '10.0.0.11',
    '10.0.0.12',
    '10.0.0.13',
    '10.0.5.1',
    '10.0.1.3',
    '10.0.1.4',
  ),
  state: fc.option(fc.constantFrom(...states), { nil: null }),
  next: fc.option(fc.constantFrom(...states), { nil: null }),
  ends: fc.constantFrom(...endsForms),
  hardware: fc.boolean(),
  uid: fc.boolean(),
  tsfp: fc.boolean(),
  abandonedLegacy: fc.boolean(),
});

type GenLease = typeof leaseArb extends fc.Arbitrary<infer T> ? T : never;

function leaseText(l: GenLease): string {
  const lines = [`lease ${l.address} {`, '  starts 1 2001/01/01 00:00:00;'];
  if (l.ends !== null) lines.push(`  ends ${l.ends};`);
  if (l.tsfp) lines.push('  tsfp 1 2001/01/01 00:10:00;');
  if (l.state !== null) lines.push(`  binding state ${l.state};`);
  if (l.next !== null) lines.push(`  next binding state ${l.next};`);
  if (l.abandonedLegacy && l.state === null) lines.push('  abandoned;');
  if (l.hardware) lines.push('  hardware ethernet 00:11:22:33:44:55;');
  if (l.uid) lines.push('  uid "\\001\\000\\021\\"3DU";');
  lines.push('}');
  return lines.join('\n') + '\n';
}

const failoverStates = [
  'normal',
  'partner-down',
  'communications-interrupted',
  'recover',
  'startup',
];

/** A failover state block as dhcpd writes it (server/db.c write_failover_state). */
function stateBlock(my: string, partner: string): string {
  return `failover peer "foo" state {\n  my state ${my} at 1 2001/01/01 00:00:00;\n  partner state ${partner} at 1 2001/01/01 00:00:00;\n}\n`;
}

async function compare(conf: string, files: string[], seed: number): Promise<string[]> {
  const now = new Date();
  const real = await dhcpdTestMany(
    files.map((f) => ({ conf: { content: conf }, leases: { content: f } })),
  );
  return files.flatMap((f, i) => {
    const want = expectedWrote(f, null, null, conf, now);
    const got = real[i]?.wrote.leases;
    return got === want
      ? []
      : [`seed ${seed} file ${i}: dhcpd wrote ${got}, predicted ${want}\n${f}`];
  });
}

describe.skipIf(gate.skip)(
  'predicted `Wrote N leases` against dhcpd -T on generated whole files',
  () => {
    it('matches for every generated file', async () => {
      const seed = Number(process.env.FC_SEED ?? 20261128);
      const numRuns = Number(process.env.FC_RUNS ?? 300);
      const files = fc
        .sample(fc.array(leaseArb, { minLength: 1, maxLength: 12 }), { seed, numRuns })
        .map((ls) => ls.map(leaseText).join(''));
      expect(await compare(plainConf, files, seed)).toEqual([]);
      expect(files.length).toBe(numRuns);
    }, 300_000);

    it.each(['fo-primary.conf', 'fo-secondary.conf'])(
      'matches in a failover pool (%s), whatever failover state the file records',
      async (confName) => {
        const conf = readFileSync(join(fixtures, confName), 'latin1');
        const seed = Number(process.env.FC_SEED ?? 20261128);
        const numRuns = Number(process.env.FC_RUNS ?? 300);
        const fileArb = fc.tuple(
          fc.constantFrom(...failoverStates),
          fc.constantFrom(...failoverStates),
          fc.array(leaseArb, { minLength: 1, maxLength: 12 }),
        );
        const files = fc
          .sample(fileArb, { seed, numRuns })
          .map(([my, partner, ls]) => stateBlock(my, partner) + ls.map(leaseText).join(''));
        expect(await compare(conf, files, seed)).toEqual([]);
      },
      300_000,
    );

    it('partner-down: a lease that expires at start-up gains a tsfp and stays written; one already expired does not', async () => {
      const conf = readFileSync(join(fixtures, 'fo-primary.conf'), 'latin1');
      const leases = (my: string): string =>
        stateBlock(my, 'communications-interrupted') +
        leaseText({
          address: '10.0.1.3',
          state: 'active',
          next: 'expired',
          ends: endsForms[0] as string,
          hardware: false,
          uid: false,
          tsfp: false,
          abandonedLegacy: false,
        }) +
        leaseText({
          address: '10.0.1.4',
          state: 'expired',
          next: 'free',
          ends: endsForms[0] as string,
          hardware: false,
          uid: false,
          tsfp: false,
          abandonedLegacy: false,
        });
      const files = [leases('partner-down'), leases('normal')];
      expect(await compare(conf, files, 0)).toEqual([]);
      expect(files.map((f) => expectedWrote(f, null, null, conf, new Date()))).toEqual([1, 2]);
    }, 60_000);
  },
);
