// The last re-check, right before the rename: dhcpd may append a lease while
// the backup or the repaired temp file is being written, after the first
// re-check passed. Renaming then would throw that lease away. The write must
// notice, refuse (exit 8), leave FILE as dhcpd left it (with its append) and
// leave no backup, manifest or temp file behind.
import { appendFileSync, copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LeasecheckError } from '../../src/errors.js';
import { realFsOps, type Step } from '../../src/repair/fs-ops.js';
import { analyseRepair, applyPlan, type WriteOptions } from '../../src/repair/index.js';
import { fakeDeps } from './helpers/fake-check.js';
import { useTmp } from './helpers/tmp.js';
import { realFixtureDir } from '../helpers.js';

type FsOps = NonNullable<WriteOptions['fs']>;

const now = new Date('2026-11-28T13:00:00Z');
const fixture = `${realFixtureDir}/enospc-truncated.leases`;
const tmp = useTmp();

const dhcpdAppend =
  'lease 10.0.0.99 {\n  starts 6 2026/11/28 13:00:01;\n  ends 6 2026/11/28 13:10:01;\n' +
  '  cltt 6 2026/11/28 13:00:01;\n  binding state active;\n  next binding state free;\n' +
  '  rewind binding state free;\n  hardware ethernet 00:0c:29:00:00:99;\n}\n';

/** realFsOps, but the first call of `step` is followed by dhcpd appending a lease to `file`. */
function appendDuring(step: Step, file: string): { fs: FsOps; appended: () => boolean } {
  let done = false;
  const after =
    <A extends unknown[], R>(fn: (s: Step, ...args: A) => R) =>
    (s: Step, ...args: A): R => {
      const result = fn(s, ...args);
      if (s === step && !done) {
        done = true;
        appendFileSync(file, dhcpdAppend, 'latin1');
      }
      return result;
    };
  const fs: FsOps = {
    open: after(realFsOps.open),
    write: after(realFsOps.write),
    fsync: after(realFsOps.fsync),
    fchown: after(realFsOps.fchown),
    fchmod: after(realFsOps.fchmod),
    rename: after(realFsOps.rename),
    link: after(realFsOps.link),
    fsyncDir: after(realFsOps.fsyncDir),
  };
  return { fs, appended: () => done };
}

const cases: Array<{ step: Step; backupMethod: 'auto' | 'copy'; when: string }> = [
  { step: 'backup-create', backupMethod: 'auto', when: 'right after the backup hard link' },
  { step: 'backup-write', backupMethod: 'copy', when: 'while the backup copy is written' },
  { step: 'temp-write', backupMethod: 'auto', when: 'while the repaired temp file is written' },
  { step: 'temp-fsync', backupMethod: 'copy', when: 'after the temp file is fsynced' },
];

describe('the write re-checks FILE right before the rename', () => {
  it.each(cases)(
    'dhcpd appends $when ($step, backup by $backupMethod): exit 8, the append kept, nothing left behind',
    async ({ step, backupMethod }) => {
      const dir = tmp();
      const file = join(dir, 'dhcpd.leases');
      copyFileSync(fixture, file);
      const original = readFileSync(file);
      const { plan } = await analyseRepair(file, { now }, fakeDeps);
      expect(plan.action).toBe('truncate-tail');

      const { fs, appended } = appendDuring(step, file);
      let error: unknown = null;
      try {
        applyPlan(plan, { pidFiles: [], backupMethod, fs });
      } catch (e) {
        error = e;
      }
      expect(appended()).toBe(true);
      expect(error).toBeInstanceOf(LeasecheckError);
      expect((error as LeasecheckError).exitCode).toBe(8);
      expect((error as LeasecheckError).message).toMatch(/changed since it was analysed/);
      expect(
        readFileSync(file).equals(Buffer.concat([original, Buffer.from(dhcpdAppend, 'latin1')])),
      ).toBe(true);
      expect(readdirSync(dir)).toEqual(['dhcpd.leases']);
    },
  );

  it('without an append, the same write goes through (the injected operations are not what refuses)', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    copyFileSync(fixture, file);
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    const { fs, appended } = appendDuring('dir-fsync', join(tmp(), 'elsewhere'));
    const outcome = applyPlan(plan, { pidFiles: [], fs });
    expect(readFileSync(file).equals(readFileSync(fixture).subarray(0, plan.cutOffset!))).toBe(
      true,
    );
    expect(appended()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(
      ['dhcpd.leases', basename(outcome.backup!), basename(outcome.manifest!)].sort(),
    );
  });
});
