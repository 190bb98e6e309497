// The differential corpus: for every file of corpus.ts (v4, read by dhcpd -T)
// and corpus6.ts (v6, read by dhcpd -6 -T), the real dhcpd and leasecheck must agree:
// - each line on which dhcpd -T complains carries a leasecheck problem;
// - where dhcpd is silent, leasecheck reports no error (and where dhcpd
//   complains, leasecheck reports something);
// - `check --config`'s predicted "Wrote N leases" (v4) or "Wrote N NA, N TA,
//   N PD leases" (v6) equals dhcpd's, damaged or not;
// - the snapshot dhcpd writes of what it loaded (kept from dhcpd -T, see
//   harness keepRewrite) checks without an error: dhcpd's own rewrites,
//   including after loading partial leases, are never called damaged.
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import type { CheckReport } from '../../src/check/types.js';
import {
  cleanupAfterAll,
  dhcpdTestMany,
  requireRealDhcpd,
  runSeed,
  runSize,
  cleanupTempDir,
  type DhcpdTestResult,
} from '../harness/index.js';
import { corpus, type CorpusCase } from './corpus.js';
import { corpus6 } from './corpus6.js';
import { explain, type Disagreement } from './known-differences.js';
import { planFromText } from '../../src/conf/index.js';

const gate = requireRealDhcpd(['strace']);

interface Outcome {
  item: CorpusCase;
  dhcpd: DhcpdTestResult;
  report: CheckReport;
  /** The predicted Wrote line: N leases (v4), or N NA, N TA, N PD (v6). */
  wrote: string | null;
  rewrite: CheckReport | null;
}

/** dhcpd's Wrote line and leasecheck's prediction, in the same words. */
function wroteLine(
  family: 4 | 6,
  w: { leases?: number; written?: number; na?: number; ta?: number; pd?: number } | undefined,
): string | null {
  if (!w) return null;
  if (family === 6)
    return w.na === undefined ? null : `${w.na} NA, ${w.ta ?? 0} TA, ${w.pd ?? 0} PD`;
  const n = w.leases ?? w.written;
  return n === undefined ? null : `${n}`;
}

function disagreements(o: Outcome): Disagreement[] {
  const found: Disagreement[] = [];
  const add = (kind: Disagreement['kind'], detail: string, report = o.report) =>
    found.push({
      kind,
      case: {
        label: o.item.label,
        leases: o.item.leases,
        family: o.item.family ?? 4,
        conf: { content: o.item.conf },
      },
      dhcpd: o.dhcpd,
      report,
      detail,
    });
  const said = o.dhcpd.warnings.map((w) => `line ${w.line ?? '-'}: ${w.message}`).join('; ');
  const problemLines = new Set(o.report.problems.map((p) => p.line));
  const dhcpdLines = [...new Set(o.dhcpd.warnings.map((w) => w.line))].filter(
    (line): line is number => line !== null,
  );
  const missing = dhcpdLines.filter((line) => !problemLines.has(line));
  if (missing.length > 0) {
    add(
      'line',
      `dhcpd -T complains on line(s) ${missing.join(', ')} where leasecheck reports nothing (dhcpd: ${said}; leasecheck: ${o.report.problems.map((p) => `line ${p.line} ${p.code}`).join(', ') || 'nothing'})`,
    );
  }
  const errors = o.report.problems.filter((p) => p.severity === 'error');
  if (o.dhcpd.warnings.length === 0 && errors.length > 0) {
    add(
      'silent',
      `dhcpd -T is silent, leasecheck reports ${errors.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`,
    );
  }
  const noticed = o.report.problems.filter((p) => p.severity !== 'info');
  if (o.dhcpd.warnings.length > 0 && noticed.length === 0) {
    add('unnoticed', `dhcpd -T says ${said}; leasecheck reports nothing`);
  }
  const dhcpdWrote = wroteLine(o.item.family ?? 4, o.dhcpd.wrote);
  if (o.wrote !== null && dhcpdWrote !== null && o.wrote !== dhcpdWrote) {
    add('wrote', `leasecheck predicts Wrote ${o.wrote} leases, dhcpd -T wrote ${dhcpdWrote}`);
  }
  const rewriteErrors = o.rewrite?.problems.filter((p) => p.severity === 'error') ?? [];
  if (rewriteErrors.length > 0 && o.rewrite) {
    add(
      'rewrite',
      `the file dhcpd wrote checks with ${rewriteErrors.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`,
      o.rewrite,
    );
  }
  return found;
}

