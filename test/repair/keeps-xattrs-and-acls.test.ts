import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseRepair } from '../../src/repair/analyse.js';
import { undoRepair } from '../../src/repair/undo.js';
import { applyPlan } from '../../src/repair/write.js';
import { fakeDeps } from './helpers/fake-check.js';
import { useTmp } from './helpers/tmp.js';
import { realFixtureDir } from '../helpers.js';

/**
 * `repair --write` and `undo` replace the file by a new inode: the new one
 * gets the old one's extended attributes and POSIX ACL (uid, gid and mode
 * are tested elsewhere). Node cannot set xattrs: Python's os.setxattr does
 * for user.*, setfacl (package acl) for the ACL; each part skips visibly
 * when its tool or the file system's support is missing.
 */
const now = new Date('2026-11-28T13:00:00Z');
const fixture = `${realFixtureDir}/enospc-truncated.leases`;
const tmp = useTmp();

function python(code: string, ...args: string[]): { ok: boolean; out: string } {
  const run = spawnSync('python3', ['-c', code, ...args], { encoding: 'utf8' });
  return { ok: run.status === 0, out: run.stdout.trim() };
}
const setXattr = (file: string, name: string, value: string) =>
  python(
    'import os,sys; os.setxattr(sys.argv[1], sys.argv[2], sys.argv[3].encode())',
    file,
    name,
    value,
  ).ok;
const getXattr = (file: string, name: string) =>
  python('import os,sys; print(os.getxattr(sys.argv[1], sys.argv[2]).decode())', file, name).out;

const probe = join(tmp(), 'probe');
copyFileSync(fixture, probe);
const xattrsWork = setXattr(probe, 'user.probe', '1');
const haveSetfacl = spawnSync('setfacl', ['--version'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!xattrsWork)(
  `extended attributes${xattrsWork ? '' : ' (skipped: python3 os.setxattr of user.* fails here)'}`,
  () => {
    it('repair --write and undo keep user.* attributes on the new file', async () => {
      const file = join(tmp(), 'dhcpd.leases');
      copyFileSync(fixture, file);
      expect(setXattr(file, 'user.leasecheck-test', 'kept')).toBe(true);
      const { plan } = await analyseRepair(file, { now }, fakeDeps);
      const outcome = applyPlan(plan, { pidFiles: [] });
      expect(readFileSync(file).length).toBeLessThan(readFileSync(fixture).length);
      expect(getXattr(file, 'user.leasecheck-test')).toBe('kept');
      undoRepair(outcome.backup!, file, { pidFiles: [] });
      expect(readFileSync(file).equals(readFileSync(fixture))).toBe(true);
      expect(getXattr(file, 'user.leasecheck-test')).toBe('kept');
    });
  },
);

describe.skipIf(!haveSetfacl)(
  `POSIX ACLs${haveSetfacl ? '' : ' (skipped: setfacl is not installed)'}`,
  () => {
    it('repair --write keeps an ACL entry', async () => {
      const file = join(tmp(), 'dhcpd.leases');
      copyFileSync(fixture, file);
      expect(spawnSync('setfacl', ['-m', 'u:nobody:r', file]).status).toBe(0);
      const { plan } = await analyseRepair(file, { now }, fakeDeps);
      applyPlan(plan, { pidFiles: [] });
      const acl = spawnSync('getfacl', ['-p', file], { encoding: 'utf8' }).stdout;
      expect(acl).toMatch(/^user:nobody:r--/m);
    });
  },
);
