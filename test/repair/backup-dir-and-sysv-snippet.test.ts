import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseRepair } from '../../src/repair/analyse.js';
import { undoRepair } from '../../src/repair/undo.js';
import { applyPlan } from '../../src/repair/write.js';
import { fakeDeps, leaseFile } from './helpers/fake-check.js';
import { useTmp } from './helpers/tmp.js';
import { realFixtureDir } from '../helpers.js';

const fixture = `${realFixtureDir}/enospc-truncated.leases`;
const now = new Date('2026-11-28T13:00:00Z');
const tmp = useTmp();
const isRoot = process.getuid?.() === 0;

describe('--backup-dir', () => {
  it('puts the backup there (hard link on the same file system), and undo finds the file from the manifest', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    copyFileSync(fixture, file);
    const backups = join(dir, 'backups');
    execFileSync('mkdir', [backups]);
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    const outcome = applyPlan(plan, { pidFiles: [], backupDir: backups });
    expect(outcome.backup!.startsWith(`${backups}/dhcpd.leases.leasecheck-`)).toBe(true);
    expect(outcome.backupMethod).toBe('hard-link');
    undoRepair(outcome.backup!, undefined, { pidFiles: [] });
    expect(readFileSync(file).equals(readFileSync(fixture))).toBe(true);
  });

  it.skipIf(!isRoot)(
    'copies the backup to another file system (a tmpfs), and undo works from the copy',
    async () => {
      const dir = tmp();
      const file = join(dir, 'dhcpd.leases');
      copyFileSync(fixture, file);
      const backups = tmp();
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', backups]);
      try {
        const { plan } = await analyseRepair(file, { now }, fakeDeps);
        const outcome = applyPlan(plan, { pidFiles: [], backupDir: backups });
        expect(outcome.backupMethod).toBe('copy');
        expect(readFileSync(outcome.backup!).equals(readFileSync(fixture))).toBe(true);
        expect(readdirSync(backups).filter((n) => n.includes('tmp'))).toEqual([]);
        undoRepair(outcome.backup!, file, { pidFiles: [] });
        expect(readFileSync(file).equals(readFileSync(fixture))).toBe(true);
      } finally {
        execFileSync('umount', [backups]);
      }
    },
  );
});

describe('the /etc/default/isc-dhcp-server snippet (SysV init)', () => {
  const snippet = readFileSync('samples/systemd/isc-dhcp-server.default.snippet', 'utf8');
  /** Sources the snippet as the init script does, with `leasecheck` in `binDir` on PATH. */
  function source(file: string, verb: string, binDir: string) {
    const script = snippet.replaceAll('/var/lib/dhcp/dhcpd.leases', file);
    // The init script sources the defaults file with its own arguments; "started" shows it went on.
    return spawnSync('/bin/sh', ['-c', `${script}\necho started`, 'isc-dhcp-server', verb], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${binDir}:/sbin:/bin:/usr/sbin:/usr/bin` },
    });
  }

  it('goes on when preen exits 0 or 1, stops the start when it exits 4 or 8, and does nothing on restart', () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(file, leaseFile(1), 'latin1');
    for (const [code, goesOn] of [
      [0, true],
      [1, true],
      [4, false],
      [8, false],
    ] as const) {
      const binDir = join(dir, `bin-${code}`);
      mkdirSync(binDir);
      writeFileSync(
        join(binDir, 'leasecheck'),
        `#!/bin/sh\necho "$@" >> ${dir}/calls\nexit ${code}\n`,
        { mode: 0o755 },
      );
      const r = source(file, 'start', binDir);
      expect(r.stdout.includes('started'), `exit ${code}`).toBe(goesOn);
      if (!goesOn) expect(r.stderr).toContain(`not starting dhcpd (exit ${code})`);
      expect(source(file, 'restart', binDir).stdout).toContain('started');
    }
    expect(readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n')).toEqual(
      Array(4).fill(`repair --preen ${file}`),
    );
  });
});

describe('the service samples find leasecheck wherever npm installed it', () => {
  // npm install -g puts leasecheck in /usr/local/bin or /usr/bin depending on where
  // Node.js came from; a sample that names one of them stops dhcpd on the other.
  const installedHere = ['/usr/local/bin/leasecheck', '/usr/bin/leasecheck'].some((p) =>
    existsSync(p),
  );

  it('no sample names an absolute path to the leasecheck binary', () => {
    for (const name of readdirSync('samples/systemd')) {
      const text = readFileSync(join('samples/systemd', name), 'utf8');
      expect(text, name).not.toMatch(/\/(?:usr|opt|bin)[\w/.-]*\/leasecheck\s+(?:check|repair)/);
    }
  });

  it.skipIf(installedHere)(
    `the drop-in and the SysV snippet start dhcpd, with one line why, when leasecheck is not installed${installedHere ? ' (skipped: a leasecheck is installed in /usr/local/bin or /usr/bin on this machine)' : ''}`,
    () => {
      const dir = tmp();
      const file = join(dir, 'dhcpd.leases');
      writeFileSync(file, leaseFile(1), 'latin1');
      const env = { ...process.env, PATH: '/sbin:/bin:/usr/sbin:/usr/bin' };
      const dropIn = readFileSync('samples/systemd/leasecheck.conf', 'utf8');
      const line = /^ExecStartPre=\/bin\/sh -c '(.*)'$/m.exec(dropIn)![1]!;
      const pre = spawnSync('/bin/sh', ['-c', line.replace(/\$\$/g, '$')], {
        encoding: 'utf8',
        env,
      });
      expect(pre.status).toBe(0);
      expect(pre.stderr).toMatch(
        /^leasecheck: not installed .*dhcpd starts without the lease file check\n$/,
      );
      const sysv = spawnSync(
        '/bin/sh',
        [
          '-c',
          `${readFileSync('samples/systemd/isc-dhcp-server.default.snippet', 'utf8')}\necho started`,
          'x',
          'start',
        ],
        { encoding: 'utf8', env },
      );
      expect(sysv.stdout).toContain('started');
      expect(sysv.stderr).toMatch(/^leasecheck: not installed /);
    },
  );
});

describe('the Prometheus unit', () => {
  const analyse = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
  const haveAnalyse = analyse.status === 0;
  it.skipIf(!haveAnalyse)(
    `is hardened: systemd-analyze security rates its exposure 2.0 or less${haveAnalyse ? '' : ' (skipped: no systemd-analyze)'}`,
    () => {
      const r = spawnSync(
        'systemd-analyze',
        ['security', '--offline=true', 'samples/systemd/leasecheck-prometheus.service'],
        { encoding: 'utf8' },
      );
      const exposure = /Overall exposure level for [^:]+: (\d+\.\d+)/.exec(r.stdout + r.stderr);
      expect(exposure, r.stdout + r.stderr).not.toBeNull();
      expect(Number(exposure![1])).toBeLessThanOrEqual(2.0);
      const unit = readFileSync('samples/systemd/leasecheck-prometheus.service', 'utf8');
      expect(unit).toMatch(/^Documentation=man:leasecheck\(1\)/m);
      // Node.js compiles at run time: W^X memory would kill it.
      expect(unit).not.toMatch(/^MemoryDenyWriteExecute=yes/m);
    },
  );
});
