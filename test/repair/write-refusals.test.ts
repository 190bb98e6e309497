import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LeasecheckError } from '../../src/errors.js';
import { analyseRepair } from '../../src/repair/analyse.js';
import { dhcpdLeaseFile, findHolders } from '../../src/repair/holders.js';
import { applyPlan, type WriteOptions } from '../../src/repair/write.js';
import { fakeDeps } from './helpers/fake-check.js';
import { useTmp } from './helpers/tmp.js';
import { realFixtureDir } from '../helpers.js';

const now = new Date('2026-11-28T13:00:00Z');
const fixture = `${realFixtureDir}/enospc-truncated.leases`;
const tmp = useTmp();
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function copyFixture(dir: string): string {
  const file = join(dir, 'dhcpd.leases');
  copyFileSync(fixture, file);
  return file;
}

function refusal(run: () => unknown): LeasecheckError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LeasecheckError);
    return error as LeasecheckError;
  }
  throw new Error('expected a refusal');
}

/** Starts a shell command and waits until it has done its set-up (it prints "ready"). */
async function startHolder(script: string, args: string[] = []): Promise<ChildProcess> {
  const child = spawn('bash', ['-c', script, 'holder', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return child;
}

async function planFor(file: string) {
  return (await analyseRepair(file, { now }, fakeDeps)).plan;
}

const noPidFiles: WriteOptions = { pidFiles: [] };

describe('repair --write refuses (exit 8) and changes nothing', () => {
  it('when the file grew since the analysis', async () => {
    const file = copyFixture(tmp());
    const plan = await planFor(file);
    appendFileSync(file, '0:00;\n');
    const before = readFileSync(file);
    const e = refusal(() => applyPlan(plan, noPidFiles));
    expect(e.exitCode).toBe(8);
    expect(e.message).toMatch(/changed since it was analysed \(its size changed/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('when the bytes it analysed changed but size and time were put back', async () => {
    const file = copyFixture(tmp());
    const plan = await planFor(file);
    const stat = statSync(file);
    const fd = openSync(file, 'r+');
    writeSync(fd, 'X', plan.cutOffset! + 2);
    closeSync(fd);
    utimesSync(file, stat.atime, stat.mtime);
    const e = refusal(() => applyPlan(plan, noPidFiles));
    expect(e.exitCode).toBe(8);
    expect(e.message).toMatch(/changed since it was analysed/);
  });

  it('when another process has the file open (/proc/*/fd), unless --force', async () => {
    const dir = tmp();
    const file = copyFixture(dir);
    const plan = await planFor(file);
    const holder = await startHolder('exec 3<"$1"; echo ready; exec sleep 60', [file]);
    const e = refusal(() => applyPlan(plan, noPidFiles));
    expect(e.exitCode).toBe(8);
    expect(e.message).toContain(`pid ${holder.pid}`);
    expect(e.message).toMatch(/has the file open/);
    expect(readFileSync(file).equals(readFileSync(fixture))).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.bak'))).toEqual([]);
    const outcome = applyPlan(plan, { ...noPidFiles, force: true });
    expect(outcome.forcedPast.join()).toContain(`pid ${holder.pid}`);
  });

  it('when a live dhcpd in the process list serves this file (-lf)', async () => {
    const file = copyFixture(tmp());
    const plan = await planFor(file);
    const dhcpd = await startHolder(
      'echo ready; exec -a dhcpd bash -c "sleep 60; :" x -q -lf "$1"',
      [file],
    );
    const e = refusal(() => applyPlan(plan, noPidFiles));
    expect(e.message).toMatch(/is a dhcpd whose lease file is/);
    expect(e.message).toContain(String(dhcpd.pid));
  });

  it('but not when the live dhcpd serves another file', async () => {
    const dir = tmp();
    const file = copyFixture(dir);
    const plan = await planFor(file);
    await startHolder('echo ready; exec -a dhcpd bash -c "sleep 60; :" x -lf "$1"', [
      join(dir, 'other.leases'),
    ]);
    expect(findHolders(file, { pidFiles: [] })).toEqual([]);
    expect(applyPlan(plan, noPidFiles).backup).not.toBeNull();
  });

  it('when the process in --pid-file is alive', async () => {
    const dir = tmp();
    const file = copyFixture(dir);
    const plan = await planFor(file);
    const child = await startHolder('echo ready; exec sleep 60');
    const pidFile = join(dir, 'dhcpd.pid');
    writeFileSync(pidFile, `${child.pid}\n`);
    const e = refusal(() => applyPlan(plan, { pidFiles: [pidFile] }));
    expect(e.exitCode).toBe(8);
    expect(e.message).toContain(`named in ${pidFile}`);
    // A stale pid file (no such process) does not block.
    writeFileSync(pidFile, '4194303\n');
    expect(applyPlan(plan, { pidFiles: [pidFile] }).backup).not.toBeNull();
  });

  it('for a symbolic link, unless --follow-symlinks', async () => {
    const dir = tmp();
    const target = copyFixture(dir);
    const link = join(dir, 'link.leases');
    symlinkSync(target, link);
    const plan = (await analyseRepair(link, { now }, fakeDeps)).plan;
    const e = refusal(() => applyPlan(plan, noPidFiles));
    expect(e.exitCode).toBe(8);
    expect(e.message).toMatch(/symbolic link.*--follow-symlinks/);
    const outcome = applyPlan(plan, { ...noPidFiles, followSymlinks: true });
    expect(outcome.file).toBe(target);
    expect(statSync(link).size).toBe(plan.resultBytes);
  });

  it('for a directory', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'd'));
    const e = await analyseRepair(join(dir, 'd'), { now }, fakeDeps).catch(
      (error: unknown) => error,
    );
    expect(e).toBeInstanceOf(LeasecheckError);
    expect((e as LeasecheckError).exitCode).toBe(8);
    expect((e as LeasecheckError).message).toMatch(/is a directory/);
  });
});

describe('dhcpd command lines', () => {
  it('take the lease file from -lf, then lease-file-name in -cf, then the default', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'c.conf'), 'lease-file-name "/srv/x.leases";\n');
    expect(dhcpdLeaseFile(['dhcpd', '-lf', 'rel.leases'], '/var/tmp')).toBe('/var/tmp/rel.leases');
    expect(dhcpdLeaseFile(['dhcpd', '-cf', join(dir, 'c.conf')])).toBe('/srv/x.leases');
    expect(dhcpdLeaseFile(['/usr/sbin/dhcpd', '-cf', join(dir, 'none.conf')])).toBe(
      '/var/lib/dhcp/dhcpd.leases',
    );
    expect(dhcpdLeaseFile(['dhcpd', '-6', '-cf', join(dir, 'none.conf')])).toBe(
      '/var/lib/dhcp/dhcpd6.leases',
    );
  });
});

