// Test helper: dhcpd -T's answers for a fixed list of cases, kept in the
// system's temp directory. They depend only on the configs, the lease files
// and the dhcpd binary (the tests using this keep their dates far from now),
// and `npm run mutate` repeats such a test for every mutant of the model: the
// key is a hash of all three (the binary by path, size and modification time),
// so dhcpd runs again whenever one of them changes.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dhcpdTestMany, tool, type DhcpdTestCase, type DhcpdTestResult } from '../harness/index.js';

/** What the tests read of one dhcpd -T run (the snapshot as latin1 text). */
export type CachedResult = Pick<DhcpdTestResult, 'noSubnet' | 'wrote' | 'warnings' | 'other'> & {
  rewrite: string | null;
};

export async function cachedDhcpdTests(
  name: string,
  cases: readonly DhcpdTestCase[],
): Promise<CachedResult[]> {
  const dhcpd = tool('dhcpd');
  const { size, mtimeMs } = statSync(dhcpd);
  const key = createHash('sha256')
    .update(JSON.stringify([dhcpd, size, mtimeMs, cases]))
    .digest('hex')
    .slice(0, 32);
  const cache = join(tmpdir(), `leasecheck-${name}-${key}.json`);
  try {
    return JSON.parse(readFileSync(cache, 'utf8')) as CachedResult[];
  } catch {
    // not there yet: run dhcpd
  }
  const results = (await dhcpdTestMany(cases)).map((r) => ({
    noSubnet: r.noSubnet,
    wrote: r.wrote,
    warnings: r.warnings,
    other: r.other,
    rewrite: r.rewrite?.toString('latin1') ?? null,
  }));
  if (results.every((r, i) => r.rewrite !== null || !cases[i]!.keepRewrite)) {
    writeFileSync(`${cache}.${process.pid}`, JSON.stringify(results));
    renameSync(`${cache}.${process.pid}`, cache);
  }
  return results;
}
