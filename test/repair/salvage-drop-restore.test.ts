import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/check/types.js';
import { analyseRepair, type AnalyseDeps } from '../../src/repair/analyse.js';
import { applyPlan } from '../../src/repair/write.js';
import { fakeCheck, fakeDeps, leaseFile, scanDecls } from './helpers/fake-check.js';
import { useTmp } from './helpers/tmp.js';

const now = new Date('2026-11-28T13:00:00Z');
const tmp = useTmp();

function patched(dir: string, name: string, original: Buffer | null, diff: string): Buffer {
  const work = join(dir, `patch-${Math.random().toString(36).slice(2)}`);
  mkdirSync(work);
  if (original) writeFileSync(join(work, name), original);
  execFileSync('patch', ['--silent', '-p0'], { cwd: work, input: Buffer.from(diff, 'latin1') });
  return readFileSync(join(work, name));
}

const partialLease =
  'lease 10.0.9.9 {\n  starts 6 2026/11/28 12:55:18;\n  ends 6 2026/11/28 13:05:18;\n  cltt 6 2026/11/28 12:55:18;\n' +
  '  binding state active;\n  next binding state free;\n  rewind binding state free;\n  hardware ethernet 00:0c:01:02:03:99;\n  uid "\\001\\0';

describe('repair --salvage', () => {
  it('closes the partial lease after its last complete statement when it has a binding state and a hardware address', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    const head = leaseFile(3);
    writeFileSync(file, head + partialLease, 'latin1');
    const { plan, diff } = await analyseRepair(file, { now, salvage: true }, fakeDeps);
    expect(plan.action).toBe('salvage');
    const expected =
      head + partialLease.slice(0, partialLease.indexOf('00:0c:01:02:03:99;') + 18) + '\n}\n';
    expect(patched(dir, 'dhcpd.leases', readFileSync(file), diff!).toString('latin1')).toBe(
      expected,
    );
    applyPlan(plan, { pidFiles: [] });
    expect(readFileSync(file, 'latin1')).toBe(expected);
    const after = await fakeCheck(file, { now });
    expect(after.verdict).toBe('clean');
    expect(after.leases.distinct).toBe(4);
  });

  it('falls back to removing the lease, and says why, when the binding state is missing', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    const cut = partialLease.slice(0, partialLease.indexOf('  binding state'));
    writeFileSync(file, leaseFile(3) + cut, 'latin1');
    const { plan } = await analyseRepair(file, { now, salvage: true }, fakeDeps);
    expect(plan.action).toBe('truncate-tail');
    expect(plan.refusal).toMatch(
      /salvage not possible: its complete statements lack `binding state` and a `hardware` address or `uid`/,
    );
    expect(plan.explanation.join('\n')).toMatch(/Salvage is not possible for lease 10\.0\.9\.9/);
  });
});

/** A fake check that reports the declaration starting at `badOffset` as damaged. */
function corruptDeps(badOffsets: number[], only?: string): AnalyseDeps {
  return {
    ...fakeDeps,
    check: async (path, options) => {
      const report = await fakeCheck(path, options);
      if (only && path !== only) return report;
      const decls = scanDecls(readFileSync(path).toString('latin1'));
      const bad = decls.filter((d) => badOffsets.includes(d.offset));
      if (bad.length === 0) return report;
      return {
        ...report,
        verdict: 'corrupt',
        problems: bad.map((d) => ({
          code: 'syntax-error',
          severity: 'error' as const,
          line: d.line + 1,
          column: 3,
          offset: d.offset + 20,
          message: 'expected a statement',
          declaration: {
            offset: d.offset,
            length: d.end! - d.offset + 1,
            line: d.line,
            kind: 'lease' as const,
          },
        })),
      } satisfies CheckReport;
    },
  };
}

describe('repair --drop-corrupt', () => {
  it('refuses mid-file corruption by default, and removes each damaged declaration with --drop-corrupt', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    const text = leaseFile(6);
    writeFileSync(file, text, 'latin1');
    const bad = [text.indexOf('lease 10.0.0.1 '), text.indexOf('lease 10.0.0.4 ')];
    const deps = corruptDeps(bad);
    const refused = await analyseRepair(file, { now }, deps);
    expect(refused.plan.action).toBe('refuse');
    expect(refused.diff).toBe('');
    const { plan, diff } = await analyseRepair(file, { now, dropCorrupt: true }, deps);
    expect(plan.action).toBe('drop-corrupt');
    expect(plan.removed).toHaveLength(2);
    const lease = (ip: string) =>
      text.slice(
        text.indexOf(`lease ${ip} `),
        text.indexOf('}\n', text.indexOf(`lease ${ip} `)) + 2,
      );
    const expected = text.replace(lease('10.0.0.1'), '').replace(lease('10.0.0.4'), '');
    expect(patched(dir, 'dhcpd.leases', readFileSync(file), diff!).toString('latin1')).toBe(
      expected,
    );
    applyPlan(plan, { pidFiles: [] });
    expect(readFileSync(file, 'latin1')).toBe(expected);
  });
});

