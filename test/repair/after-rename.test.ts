import { appendFileSync, copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseRepair } from '../../src/repair/analyse.js';
import { realFsOps, steps, type FsOps } from '../../src/repair/fs-ops.js';
import { AfterReplaceError } from '../../src/repair/refuse.js';
import { undoRepair } from '../../src/repair/undo.js';
import { applyPlan } from '../../src/repair/write.js';
import type { WriteOutcome } from '../../src/repair/types.js';
import { fakeDeps, leaseFile } from './helpers/fake-check.js';
import { faultyFs } from './helpers/failing-fs.js';
import { useTmp } from './helpers/tmp.js';
import { realFixtureDir } from '../helpers.js';

const now = new Date('2026-11-28T13:00:00Z');
const fixture = `${realFixtureDir}/enospc-truncated.leases`;
const tmp = useTmp();
const appended = 'lease 10.0.99.99 {\n  binding state active;\n}\n';

/** realFsOps whose rename first appends to `path`: dhcpd writing in the last window. */
function appendBeforeRename(path: string): FsOps {
  let done = false;
  return {
    ...realFsOps,
    rename: (step, from, to) => {
      if (!done && to === path) {
        done = true;
        appendFileSync(path, appended, 'latin1');
      }
      realFsOps.rename(step, from, to);
    },
  };
}

function copyFixture(): string {
  const file = join(tmp(), 'dhcpd.leases');
  copyFileSync(fixture, file);
  return file;
}

describe('an append between the last re-check and the rename', () => {
  for (const backupMethod of ['auto', 'copy'] as const) {
    it(`is detected through the old descriptor, saved beside the file, and ends in exit 8 (backup by ${backupMethod})`, async () => {
      const file = copyFixture();
      const { plan } = await analyseRepair(file, { now }, fakeDeps);
      let error: unknown = null;
      try {
        applyPlan(plan, { pidFiles: [], backupMethod, fs: appendBeforeRename(file) });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AfterReplaceError);
      const failure = error as AfterReplaceError<WriteOutcome>;
      expect(failure.exitCode).toBe(8);
      expect(failure.message).toMatch(
        /WARNING: .*\d+ bytes were appended .* NOT in the repaired file/,
      );
      const late = failure.outcome.appendedAfterCheck!;
      expect(late.bytes).toBe(appended.length);
      expect(readFileSync(late.savedTo!, 'latin1')).toBe(appended);
      // The file was replaced all the same: the backup and undo are reported.
      expect(failure.outcome.backup).not.toBeNull();
      expect(failure.outcome.undoCommand).toMatch(/^leasecheck undo /);
    });
  }

  it('during undo too: the bytes appended to the repaired file are saved, exit 8', async () => {
    const file = copyFixture();
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    const outcome = applyPlan(plan, { pidFiles: [] });
    let error: unknown = null;
    try {
      undoRepair(outcome.backup!, file, { pidFiles: [], fs: appendBeforeRename(file) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AfterReplaceError);
    expect((error as Error).message).toMatch(/appended to the repaired file/);
    const saved = readdirSync(join(file, '..')).filter((n) => n.endsWith('.appended'));
    expect(saved).toHaveLength(1);
    expect(readFileSync(file).equals(readFileSync(fixture))).toBe(true);
  });
});

describe('a failed directory fsync after the rename', () => {
  it('is exit 8 and still carries the backup and the undo command', async () => {
    const file = copyFixture();
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    let error: unknown = null;
    try {
      applyPlan(plan, {
        pidFiles: [],
        fs: faultyFs({ step: 'dir-fsync', when: 'before', how: 'throw' }),
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AfterReplaceError);
    const outcome = (error as AfterReplaceError<WriteOutcome>).outcome;
    expect(readFileSync(outcome.backup!).equals(readFileSync(fixture))).toBe(true);
    expect(outcome.undoCommand).toContain(outcome.backup!);
  });
});

describe('--restore-backup under an injected failure at every step', () => {
  for (const step of steps) {
    it(`${step}: FILE is the original or FILE~, never anything else`, async () => {
      const dir = tmp();
      const file = join(dir, 'dhcpd.leases');
      const text = leaseFile(5);
      // Damaged in the middle; FILE~ lacks two leases, so only --restore-backup restores it.
      const damaged = text.replace('binding state active', 'binding stXte active');
      writeFileSync(file, damaged, 'latin1');
      writeFileSync(`${file}~`, leaseFile(3), 'latin1');
      const { check } = await import('../../src/check/index.js').then((m) => ({
        check: m.checkLeaseFile,
      }));
      const deps = { ...fakeDeps, check };
      const { plan } = await analyseRepair(file, { now, restoreBackup: true }, deps);
      expect(plan.action).toBe('restore-backup');
      try {
        applyPlan(plan, { pidFiles: [], fs: faultyFs({ step, when: 'before', how: 'throw' }) });
      } catch {
        // Some steps fail the write; what matters is what is left.
      }
      const after = readFileSync(file, 'latin1');
      expect([damaged, leaseFile(3)]).toContain(after);
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.bak'))) {
        expect(readFileSync(join(dir, name), 'latin1')).toBe(damaged);
      }
    });
  }
});

describe('a second undo', () => {
  it('says the file already holds the original, and changes nothing', async () => {
    const file = copyFixture();
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    const outcome = applyPlan(plan, { pidFiles: [] });
    expect(undoRepair(outcome.backup!, file, { pidFiles: [] }).alreadyOriginal).toBeUndefined();
    const again = undoRepair(outcome.backup!, file, { pidFiles: [] });
    expect(again.alreadyOriginal).toBe(true);
    expect(readFileSync(file).equals(readFileSync(fixture))).toBe(true);
  });
});
