// Crash points: dhcpd killed at its Nth write(2) during a burst of lease
// updates leaves a file that is either whole or cut inside its last
// declaration — never damaged before it. leasecheck must call every such file
// `clean` or `truncated-tail`, exactly as dhcpd -T confirms.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cleanupAfterAll,
  crashAtWrite,
  crashLan,
  dhcpdTest,
  gateOnFeatures,
  loadCheckLeaseFile,
  requireRealDhcpd,
  runSize,
} from '../harness/index.js';
import { compareWithDhcpd } from './compare.js';
import { explain, type Disagreement } from './known-differences.js';
import { pending } from './pending.js';

const gate = requireRealDhcpd(['perfdhcp', 'strace']);
const checkLeaseFile = await loadCheckLeaseFile();
const features = gate.skip
  ? { skip: true, reason: '' }
  : gateOnFeatures(
      'crash points against dhcpd -T',
      checkLeaseFile === null ? ['checkLeaseFile (src/check/index.ts)'] : [],
      pending,
    );

/** N = 1 (the first lease write) up to 12 by default; 1..80 with LEASECHECK_LONG=1. */
const crashPoints = Array.from({ length: runSize(12, 80) }, (_, index) => index + 1);

interface CrashOutcome {
  label: string;
  verdict: string;
  firstProblem: string | undefined;
  disagreement: Disagreement | null;
}

describe.skipIf(gate.skip || features.skip)(
  'crash points: dhcpd killed at its Nth write(2)',
  () => {
    const cleanup = cleanupAfterAll();
    const outcomes: CrashOutcome[] = [];

    beforeAll(async () => {
      const lan = await crashLan(cleanup);
      for (const nth of crashPoints) {
        // About 15 leases per 4 KiB write: make the burst long enough to reach the Nth write.
        const crash = await crashAtWrite(cleanup, lan, nth, { burst: Math.max(400, nth * 40) });
        const leases = await readFile(crash.copy);
        const [dhcpd, report] = await Promise.all([
          dhcpdTest(crash.confPath, crash.copy),
          checkLeaseFile!(crash.copy, { now: new Date() }),
        ]);
        const label = `N=${nth}${crash.struck ? '' : ' (burst ended first)'}, ${leases.length} bytes`;
        outcomes.push({
          label,
          verdict: report.verdict,
          firstProblem: report.problems[0]?.message,
          disagreement: compareWithDhcpd({ label, leases, family: 4 }, dhcpd, report),
        });
      }
    }, 600_000);

    const unexplained = (kind: Disagreement['kind']) =>
      outcomes
        .filter((o) => o.disagreement?.kind === kind && explain(o.disagreement) === undefined)
        .map((o) => `${o.label}: ${o.disagreement?.detail}`);

    it(`leaves clean or truncated-tail files, as dhcpd -T confirms (N = 1..${crashPoints.length})`, () => {
      expect(outcomes).toHaveLength(crashPoints.length);
      const misread = outcomes
        .filter((o) => o.verdict !== 'clean' && o.verdict !== 'truncated-tail')
        .map((o) => `${o.label}: leasecheck says ${o.verdict}: ${o.firstProblem}`);
      expect(misread).toEqual([]);
      expect(unexplained('verdict')).toEqual([]);
      // The burst really was cut mid-declaration at some crash points.
      expect(outcomes.filter((o) => o.verdict === 'truncated-tail').length).toBeGreaterThan(0);
    });

    it('puts each truncated tail on the line where dhcpd -T meets the end of the file', () => {
      expect(unexplained('line')).toEqual([]);
    });
  },
);