describe('repair --drop-corrupt on many damaged declarations (the real check)', () => {
  const damagedFile = (count: number) =>
    Array.from(
      { length: count },
      (_, n) =>
        `lease 10.0.0.${n} {\n  binding stXte active;\n}\nlease 10.0.1.${n} {\n  binding state free;\n}\n`,
    ).join('');

  /** A file of `count` damaged leases, each followed by a whole one, and the real check. */
  async function damaged(count: number) {
    const { checkLeaseFile } = await import('../../src/check/index.js');
    const file = join(tmp(), 'dhcpd.leases');
    writeFileSync(file, damagedFile(count), 'latin1');
    return { file, checkLeaseFile, deps: { ...fakeDeps, check: checkLeaseFile } };
  }

  it('removes every one of 25 (more than the 20 a check lists), and the result checks clean', async () => {
    const { file, checkLeaseFile, deps } = await damaged(25);
    const { plan } = await analyseRepair(file, { now, dropCorrupt: true }, deps);
    expect(plan.action).toBe('drop-corrupt');
    expect(plan.removed).toHaveLength(25);
    applyPlan(plan, { pidFiles: [] });
    const after = await checkLeaseFile(file, { now });
    expect(after.verdict).toBe('clean');
    expect(after.declarations.lease).toBe(25);
  });

  it('refuses beyond --max-problems, naming the real count it saw and the option', async () => {
    const { file, deps } = await damaged(8);
    const { plan } = await analyseRepair(file, { now, dropCorrupt: true, maxProblems: 5 }, deps);
    expect(plan.action).toBe('refuse');
    expect(plan.explanation[0]).toMatch(
      /more than 5 problem\(s\) in the middle of the file; nothing proposed: more damaged declarations exist than the 5 the check listed \(raise --max-problems\)/,
    );
  });
});

describe("restoring from dhcpd's FILE~", () => {
  it('proposes FILE~ for an empty FILE, says how old it is, and writes it', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(file, '');
    writeFileSync(`${file}~`, leaseFile(3), 'latin1');
    utimesSync(`${file}~`, new Date('2026-11-28T12:00:00Z'), new Date('2026-11-28T12:00:00Z'));
    const { plan, diff } = await analyseRepair(file, { now }, fakeDeps);
    expect(plan.action).toBe('restore-backup');
    expect(plan.restore!.ageSeconds).toBe(3600);
    expect(plan.explanation[0]).toMatch(
      /it is empty; dhcpd's previous snapshot .*~ checks clean .*written 60 minutes ago/,
    );
    expect(
      patched(dir, 'dhcpd.leases', readFileSync(file), diff!).equals(readFileSync(`${file}~`)),
    ).toBe(true);
    const outcome = applyPlan(plan, { pidFiles: [] });
    expect(outcome.backup).toBeNull(); // nothing to back up in an empty file
    expect(readFileSync(file).equals(readFileSync(`${file}~`))).toBe(true);
  });

  it('proposes FILE~ for a missing FILE (a diff from /dev/null) and creates FILE with its mode', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(`${file}~`, leaseFile(2), { encoding: 'latin1', mode: 0o640 });
    const { plan, diff } = await analyseRepair(file, { now }, fakeDeps);
    expect(plan.action).toBe('restore-backup');
    expect(diff!.startsWith('--- /dev/null\n+++ dhcpd.leases\n')).toBe(true);
    expect(patched(dir, 'dhcpd.leases', null, diff!).equals(readFileSync(`${file}~`))).toBe(true);
    applyPlan(plan, { pidFiles: [] });
    expect(readFileSync(file).equals(readFileSync(`${file}~`))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('for a file corrupt in the middle, lists the addresses FILE~ lacks, restores only with --restore-backup, and backs FILE up first', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    const text = leaseFile(5);
    writeFileSync(`${file}~`, leaseFile(3), 'latin1');
    writeFileSync(file, text, 'latin1');
    const deps = corruptDeps([text.indexOf('lease 10.0.0.1 ')], file);
    // Without --restore-backup, the restore is described, not proposed.
    const proposed = await analyseRepair(file, { now }, deps);
    expect(proposed.plan.action).toBe('drop-corrupt');
    expect(proposed.plan.restore!.lostKeys).toEqual(['lease 10.0.0.3', 'lease 10.0.0.4']);
    const { plan } = await analyseRepair(file, { now, restoreBackup: true }, deps);
    expect(plan.action).toBe('restore-backup');
    expect(plan.restore!.lostKeys).toEqual(['lease 10.0.0.3', 'lease 10.0.0.4']);
    expect(plan.explanation.join('\n')).toMatch(
      /holds 2 key\(s\) .* lacks \(lease 10\.0\.0\.3, lease 10\.0\.0\.4\)/,
    );
    const outcome = applyPlan(plan, { pidFiles: [] });
    expect(readFileSync(outcome.backup!, 'latin1')).toBe(text);
    expect(readFileSync(file).equals(readFileSync(`${file}~`))).toBe(true);
  });
});
