// Disk full, end to end: dhcpd fills a tiny tmpfs under perfdhcp load;
// `leasecheck check` finds the truncated tail on the line where dhcpd -T
// complains; `leasecheck repair --write` removes it; dhcpd -T then reads the
// file without a warning and keeps every lease but the partial one.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  cleanupAfterEach,
  dhcpdEofLine,
  dhcpdTest,
  fillDiskUnderLoad,
  leasecheck,
  requireRealDhcpd,
  gateOnFeatures,
  missingCommands,
  type DiskFullResult,
} from '../harness/index.js';
import { pending } from './pending.js';
import type { CheckReport } from '../../src/check/types.js';

const gate = requireRealDhcpd(['perfdhcp', 'mount']);
const features = gate.skip
  ? { skip: true, reason: '' }
  : gateOnFeatures(
      'disk full end to end (check, repair --write)',
      await missingCommands(['check', 'repair']),
      pending,
    );

/** Distinct addresses of the complete `lease … { … }` declarations. */
function completeLeaseAddresses(text: string): Set<string> {
  return new Set(
    [...text.matchAll(/^lease (\S+) \{\n(?:[^\n]*\n)*?\}$/gm)].map((m) => m[1] as string),
  );
}

describe.skipIf(gate.skip || features.skip)(
  'disk full, end to end: check, repair --write, dhcpd -T',
  () => {
    const cleanup = cleanupAfterEach();

    it('repairs the file the full disk cut, and dhcpd keeps every lease but the partial one', async () => {
      // The 4 KiB block boundary can (rarely) fall right after a closing brace: try again then.
      let full: DiskFullResult | undefined;
      let text = '';
      for (let attempt = 0; attempt < 3 && full === undefined; attempt++) {
        const candidate = await fillDiskUnderLoad(cleanup, { sizeBytes: 12 * 1024 });
        text = (await readFile(candidate.copy)).toString('latin1');
        if (!/\}\n?$/.test(text)) full = candidate;
      }
      if (full === undefined)
        throw new Error('three disk-full runs all ended on a declaration boundary');

      const before = await dhcpdTest(full.confPath, full.copy);
      const dhcpdLine = before.warnings.at(-1)?.line;
      expect(dhcpdLine).toBe(dhcpdEofLine(text));

      const checked = await leasecheck(['check', '--json', full.copy]);
      expect(checked.code, checked.stderr).toBe(4);
      const report = JSON.parse(checked.stdout) as CheckReport;
      expect(report.verdict).toBe('truncated-tail');
      expect(report.problems.find((p) => p.code === 'truncated-tail')?.line).toBe(dhcpdLine);
      const partialStart = report.truncated?.offset as number;
      expect(text.slice(partialStart)).toMatch(/^lease \S+ \{/);

      const repaired = await leasecheck(['repair', '--write', full.copy]);
      expect(repaired.code, repaired.stderr + repaired.stdout).toBe(1);
      const after = (await readFile(full.copy)).toString('latin1');
      // Everything before the partial lease, byte for byte, and nothing else.
      expect(after).toBe(text.slice(0, partialStart));

      const rechecked = await leasecheck(['check', '--json', full.copy]);
      expect(rechecked.code, rechecked.stderr).toBe(0);
      expect((JSON.parse(rechecked.stdout) as CheckReport).verdict).toBe('clean');

      const dhcpdAfter = await dhcpdTest(full.confPath, full.copy);
      expect(dhcpdAfter.warnings).toEqual([]);
      // Every complete lease is an active perfdhcp lease of a distinct client: dhcpd keeps them all.
      expect(dhcpdAfter.wrote.leases).toBe(completeLeaseAddresses(after).size);
      expect(completeLeaseAddresses(after)).toEqual(completeLeaseAddresses(text));
    }, 120_000);
  },
);
