import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leaseFile } from './helpers/fake-check.js';
import { useTmp } from './helpers/tmp.js';

/**
 * One flipped byte in the middle of a 44-lease file beside a clean 1-lease
 * `FILE~`: restoring FILE~ would make dhcpd forget 43 bindings. Plain
 * `repair --write` must not do it; it proposes dropping the one damaged
 * lease, and writes it only with --drop-corrupt. --restore-backup restores.
 */
const tmp = useTmp();

function cli(args: string[]) {
  const run = spawnSync('node', [join(process.cwd(), 'bin/leasecheck.js'), ...args], {
    encoding: 'latin1',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function damagedBesideOldSnapshot(): { file: string; text: string } {
  const dir = tmp();
  const file = join(dir, 'dhcpd.leases');
  const text = leaseFile(44);
  // `binding state` -> `binding stXte` in lease 10.0.0.20: a syntax error dhcpd would stop at.
  const at = text.indexOf('binding state', text.indexOf('lease 10.0.0.20 ')) + 11;
  writeFileSync(file, `${text.slice(0, at)}X${text.slice(at + 1)}`, 'latin1');
  writeFileSync(`${file}~`, leaseFile(1), 'latin1');
  return { file, text: readFileSync(file, 'latin1') };
}

describe('repair of a damaged file whose FILE~ lacks what it holds', () => {
  it('plain --write restores nothing and writes nothing: exit 4, the drop of the one lease proposed with its diff', () => {
    const { file, text } = damagedBesideOldSnapshot();
    const r = cli(['repair', file, '--write']);
    expect(r.stderr).not.toMatch(/Restored/);
    expect(r.code).toBe(4);
    expect(readFileSync(file, 'latin1')).toBe(text);
    expect(r.stderr).toMatch(/restoring it would lose 42 key\(s\)/);
    expect(r.stderr).toMatch(/--restore-backup/);
    expect(r.stderr).toMatch(/To apply: leasecheck repair \S+ --write --drop-corrupt/);
    expect(r.stdout).toMatch(/^-lease 10\.0\.0\.20 \{$/m);
    expect(r.stdout).not.toMatch(/^-lease 10\.0\.0\.21 \{$/m);
  });

  it('--drop-corrupt --write removes only the damaged lease: 43 remain', () => {
    const { file } = damagedBesideOldSnapshot();
    const r = cli(['repair', file, '--write', '--drop-corrupt']);
    expect(r.code).toBe(1);
    const after = readFileSync(file, 'latin1');
    expect(after.match(/^lease /gm)).toHaveLength(43);
    expect(after).not.toMatch(/lease 10\.0\.0\.20 /);
  });

  it('--restore-backup --write restores FILE~, after saying what is lost, with a backup and an undo', () => {
    const { file, text } = damagedBesideOldSnapshot();
    const r = cli(['repair', file, '--write', '--restore-backup']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Restored /m);
    expect(readFileSync(file).equals(readFileSync(`${file}~`))).toBe(true);
    const backup = /^Backup: (\S+)/m.exec(r.stdout)![1]!;
    expect(readFileSync(backup, 'latin1')).toBe(text);
  });

  it('--preen restores nothing and drops nothing: exit 4, one line naming the choice', () => {
    const { file, text } = damagedBesideOldSnapshot();
    const r = cli(['repair', file, '--preen']);
    expect(r.code).toBe(4);
    expect(readFileSync(file, 'latin1')).toBe(text);
    expect(r.stderr).toMatch(/Not repaired automatically/);
  });

  it('--drop-corrupt with --restore-backup is a usage error', () => {
    const { file } = damagedBesideOldSnapshot();
    expect(cli(['repair', file, '--drop-corrupt', '--restore-backup']).code).toBe(16);
  });

  it('--restore-backup on a file without a FILE~ refuses (exit 8), changing nothing', () => {
    const { file, text } = damagedBesideOldSnapshot();
    writeFileSync(`${file}~`, '');
    const r = cli(['repair', file, '--write', '--restore-backup']);
    expect(r.code).toBe(8);
    expect(readFileSync(file, 'latin1')).toBe(text);
  });
});
