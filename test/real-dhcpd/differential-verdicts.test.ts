// Differential verdicts: for real fixtures, generated files and truncations of
// both at sampled offsets, `leasecheck check` says `clean` exactly when the
// real `dhcpd -T` prints no parse warning, and a truncated tail is placed on
// the line where dhcpd reports the end of file.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { leasesFileWithConfig } from '../../src/arbitraries/index.js';
import type { CheckReport } from '../../src/check/types.js';
import {
  cleanupAfterAll,
  dhcpdTestMany,
  gateOnFeatures,
  loadCheckLeaseFile,
  randomInts,
  requireRealDhcpd,
  runSeed,
  runSize,
  cleanupTempDir,
  type DhcpdTestResult,
  type FileInput,
} from '../harness/index.js';
import { compareWithDhcpd } from './compare.js';
import { fixture } from './fixtures.js';
import { pending } from './pending.js';
import { loadPredictWrote } from './predict-wrote.js';
import { explain, type DifferentialCase, type Disagreement } from './known-differences.js';

const gate = requireRealDhcpd();
const checkLeaseFile = await loadCheckLeaseFile();
const features = gate.skip
  ? { skip: true, reason: '' }
  : gateOnFeatures(
      'differential verdicts against dhcpd -T',
      checkLeaseFile === null ? ['checkLeaseFile (src/check/index.ts)'] : [],
      pending,
    );
const predictWrote = await loadPredictWrote();
const wroteFeatures =
  gate.skip || features.skip
    ? { skip: true, reason: '' }
    : gateOnFeatures(
        'differential Wrote N predictions',
        Array.isArray(predictWrote) ? predictWrote : [],
        pending,
      );

/** The real fixtures and the configs they were written under. */
const fixtures: { leases: string; conf: string }[] = [
  { leases: 'srv.leases', conf: 'srv.conf' },
  { leases: 'v6.leases', conf: 'v6.conf' },
  { leases: 'fo-primary.leases', conf: 'fo-primary.conf' },
  { leases: 'fo-secondary.leases', conf: 'fo-secondary.conf' },
  { leases: 'enospc-truncated.leases', conf: 'enospc.conf' },
];

interface Case extends DifferentialCase {
  conf: FileInput;
}

interface Outcome {
  case: Case;
  dhcpd: DhcpdTestResult;
  report: CheckReport;
}

/** `count` cut points in `length` bytes: half anywhere, half in the last 600 bytes (inside the last declarations). */
function cutPoints(length: number, count: number, next: (n: number) => number): number[] {
  const cuts = new Set<number>();
  for (let i = 0; cuts.size < Math.min(count, length - 1) && i < count * 4; i++) {
    const tail = Math.min(600, length - 1);
    cuts.add(i % 2 === 0 ? 1 + next(length - 1) : length - 1 - next(tail));
  }
  return [...cuts].sort((a, b) => a - b);
}

function cases(seed: number): Case[] {
  const next = randomInts(seed);
  const all: Case[] = [];
  const cutsPerFixture = runSize(50, 500);
  for (const { leases, conf } of fixtures) {
    const bytes = readFileSync(fixture(leases));
    const family = conf === 'v6.conf' ? 6 : 4;
    all.push({ label: `fixture ${leases}`, leases: bytes, conf: fixture(conf), family });
    for (const cut of cutPoints(bytes.length, cutsPerFixture, next)) {
      all.push({
        label: `fixture ${leases} cut at ${cut}`,
        leases: bytes.subarray(0, cut),
        conf: fixture(conf),
        family,
      });
    }
  }
  const generated = fc.sample(leasesFileWithConfig({ now: new Date() }), {
    seed,
    numRuns: runSize(60, 600),
  });
  const cutsPerGenerated = runSize(4, 8);
  generated.forEach((sample, index) => {
    const bytes = Buffer.from(sample.leases, 'latin1');
    const family = sample.family === 'v6' ? 6 : 4;
    const conf = { content: sample.config };
    all.push({ label: `generated #${index}`, leases: bytes, conf, family });
    for (const cut of cutPoints(bytes.length, cutsPerGenerated, next)) {
      all.push({
        label: `generated #${index} cut at ${cut}`,
        leases: bytes.subarray(0, cut),
        conf,
        family,
      });
    }
  });
  return all;
}

function disagreements(outcomes: Outcome[]): Disagreement[] {
  return outcomes
    .map(({ case: item, dhcpd, report }) => compareWithDhcpd(item, dhcpd, report))
    .filter((found): found is Disagreement => found !== null);
}

async function keepForInspection(
  seed: number,
  kind: Disagreement['kind'],
  unexplained: Disagreement[],
): Promise<string> {
  const dir = join(tmpdir(), `leasecheck-differential-${seed}`, kind);
  await mkdir(dir, { recursive: true });
  await Promise.all(
    unexplained.slice(0, 500).map(async (d, index) => {
      await writeFile(join(dir, `case-${index}.leases`), d.case.leases);
      const conf = d.case.conf;
      if (conf !== undefined) {
        const text = typeof conf === 'string' ? await readFile(conf) : conf.content;
        await writeFile(join(dir, `case-${index}.conf`), text);
      }
    }),
  );
  return dir;
}