describe.skipIf(gate.skip)(
  'differential corpus: leasecheck vs the real dhcpd -T, file by file',
  () => {
    const cleanup = cleanupAfterAll();
    let seed = 0;
    let outcomes: Outcome[] = [];

    beforeAll(async () => {
      seed = runSeed('differential corpus');
      const items = [
        ...corpus(seed, { generated: runSize(30, 300), fixtureCuts: runSize(6, 120) }),
        ...corpus6(seed, { generated: runSize(20, 200), fixtureCuts: runSize(40, 400) }),
      ];
      const dir = await cleanupTempDir(cleanup, 'corpus');
      const now = new Date();
      const started = Date.now();
      // dhcpd -T spends most of its ~100 ms waiting, not computing: four at a time on two cores.
      const dhcpd = await dhcpdTestMany(
        items.map((item) => ({
          conf: { content: item.conf },
          leases: { content: item.leases },
          family: item.family ?? 4,
          keepRewrite: true,
        })),
        4,
      );
      const ran = Date.now();
      outcomes = [];
      for (const [index, item] of items.entries()) {
        const path = join(dir, `case-${index}.leases`);
        await writeFile(path, item.leases);
        // `check FILE --config dhcpd.conf --now TIME`: its problems are plain check's,
        // and it predicts the Wrote line (as predict-wrote.ts does).
        const plan = planFromText(item.conf, 'dhcpd.conf');
        const report = await checkLeaseFile(path, { now, config: { file: 'dhcpd.conf', plan } });
        const result = dhcpd[index] as DhcpdTestResult;
        const wrote = wroteLine(item.family ?? 4, report.config?.wrote);
        let rewrite: CheckReport | null = null;
        if (result.rewrite) {
          const rewritten = join(dir, `case-${index}.rewritten`);
          await writeFile(rewritten, result.rewrite);
          rewrite = await checkLeaseFile(rewritten, { now });
        }
        outcomes.push({ item, dhcpd: result, report, wrote, rewrite });
      }
      const v6 = items.filter((item) => item.family === 6).length;
      console.info(
        `[real-dhcpd] differential corpus: ${items.length - v6} v4 and ${v6} v6 files; dhcpd -T ${((ran - started) / 1000).toFixed(1)} s, leasecheck ${((Date.now() - ran) / 1000).toFixed(1)} s`,
      );
    }, 600_000);

    it('covers every kind of case: clean, damaged, cut, and rewritten by dhcpd', () => {
      expect(outcomes.length).toBeGreaterThan(550);
      const v6 = outcomes.filter((o) => o.item.family === 6);
      expect(v6.length).toBeGreaterThan(150);
      expect(v6.filter((o) => o.dhcpd.warnings.length > 0).length).toBeGreaterThan(50);
      expect(
        v6.filter((o) => (o.dhcpd.wrote.na ?? 0) + (o.dhcpd.wrote.pd ?? 0) > 0).length,
      ).toBeGreaterThan(50);
      expect(outcomes.filter((o) => o.dhcpd.warnings.length === 0).length).toBeGreaterThan(25);
      expect(outcomes.filter((o) => o.dhcpd.warnings.length > 0).length).toBeGreaterThan(300);
      expect(outcomes.filter((o) => o.rewrite !== null).length).toBe(outcomes.length);
      // Only the hand-written lease outside every range is dropped as "no subnet".
      expect(
        outcomes.filter(
          (o) =>
            o.dhcpd.noSubnet.length > 0 &&
            !o.item.leases.includes('10.0.5.1') &&
            o.item.family !== 6,
        ),
      ).toEqual([]);
    });

    it('agrees with dhcpd -T on every file (lines, silence, Wrote N, its own rewrites)', async () => {
      const found = outcomes.flatMap(disagreements);
      const unexplained = found.filter((d) => explain(d) === undefined);
      if (unexplained.length === 0) return;
      const keep = join(tmpdir(), `leasecheck-corpus-${seed}`);
      await mkdir(keep, { recursive: true });
      await Promise.all(
        unexplained.slice(0, 200).map(async (d, index) => {
          await writeFile(join(keep, `case-${index}.leases`), d.case.leases);
          const conf = d.case.conf;
          if (conf !== undefined && typeof conf !== 'string')
            await writeFile(join(keep, `case-${index}.conf`), conf.content);
        }),
      );
      const byKind = new Map<string, Disagreement[]>();
      for (const d of unexplained) byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), d]);
      const text = [...byKind]
        .map(
          ([kind, list]) =>
            `${kind}: ${list.length}\n${list
              .slice(0, 10)
              .map((d) => `  case-${unexplained.indexOf(d)}: ${d.case.label}: ${d.detail}`)
              .join('\n')}`,
        )
        .join('\n');
      expect.fail(
        `${unexplained.length} disagreements with dhcpd -T in ${outcomes.length} files (seed ${seed}; files in ${keep}):\n${text}`,
      );
    });
  },
);
