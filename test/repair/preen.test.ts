import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { preen } from '../../src/repair/preen.js';
import { fakeCheck, fakeDeps, leaseFile } from './helpers/fake-check.js';
import { useTmp } from './helpers/tmp.js';
import { realFixtureDir } from '../helpers.js';

const now = new Date('2026-11-28T13:00:00Z');
const fixture = `${realFixtureDir}/enospc-truncated.leases`;
const tmp = useTmp();
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});
const write = { pidFiles: [] as string[] };

describe('repair --preen', () => {
  it('repairs a truncated tail, keeps a backup and says so in one line', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    copyFileSync(fixture, file);
    const result = await preen(file, { now, write }, fakeDeps);
    expect(result.status).toBe('repaired');
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatch(
      /removed truncated lease 10\.0\.128\.150 \(\d+ bytes from byte \d+, line 449\); backup .*\.bak; undo: leasecheck undo /,
    );
    expect((await fakeCheck(file, { now })).verdict).toBe('clean');
    expect(readFileSync(result.outcome!.backup!).equals(readFileSync(fixture))).toBe(true);
    // Run again: nothing to do.
    expect((await preen(file, { now, write }, fakeDeps)).status).toBe('clean');
  });

  it('changes nothing when the file is corrupt in the middle (problems)', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(file, leaseFile(3), 'latin1');
    const deps = {
      ...fakeDeps,
      check: async (p: string, o: { now?: Date }) => ({
        ...(await fakeCheck(p, o)),
        verdict: 'corrupt' as const,
      }),
    };
    const result = await preen(file, { now, write }, deps);
    expect(result.status).toBe('problems');
    expect(result.lines[0]).toMatch(
      /damaged in the middle.*nothing changed; details: leasecheck repair /,
    );
    expect(readFileSync(file, 'latin1')).toBe(leaseFile(3));
  });

  it('changes nothing when a live dhcpd serves the file (refused)', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    copyFileSync(fixture, file);
    const child = spawn(
      'bash',
      ['-c', 'echo ready; exec -a dhcpd bash -c "sleep 60; :" x -lf "$1"', 'x', file],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(child);
    await new Promise((r) => child.stdout!.once('data', r));
    const result = await preen(file, { now, write }, fakeDeps);
    expect(result.status).toBe('refused');
    expect(result.lines[0]).toMatch(/in use, refusing to write/);
    expect(readFileSync(file).equals(readFileSync(fixture))).toBe(true);
    expect(readdirSync(dir)).toEqual(['dhcpd.leases']);
  });

  it("reports an empty file beside dhcpd's FILE~ with the restore command, and stray snapshots", async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(file, '');
    writeFileSync(`${file}~`, leaseFile(2), 'latin1');
    writeFileSync(`${file}.1795870000`, 'lease 10.0.0.1 {\n');
    const result = await preen(file, { now, write }, fakeDeps);
    expect(result.status).toBe('problems');
    expect(result.lines).toEqual([
      `${file}: empty while ${file}~ holds ${leaseFile(2).length} bytes; review and restore with: leasecheck repair ${file} --write`,
    ]);
    expect(result.notes[0]).toMatch(
      /stray snapshot .*dhcpd\.leases\.1795870000 \(17 bytes, started 2026-11-28T.*\) left by an interrupted dhcpd rewrite; not removed/,
    );
    expect(readFileSync(`${file}.1795870000`, 'latin1')).toBe('lease 10.0.0.1 {\n');
  });

  it('points at repairing FILE~ first when FILE is empty and FILE~ is itself damaged (the restore command would do nothing)', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(file, '');
    const damaged = leaseFile(2).slice(0, -20);
    writeFileSync(`${file}~`, damaged, 'latin1');
    const result = await preen(file, { now, write }, fakeDeps);
    expect(result.status).toBe('problems');
    expect(result.lines).toEqual([
      `${file}: empty while ${file}~ holds ${damaged.length} bytes, but ${file}~ is itself truncated-tail; nothing restores from it as it is: see leasecheck repair '${file}~', then leasecheck repair ${file} --write`,
    ]);
  });

  it('is quiet and clean for a whole file, and for a fresh empty file', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(file, leaseFile(2), 'latin1');
    expect(await preen(file, { now, write }, fakeDeps)).toMatchObject({
      status: 'clean',
      lines: [],
      notes: [],
    });
    writeFileSync(file, '');
    expect(await preen(file, { now, write }, fakeDeps)).toMatchObject({
      status: 'clean',
      lines: [],
    });
  });

  it('refuses a missing file with no FILE~', async () => {
    const result = await preen(join(tmp(), 'nope.leases'), { now, write }, fakeDeps);
    expect(result.status).toBe('refused');
  });
});
