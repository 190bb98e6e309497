// Crash points: dhcpd killed at its Nth write(2) during a burst of lease
// updates leaves a file that is either whole or cut inside its last
// declaration — never damaged before it. leasecheck must call every such file
// `clean` or `truncated-tail`, exactly as dhcpd -T confirms.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
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
import { explain } from './known-differences.js';
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

describe.skipIf(gate.skip || features.skip)(
  'crash points: dhcpd killed at its Nth write(2)',
  () => {
    const cleanup = cleanupAfterAll();

    it(`leaves clean or truncated-tail files, as dhcpd -T confirms (N = 1..${crashPoints.length})`, async () => {
      const lan = await crashLan(cleanup);
      const verdicts = new Map<string, number>();
      const problems: string[] = [];
      for (const nth of crashPoints) {
        // About 15 leases per 4 KiB write: make the burst long enough to reach the Nth write.
        const crash = await crashAtWrite(cleanup, lan, nth, { burst: Math.max(400, nth * 40) });
        const leases = await readFile(crash.copy);
        const [dhcpd, report] = await Promise.all([
          dhcpdTest(crash.confPath, crash.copy),
          checkLeaseFile!(crash.copy, { now: new Date() }),
        ]);
        verdicts.set(report.verdict, (verdicts.get(report.verdict) ?? 0) + 1);
        const label = `N=${nth}${crash.struck ? '' : ' (burst ended first)'}, ${leases.length} bytes`;
        if (report.verdict !== 'clean' && report.verdict !== 'truncated-tail') {
          problems.push(
            `${label}: leasecheck says ${report.verdict}: ${report.problems[0]?.message}`,
          );
        }
        const disagreement = compareWithDhcpd({ label, leases, family: 4 }, dhcpd, report);
        if (disagreement !== null && explain(disagreement) === undefined) {
          problems.push(`${label}: ${disagreement.detail}`);
        }
      }
      expect(problems).toEqual([]);
      // The burst really was cut mid-declaration at some crash points.
      expect(verdicts.get('truncated-tail') ?? 0).toBeGreaterThan(0);
    }, 300_000);
  },
);
