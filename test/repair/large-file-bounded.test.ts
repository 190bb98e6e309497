import { execFileSync } from 'node:child_process';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/check/types.js';
import { regionDiff } from '../../src/repair/diff.js';
import { planRepair } from '../../src/repair/plan.js';
import { fingerprintFd } from '../../src/repair/region.js';
import { applyPlan } from '../../src/repair/write.js';
import { leaseFile } from './helpers/fake-check.js';
import { useTmp } from './helpers/tmp.js';

// LEASECHECK_BIG_MB=1024 for the 1 GB run; the default keeps the suite quick.
const megabytes = Number(process.env.LEASECHECK_BIG_MB ?? 64);
const tmp = useTmp();

/** Writes `megabytes` of leases plus a partial one; returns the partial lease's offset and line. */
function writeBig(file: string): { offset: number; line: number; size: number } {
  const block = Buffer.from(leaseFile(4000).replace(/^[\s\S]*?(?=lease )/, ''), 'latin1');
  const blockLines = block.toString('latin1').split('\n').length - 1;
  const fd = openSync(file, 'w');
  let size = 0;
  let lines = 0;
  while (size < megabytes * 1024 * 1024) {
    writeSync(fd, block);
    size += block.length;
    lines += blockLines;
  }
  const partial = Buffer.from(
    'lease 10.9.9.9 {\n  starts 6 2026/11/28 12:55:18;\n  cltt ',
    'latin1',
  );
  writeSync(fd, partial);
  closeSync(fd);
  return { offset: size, line: lines + 1, size: size + partial.length };
}

function report(file: string, t: { offset: number; line: number; size: number }): CheckReport {
  return {
    file,
    bytes: t.size,
    verdict: 'truncated-tail',
    problems: [],
    problemsTruncated: false,
    declarations: {} as CheckReport['declarations'],
    leases: { distinct: 0, byState: {} },
    ia: { distinct: 0, addresses: 0, byState: {} },
    failover: [],
    writer: { version: null },
    timeFormat: 'utc',
    truncated: {
      offset: t.offset,
      line: t.line,
      kind: 'lease',
      key: '10.9.9.9',
      length: t.size - t.offset,
      text: '',
      completeStatements: ['starts'],
      cutInside: 'cltt',
      previous: null,
      dhcpd: { action: 'dropped', bindingState: null, fields: [], missing: [], explanation: '' },
    },
    now: new Date().toISOString(),
  };
}

describe(`a ${megabytes} MB file with a truncated tail`, () => {
  it('is repaired in about the time of a copy, in bounded memory, with the right line numbers', () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    const t = writeBig(file);
    const fd = openSync(file, 'r');
    const rssBefore = process.memoryUsage().rss;
    const started = process.hrtime.bigint();
    const plan = planRepair(report(file, t), {}, fd);
    const diff = regionDiff(fd, t.size, plan.edits, file);
    plan.fingerprint = fingerprintFd(fd, diff.regions);
    closeSync(fd);
    applyPlan(plan, { pidFiles: [], backupMethod: 'auto' });
    const repairMs = Number(process.hrtime.bigint() - started) / 1e6;
    const rssGrowth = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    expect(statSync(file).size).toBe(t.offset);
    expect(diff.text).toContain(`@@ -${t.line - 3},6 +${t.line - 3},3 @@`);
    const copyStarted = process.hrtime.bigint();
    execFileSync('cp', [file, join(dir, 'copy')]);
    execFileSync('sync', ['-f', join(dir, 'copy')]);
    const copyMs = Number(process.hrtime.bigint() - copyStarted) / 1e6;
    console.log(
      `${megabytes} MB: repair ${repairMs.toFixed(0)} ms, cp+sync ${copyMs.toFixed(0)} ms, RSS growth ${rssGrowth.toFixed(1)} MB`,
    );
    expect(rssGrowth).toBeLessThan(64);
    expect(repairMs).toBeLessThan(Math.max(3 * copyMs, 2000));
  }, 600_000);
});