const isRoot = process.getuid?.() === 0;
const ci = process.env.CI === 'true';

describe('disk full', () => {
  if (!isRoot) {
    it.skipIf(!ci)('needs root to mount a small tmpfs (skipped: not root)', () => {
      throw new Error('CI=true: the disk-full test must run as root');
    });
    return;
  }
  it('--write fails with exit 8 on a full tmpfs and leaves the original untouched', async () => {
    const mnt = tmp();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]);
    try {
      const file = join(mnt, 'dhcpd.leases');
      copyFileSync(fixture, file);
      const plan = await planFor(file);
      // Fill the rest of the file system.
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${join(mnt, 'filler')}`, 'bs=4k'], {
          stdio: 'ignore',
        });
      } catch {
        // dd ends with "No space left on device": that is the point.
      }
      const e = refusal(() => applyPlan(plan, noPidFiles));
      expect(e.exitCode).toBe(8);
      expect(e.message).toMatch(/no space left on device/);
      expect(readFileSync(file).equals(readFileSync(fixture))).toBe(true);
      expect(readdirSync(mnt).filter((n) => n.endsWith('.tmp') || n.endsWith('-tmp'))).toEqual([]);
      // A copied backup runs out of space too, and leaves no partial .bak.
      const e2 = refusal(() => applyPlan(plan, { ...noPidFiles, backupMethod: 'copy' }));
      expect(e2.exitCode).toBe(8);
      expect(readdirSync(mnt).filter((n) => /\.bak/.test(n) && !n.endsWith('.json'))).toEqual(
        readdirSync(mnt).filter((n) => n.endsWith('.bak')),
      );
      for (const n of readdirSync(mnt).filter((n) => n.endsWith('.bak'))) {
        expect(readFileSync(join(mnt, n)).equals(readFileSync(fixture))).toBe(true);
      }
      expect(readFileSync(file).equals(readFileSync(fixture))).toBe(true);
    } finally {
      execFileSync('umount', [mnt]);
      expect(existsSync(join(mnt, 'filler'))).toBe(false);
    }
  });
});
