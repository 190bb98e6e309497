import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leaseFile } from './helpers/fake-check.js';
import { haveRealCheck, waitingReason } from './helpers/real-deps.js';
import { useTmp } from './helpers/tmp.js';
import { realFixtureDir } from '../helpers.js';

const fixture = `${realFixtureDir}/enospc-truncated.leases`;
const tmp = useTmp();

function cli(args: string[], options: { cwd?: string } = {}) {
  const run = spawnSync('node', [join(process.cwd(), 'bin/leasecheck.js'), ...args], {
    cwd: options.cwd,
    encoding: 'latin1',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A directory holding a `leasecheck` command that runs this checkout, as an install would. */
function installedLeasecheck(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'leasecheck'),
    `#!/bin/sh\nexec node ${join(process.cwd(), 'bin/leasecheck.js')} "$@"\n`,
    { mode: 0o755 },
  );
  return bin;
}

function copy(dir: string): string {
  const file = join(dir, 'dhcpd.leases');
  copyFileSync(fixture, file);
  return file;
}

describe.skipIf(!haveRealCheck)(
  `leasecheck repair / undo on the command line${haveRealCheck ? '' : ` (skipped: ${waitingReason})`}`,
  () => {
    it('prints a diff that patch applies, explains on stderr, exits 4, and changes nothing', () => {
      const dir = tmp();
      const file = copy(dir);
      const r = cli(['repair', file]);
      expect(r.code).toBe(4);
      expect(r.stdout.startsWith('--- dhcpd.leases\n+++ dhcpd.leases\n@@ ')).toBe(true);
      expect(r.stderr).toMatch(/lease 10\.0\.128\.150/);
      expect(readFileSync(file).equals(readFileSync(fixture))).toBe(true);
      const patched = join(dir, 'p');
      mkdirSync(patched);
      copyFileSync(fixture, join(patched, 'dhcpd.leases'));
      execFileSync('patch', ['--silent', 'dhcpd.leases'], {
        cwd: patched,
        input: Buffer.from(r.stdout, 'latin1'),
      });
      // --write gives the same bytes, exit 1, the backup and the undo command.
      const w = cli(['repair', file, '--write']);
      expect(w.code).toBe(1);
      expect(w.stdout).toMatch(/^Backup: .*dhcpd\.leases\.leasecheck-\d{8}T\d{6}Z\.bak/m);
      const undo = /^Undo: (.*)$/m.exec(w.stdout)![1]!;
      expect(readFileSync(file).equals(readFileSync(join(patched, 'dhcpd.leases')))).toBe(true);
      // The result checks clean and a second repair is a no-op with nothing on stdout.
      expect(cli(['repair', file])).toMatchObject({ code: 0, stdout: '' });
      // undo restores the original bytes; a second undo says the file already is the original.
      const [, , backup, target] = undo.split(' ');
      expect(cli(['undo', backup!, target!]).code).toBe(0);
      expect(readFileSync(file).equals(readFileSync(fixture))).toBe(true);
      const again = cli(['undo', backup!, target!]);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/already holds the original bytes of .*; nothing changed/);
      expect(again.stderr).not.toMatch(/wrote to it since/);
      // Once the file changes again (dhcpd appends), undo refuses.
      writeFileSync(file, Buffer.concat([readFileSync(fixture), Buffer.from('\n')]));
      const changed = cli(['undo', backup!, target!]);
      expect(changed.code).toBe(8);
      expect(changed.stderr).toMatch(/no longer the output of that repair/);
    });

    it('--json describes the plan and the outcome', () => {
      const file = copy(tmp());
      const plan = JSON.parse(cli(['repair', file, '--json']).stdout) as Record<string, unknown>;
      expect(plan).toMatchObject({
        action: 'truncate-tail',
        affected: ['10.0.128.150'],
        exitCode: 4,
        outcome: null,
      });
      expect(plan.cutOffset).toBe(12198);
      const done = JSON.parse(cli(['repair', file, '--write', '--json']).stdout) as {
        outcome: { backup: string };
        exitCode: number;
      };
      expect(done.exitCode).toBe(1);
      expect(readFileSync(done.outcome.backup).equals(readFileSync(fixture))).toBe(true);
    });

    it('refuses a directory and a symlink with exit 8, and a bad --now with exit 16', () => {
      const dir = tmp();
      const file = copy(dir);
      mkdirSync(join(dir, 'd'));
      expect(cli(['repair', join(dir, 'd'), '--write']).code).toBe(8);
      symlinkSync(file, join(dir, 'l'));
      // The advice names the flag --write needs for a link...
      const advice = cli(['repair', join(dir, 'l')]);
      expect(advice.code).toBe(4);
      expect(advice.stderr).toContain(
        `To apply: leasecheck repair ${join(dir, 'l')} --write --follow-symlinks`,
      );
      // ... which refuses without it.
      const s = cli(['repair', join(dir, 'l'), '--write']);
      expect(s.code).toBe(8);
      expect(s.stderr).toMatch(/symbolic link/);
      expect(cli(['repair', join(dir, 'l'), '--write', '--follow-symlinks']).code).toBe(1);
      // A link to nothing beside a clean FILE~: no restore that --write could not apply.
      const dangling = join(dir, 'dangling.leases');
      symlinkSync(join(dir, 'no-such-target'), dangling);
      copyFileSync(file, `${dangling}~`);
      const d = cli(['repair', dangling]);
      expect(d.code).toBe(8);
      expect(d.stdout).toBe('');
      expect(d.stderr).toContain(
        `${dangling}: is a symbolic link to ${join(dir, 'no-such-target')}, which does not exist`,
      );
      expect(cli(['repair', file, '--now', 'yesterday-ish']).code).toBe(16);
    });

    it('--preen: 0 clean, 1 repaired (one line), 4 for damage it does not repair, 8 for a live dhcpd', () => {
      const dir = tmp();
      const file = copy(dir);
      const p = cli(['repair', file, '--preen']);
      expect(p.code).toBe(1);
      expect(p.stdout).toBe('');
      expect(p.stderr.trim().split('\n')).toHaveLength(1);
      expect(cli(['repair', file, '--preen'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
      // A live dhcpd serving the file: refused, exit 8, nothing changed.
      const live = join(dir, 'live.leases');
      copyFileSync(fixture, live);
      const dhcpd = spawn(
        'bash',
        ['-c', 'exec -a dhcpd bash -c "sleep 30; :" x -lf "$1"', 'x', live],
        { stdio: 'ignore' },
      );
      try {
        const refused = cli(['repair', live, '--preen']);
        expect(refused.code).toBe(8);
        expect(refused.stderr).toMatch(/in use, refusing to write: pid \d+ \(dhcpd /);
        expect(readFileSync(live).equals(readFileSync(fixture))).toBe(true);
      } finally {
        dhcpd.kill('SIGKILL');
      }
      const corrupt = join(dir, 'corrupt.leases');
      writeFileSync(
        corrupt,
        leaseFile(3).replace('  binding state active;\n', '  binding stat active;\n'),
        'latin1',
      );
      const before = readFileSync(corrupt);
      expect(cli(['repair', corrupt, '--preen']).code).toBe(4);
      expect(readFileSync(corrupt).equals(before)).toBe(true);
    });

    it("runs the systemd drop-in's ExecStartPre exactly as written (paths substituted)", () => {
      const dir = tmp();
      const file = copy(dir);
      const dropIn = readFileSync('samples/systemd/leasecheck.conf', 'utf8');
      const line = /^ExecStartPre=\/bin\/sh -c '(.*)'$/m.exec(dropIn)![1]!;
      // systemd turns "$$" into "$"; the lease file is the test's. leasecheck is
      // found on PATH, as systemd's own PATH finds an installed one.
      const script = line.replace(/\$\$/g, '$').replaceAll('/var/lib/dhcp/dhcpd.leases', file);
      const env = { ...process.env, PATH: `${installedLeasecheck(dir)}:${process.env.PATH ?? ''}` };
      const first = spawnSync('/bin/sh', ['-c', script], { encoding: 'utf8', env });
      expect(first.status).toBe(0); // repaired: dhcpd may start
      expect(first.stderr).toMatch(/removed truncated lease 10\.0\.128\.150/);
      expect(readdirSync(dir).some((n) => n.endsWith('.bak'))).toBe(true);
      writeFileSync(
        file,
        leaseFile(3).replace('  binding state active;\n', '  binding stat active;\n'),
        'latin1',
      );
      const second = spawnSync('/bin/sh', ['-c', script], { encoding: 'utf8', env });
      expect(second.status).toBe(4); // damage: the start is aborted
      expect(second.stderr).toMatch(/not starting dhcpd \(exit 4\)/);
    });
  },
);
