// A refused write removes what it made (the backup, its manifest) and nothing
// else: a file that another hand put at the manifest's name while the repair
// was being written is not the repair's, and must outlive the refusal.
import { appendFileSync, copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { LeasecheckError } from '../../src/errors.js';
import { analyseRepair } from '../../src/repair/analyse.js';
import { realFsOps, type FsOps } from '../../src/repair/fs-ops.js';
import { applyPlan } from '../../src/repair/write.js';
import { fakeDeps } from './helpers/fake-check.js';
import { useTmp } from './helpers/tmp.js';
import { realFixtureDir } from '../helpers.js';

const tmp = useTmp();

it('a file put at the manifest name during the write outlives the refusal; the backup goes', async () => {
  const dir = tmp();
  const file = join(dir, 'dhcpd.leases');
  copyFileSync(`${realFixtureDir}/enospc-truncated.leases`, file);
  const { plan } = await analyseRepair(file, { now: new Date('2026-11-28T13:00:00Z') }, fakeDeps);
  const stamp = '20261201T102030Z';
  const manifest = `${file}.leasecheck-${stamp}.bak.json`;
  const theirs = '{"not": "leasecheck\'s"}\n';
  let done = false;
  const fs: FsOps = {
    ...realFsOps,
    fsync: (step, fd) => {
      realFsOps.fsync(step, fd);
      if (step === 'temp-fsync' && !done) {
        done = true;
        writeFileSync(manifest, theirs);
        // dhcpd appends too: the last re-check refuses the rename.
        appendFileSync(file, 'lease 10.0.0.99 {\n  binding state active;\n}\n', 'latin1');
      }
    },
  };
  let error: unknown = null;
  try {
    applyPlan(plan, { pidFiles: [], fs, clock: () => new Date('2026-12-01T10:20:30.456Z') });
  } catch (e) {
    error = e;
  }
  expect(done).toBe(true);
  expect(error).toBeInstanceOf(LeasecheckError);
  expect((error as LeasecheckError).exitCode).toBe(8);
  expect((error as LeasecheckError).message).toMatch(/changed since it was analysed/);
  expect(readFileSync(manifest, 'utf8')).toBe(theirs);
  expect(readdirSync(dir).sort()).toEqual([
    'dhcpd.leases',
    `dhcpd.leases.leasecheck-${stamp}.bak.json`,
  ]);
});