/** Up to 8 disagreements of each kind, with the case-N names of the kept files. */
function describeAll(list: Disagreement[]): string {
  const kinds = [...new Set(list.map((d) => d.kind))];
  return kinds
    .map((kind) => {
      const ofKind = list.map((d, index) => ({ d, index })).filter(({ d }) => d.kind === kind);
      const shown = ofKind
        .slice(0, 8)
        .map(({ d, index }) => `  case-${index}: ${d.case.label}: ${d.detail}`);
      return [`${kind}: ${ofKind.length}`, ...shown].join('\n');
    })
    .join('\n');
}

describe.skipIf(gate.skip || features.skip)(
  'differential: leasecheck check vs the real dhcpd -T',
  () => {
    const cleanup = cleanupAfterAll();
    let seed = 0;
    let outcomes: Outcome[] = [];
    /** When dhcpd -T ran: its clock decides which leases expire (dates in generated files are days away from it). */
    let dhcpdTime = new Date();

    beforeAll(async () => {
      seed = runSeed('differential verdicts');
      const all = cases(seed);
      const dir = await cleanupTempDir(cleanup, 'differential');
      dhcpdTime = new Date();
      const dhcpd = await dhcpdTestMany(
        all.map((item) => ({
          conf: item.conf,
          leases: { content: item.leases },
          family: item.family,
        })),
      );
      const now = dhcpdTime;
      const reports: CheckReport[] = [];
      for (const [index, item] of all.entries()) {
        const path = join(dir, `case-${index}.leases`);
        await writeFile(path, item.leases);
        reports.push(await (checkLeaseFile as NonNullable<typeof checkLeaseFile>)(path, { now }));
      }
      outcomes = all.map((item, index) => ({
        case: item,
        dhcpd: dhcpd[index] as DhcpdTestResult,
        report: reports[index] as CheckReport,
      }));
    }, 600_000);

    it('runs at least 500 seeded cases (more with LEASECHECK_LONG=1)', () => {
      expect(outcomes.length).toBeGreaterThanOrEqual(500);
    });

    it('gives dhcpd a config that covers every address (no "no subnet" drops)', () => {
      const uncovered = outcomes.filter((o) => o.dhcpd.noSubnet.length > 0);
      expect(uncovered.map((o) => `${o.case.label}: ${o.dhcpd.noSubnet.join(', ')}`)).toEqual([]);
    });

    /** Fails with the disagreements of `kind` that known-differences.ts does not explain. */
    async function expectNoUnexplained(
      kind: Disagreement['kind'],
      found: Disagreement[],
      of: number,
    ) {
      const unexplained = found.filter((d) => d.kind === kind && explain(d) === undefined);
      if (unexplained.length > 0) {
        const dir = await keepForInspection(seed, kind, unexplained);
        expect.fail(
          `${unexplained.length} of ${of} cases disagree with dhcpd -T (seed ${seed}; files in ${dir}; ` +
            `list accepted ones in test/real-dhcpd/known-differences.ts and the README):\n${describeAll(unexplained)}`,
        );
      }
    }

    it('says clean exactly when dhcpd -T prints no parse warning', async () => {
      await expectNoUnexplained('verdict', disagreements(outcomes), outcomes.length);
    });

    it('puts a truncated tail on the line where dhcpd -T meets the end of the file', async () => {
      await expectNoUnexplained('line', disagreements(outcomes), outcomes.length);
    });

    it.skipIf(wroteFeatures.skip)(
      `predicts dhcpd -T's "Wrote N leases" for every clean v4 file`,
      async () => {
        const predict = predictWrote as Exclude<typeof predictWrote, string[]>;
        const dir = await cleanupTempDir(cleanup, 'wrote');
        const found: Disagreement[] = [];
        let compared = 0;
        for (const [index, outcome] of outcomes.entries()) {
          const { case: item, dhcpd, report } = outcome;
          if (item.family !== 4 || report.verdict !== 'clean' || dhcpd.wrote.leases === undefined)
            continue;
          const path = join(dir, `case-${index}.leases`);
          await writeFile(path, item.leases);
          const conf =
            typeof item.conf === 'string'
              ? await readFile(item.conf, 'latin1')
              : Buffer.from(item.conf.content).toString('latin1');
          const predicted = await predict(path, conf, report, dhcpdTime);
          compared++;
          if (predicted !== dhcpd.wrote.leases) {
            found.push({
              kind: 'wrote',
              case: item,
              dhcpd,
              report,
              detail: `leasecheck predicts Wrote ${predicted} leases, dhcpd -T wrote ${dhcpd.wrote.leases}`,
            });
          }
        }
        expect(compared).toBeGreaterThan(0);
        const unexplained = found.filter((d) => explain(d) === undefined);
        if (unexplained.length > 0) {
          const kept = await keepForInspection(seed, 'wrote', unexplained);
          expect.fail(
            `${unexplained.length} of ${compared} clean v4 files: the Wrote prediction differs from dhcpd -T (seed ${seed}; files in ${kept}):\n${describeAll(unexplained)}`,
          );
        }
      },
    );

    it('meets both verdicts: some cases are clean, some are not', () => {
      const clean = outcomes.filter((o) => o.report.verdict === 'clean').length;
      expect(clean).toBeGreaterThan(0);
      expect(outcomes.length - clean).toBeGreaterThan(0);
    });
  },
);
