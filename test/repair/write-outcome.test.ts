// What `repair --write` reports and leaves behind, field by field: the
// backup and its undo manifest (the hashes `undo` trusts), the sizes and
// hashes of both files, and the undo command; and the refusals of a plan
// that has nothing to write, or whose file vanished or was replaced since
// the analysis. A wrong hash or size here would make `undo` refuse or, worse,
// accept the wrong file.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LeasecheckError } from '../../src/errors.js';
import { analyseRepair } from '../../src/repair/analyse.js';
import { realFsOps, type FsOps } from '../../src/repair/fs-ops.js';
import { writeManifest } from '../../src/repair/manifest.js';
import { AfterReplaceError } from '../../src/repair/refuse.js';
import type { WriteOutcome } from '../../src/repair/types.js';
import { applyPlan, type WriteOptions } from '../../src/repair/write.js';
import { fakeDeps, leaseFile } from './helpers/fake-check.js';
import { realDeps } from './helpers/real-deps.js';
import { useTmp } from './helpers/tmp.js';
import { realFixtureDir } from '../helpers.js';

const now = new Date('2026-11-28T13:00:00Z');
const fixture = `${realFixtureDir}/enospc-truncated.leases`;
const tmp = useTmp();
const clock = () => new Date('2026-12-01T10:20:30.456Z');
const write: WriteOptions = { pidFiles: [], clock };
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function copyFixture(name = 'dhcpd.leases'): string {
  const file = join(tmp(), name);
  copyFileSync(fixture, file);
  return file;
}

function thrown(run: () => unknown): LeasecheckError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LeasecheckError);
    return error as LeasecheckError;
  }
  throw new Error('expected an error');
}

describe('a repair written', () => {
  it.each([
    ['auto', 'hard-link'],
    ['copy', 'copy'],
  ] as const)(
    'reports the backup (by %s), the manifest, sizes, hashes and the undo command',
    async (backupMethod, method) => {
      const file = copyFixture();
      const original = readFileSync(file);
      const { plan } = await analyseRepair(file, { now }, fakeDeps);
      const outcome = applyPlan(plan, { ...write, backupMethod });
      const repaired = readFileSync(file);
      const backup = `${file}.leasecheck-20261201T102030Z.bak`;
      expect(repaired.length).toBe(plan.resultBytes);
      expect(repaired.length).toBeLessThan(original.length);
      expect(outcome).toEqual({
        file,
        backup,
        manifest: `${backup}.json`,
        backupMethod: method,
        bytesBefore: original.length,
        bytesAfter: repaired.length,
        originalSha256: sha256(original),
        resultSha256: sha256(repaired),
        forcedPast: [],
        undoCommand: `leasecheck undo ${backup} ${file}`,
        appendedAfterCheck: null,
      });
      expect(readFileSync(backup).equals(original)).toBe(true);
      const manifest = JSON.parse(readFileSync(`${backup}.json`, 'utf8'));
      expect(manifest).toEqual({
        leasecheckUndo: 1,
        file,
        backup,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        action: 'truncate-tail',
        original: { sha256: sha256(original), bytes: original.length },
        repaired: { bytes: repaired.length, sha256: sha256(repaired) },
      });
      expect(Math.abs(Date.parse(manifest.createdAt) - Date.now())).toBeLessThan(60_000);
    },
  );

  it('quotes names a shell would split in the undo command', async () => {
    const file = copyFixture('dhcpd leases');
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    const outcome = applyPlan(plan, write);
    expect(outcome.undoCommand).toBe(`leasecheck undo '${outcome.backup}' '${file}'`);
  });

  it('restoring FILE~ over a corrupt FILE: the manifest hashes FILE as it was, not FILE~', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    const text = leaseFile(5);
    const at = text.indexOf('binding state', text.indexOf('lease 10.0.0.1 '));
    writeFileSync(file, `${text.slice(0, at)}binding stXte${text.slice(at + 13)}`, 'latin1');
    writeFileSync(`${file}~`, leaseFile(3), 'latin1');
    const original = readFileSync(file);
    const { plan } = await analyseRepair(file, { now, restoreBackup: true }, await realDeps());
    expect(plan.action).toBe('restore-backup');
    const outcome = applyPlan(plan, write);
    expect(readFileSync(file).equals(readFileSync(`${file}~`))).toBe(true);
    expect(outcome.originalSha256).toBe(sha256(original));
    expect(outcome.bytesBefore).toBe(original.length);
    expect(readFileSync(outcome.backup!).equals(original)).toBe(true);
    const manifest = JSON.parse(readFileSync(outcome.manifest!, 'utf8'));
    expect(manifest.original).toEqual({ sha256: sha256(original), bytes: original.length });
    expect(manifest.repaired).toEqual({
      sha256: sha256(readFileSync(`${file}~`)),
      bytes: readFileSync(`${file}~`).length,
    });
    expect(manifest.action).toBe('restore-backup');
  });

  it('creating a missing FILE from FILE~: no backup, no manifest, no undo, nothing before', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(`${file}~`, leaseFile(2), { encoding: 'latin1', mode: 0o640 });
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    expect(plan.action).toBe('restore-backup');
    const outcome = applyPlan(plan, write);
    const restored = readFileSync(file);
    expect(outcome).toEqual({
      file,
      backup: null,
      manifest: null,
      backupMethod: 'none',
      bytesBefore: 0,
      bytesAfter: restored.length,
      originalSha256: '',
      resultSha256: sha256(restored),
      forcedPast: [],
      undoCommand: null,
      appendedAfterCheck: null,
    });
    expect(readdirSync(dir).sort()).toEqual(['dhcpd.leases', 'dhcpd.leases~']);
  });

  it('restoring a FILE~ that is a symbolic link: read through the link, as the analysis read it', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    const snapshot = join(tmp(), 'snapshot.leases');
    writeFileSync(file, '');
    writeFileSync(snapshot, leaseFile(3), 'latin1');
    symlinkSync(snapshot, `${file}~`);
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    expect(plan.action).toBe('restore-backup');
    const outcome = applyPlan(plan, write);
    expect(readFileSync(file, 'latin1')).toBe(leaseFile(3));
    expect(lstatSync(file).isFile()).toBe(true);
    expect(outcome.resultSha256).toBe(sha256(readFileSync(snapshot)));
    expect(lstatSync(`${file}~`).isSymbolicLink()).toBe(true);
  });

  it('restoring FILE~ over an empty FILE: nothing to back up, the empty file hashed', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(file, '');
    writeFileSync(`${file}~`, leaseFile(3), 'latin1');
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    expect(plan.action).toBe('restore-backup');
    const outcome = applyPlan(plan, write);
    expect(outcome).toMatchObject({
      backup: null,
      manifest: null,
      backupMethod: 'none',
      bytesBefore: 0,
      originalSha256: sha256(Buffer.alloc(0)),
      undoCommand: null,
    });
    expect(readdirSync(dir).sort()).toEqual(['dhcpd.leases', 'dhcpd.leases~']);
  });
});

describe('nothing written (exit 8, FILE untouched)', () => {
  it('for a plan with nothing to do, or a refused one', async () => {
    const file = join(tmp(), 'dhcpd.leases');
    writeFileSync(file, leaseFile(2), 'latin1');
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    expect(plan.action).toBe('none');
    const none = thrown(() => applyPlan(plan, write));
    expect(none.exitCode).toBe(8);
    expect(none.message).toBe(`${file}: nothing to write (no repair needed)`);
    const refused = thrown(() =>
      applyPlan({ ...plan, action: 'refuse', refusal: 'the file is damaged in the middle' }, write),
    );
    expect(refused.exitCode).toBe(8);
    expect(refused.message).toBe(`${file}: nothing to write (the file is damaged in the middle)`);
  });

  it('when FILE disappeared since the analysis', async () => {
    const file = copyFixture();
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    const kept = readFileSync(file);
    rmSync(file);
    const error = thrown(() => applyPlan(plan, write));
    expect(error.exitCode).toBe(8);
    expect(error.message).toBe(
      `${file}: changed since it was analysed (it disappeared); run repair again`,
    );
    expect(existsSync(file)).toBe(false);
    expect(kept.length).toBeGreaterThan(0);
  });

  it('when FILE appeared since an analysis that found it missing', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(`${file}~`, leaseFile(2), 'latin1');
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    expect(plan.action).toBe('restore-backup');
    writeFileSync(file, leaseFile(1), 'latin1');
    const error = thrown(() => applyPlan(plan, write));
    expect(error.exitCode).toBe(8);
    expect(error.message).toBe(
      `${file}: changed since it was analysed (it appeared); run repair again`,
    );
    expect(readFileSync(file, 'latin1')).toBe(leaseFile(1));
  });

  it('when FILE appeared while the restore was being written', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(`${file}~`, leaseFile(2), 'latin1');
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    const fs: FsOps = {
      ...realFsOps,
      fsync: (step, fd) => {
        if (step === 'temp-fsync' && !existsSync(file)) writeFileSync(file, leaseFile(1), 'latin1');
        realFsOps.fsync(step, fd);
      },
    };
    const error = thrown(() => applyPlan(plan, { ...write, fs }));
    expect(error.exitCode).toBe(8);
    expect(error.message).toBe(
      `${file}: appeared since it was analysed; nothing written, run repair again`,
    );
    expect(readFileSync(file, 'latin1')).toBe(leaseFile(1));
    expect(readdirSync(dir).sort()).toEqual(['dhcpd.leases', 'dhcpd.leases~']);
  });

  it('when FILE~ changed while the restore was being written', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(`${file}~`, leaseFile(2), 'latin1');
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    const fs: FsOps = {
      ...realFsOps,
      fsync: (step, fd) => {
        if (step === 'temp-fsync') writeFileSync(`${file}~`, leaseFile(3), 'latin1');
        realFsOps.fsync(step, fd);
      },
    };
    const error = thrown(() => applyPlan(plan, { ...write, fs }));
    expect(error.exitCode).toBe(8);
    expect(error.message).toMatch(
      new RegExp(`^${file}~: changed since it was analysed \\(.+\\); nothing written$`),
    );
    expect(existsSync(file)).toBe(false);
  });

  it('when FILE was replaced by another file with the same bytes', async () => {
    const file = copyFixture();
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    const other = `${file}.other`;
    copyFileSync(file, other);
    const { mtime } = statSync(file);
    renameSync(other, file);
    expect(statSync(file).mtime.getTime()).toBeGreaterThanOrEqual(mtime.getTime());
    const error = thrown(() => applyPlan(plan, write));
    expect(error.exitCode).toBe(8);
    expect(error.message).toMatch(
      new RegExp(
        `^${file}: (was replaced since it was analysed|changed since it was analysed \\(.+\\)); nothing written, run repair again$`,
      ),
    );
    expect(readFileSync(file).equals(readFileSync(fixture))).toBe(true);
    expect(readdirSync(join(file, '..'))).toEqual(['dhcpd.leases']);
  });
});

describe('the descriptors', () => {
  const open = () => readdirSync('/proc/self/fd').length;

  it('are all closed after a repair and after a restore (FILE~ read through its own)', async () => {
    const file = copyFixture();
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    const before = open();
    applyPlan(plan, write);
    expect(open()).toBe(before);
    const dir = tmp();
    const empty = join(dir, 'dhcpd.leases');
    writeFileSync(empty, '');
    writeFileSync(`${empty}~`, leaseFile(3), 'latin1');
    const restore = (await analyseRepair(empty, { now }, fakeDeps)).plan;
    expect(restore.action).toBe('restore-backup');
    const beforeRestore = open();
    applyPlan(restore, write);
    expect(open()).toBe(beforeRestore);
  });
});

describe('FILE replaced by a copy of itself while the repair is written', () => {
  it('is refused at the last re-check (the name no longer points at the file analysed)', async () => {
    const file = copyFixture();
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    const fs: FsOps = {
      ...realFsOps,
      fsync: (step, fd) => {
        if (step === 'temp-fsync') {
          copyFileSync(file, `${file}.copy`);
          renameSync(`${file}.copy`, file);
        }
        realFsOps.fsync(step, fd);
      },
    };
    const error = thrown(() => applyPlan(plan, { ...write, fs }));
    expect(error.exitCode).toBe(8);
    expect(error.message).toBe(
      `${file}: was replaced since it was analysed; nothing written, run repair again`,
    );
    expect(readFileSync(file).equals(readFileSync(fixture))).toBe(true);
    // The name no longer holds the file that was backed up: the backup is kept, not
    // removed as after a refusal with the original still in place (no manifest yet).
    const backup = `${file}.leasecheck-20261201T102030Z.bak`;
    expect(readdirSync(join(file, '..')).sort()).toEqual(['dhcpd.leases', basename(backup)]);
    expect(readFileSync(backup).equals(readFileSync(fixture))).toBe(true);
  });
});

describe('a restore over an empty FILE (no backup made) that fails before the rename', () => {
  it.each(['temp-create', 'temp-write', 'temp-fsync', 'rename'] as const)(
    "%s: the step's own error (exit 8), FILE still empty, nothing left behind",
    async (failing) => {
      const dir = tmp();
      const file = join(dir, 'dhcpd.leases');
      writeFileSync(file, '');
      writeFileSync(`${file}~`, leaseFile(3), 'latin1');
      const { plan } = await analyseRepair(file, { now }, fakeDeps);
      expect(plan.action).toBe('restore-backup');
      const fail = (step: string): void => {
        if (step === failing) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
      };
      const fs: FsOps = {
        ...realFsOps,
        open: (step, path, flags, mode) => (fail(step), realFsOps.open(step, path, flags, mode)),
        write: (step, fd, buffer, length) => (
          fail(step),
          realFsOps.write(step, fd, buffer, length)
        ),
        fsync: (step, fd) => (fail(step), realFsOps.fsync(step, fd)),
        rename: (step, from, to) => (fail(step), realFsOps.rename(step, from, to)),
      };
      const error = thrown(() => applyPlan(plan, { ...write, fs }));
      expect(error.exitCode).toBe(8);
      expect(error.message).toMatch(new RegExp(`^${failing}: .*i/o error`));
      expect(readFileSync(file, 'latin1')).toBe('');
      expect(readdirSync(dir).sort()).toEqual(['dhcpd.leases', 'dhcpd.leases~']);
    },
  );
});

describe('an append in the last window whose saving fails', () => {
  it.each([
    ['auto', true],
    ['copy', false],
  ] as const)(
    'says so, and (backup by %s) whether the bytes are at the end of the backup',
    async (backupMethod, atEndOfBackup) => {
      const file = copyFixture();
      const { plan } = await analyseRepair(file, { now }, fakeDeps);
      // The name the appended bytes would be saved under is taken: saving them fails.
      const savedName = `${file}.leasecheck-20261201T102030Z.appended`;
      writeFileSync(savedName, 'taken');
      const appended = 'lease 10.0.99.99 {\n  binding state active;\n}\n';
      let done = false;
      const fs: FsOps = {
        ...realFsOps,
        rename: (step, from, to) => {
          if (!done && to === file) {
            done = true;
            writeFileSync(file, appended, { flag: 'a', encoding: 'latin1' });
          }
          realFsOps.rename(step, from, to);
        },
      };
      let error: unknown = null;
      try {
        applyPlan(plan, { ...write, backupMethod, fs });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AfterReplaceError);
      const failure = error as AfterReplaceError<WriteOutcome>;
      expect(failure.exitCode).toBe(8);
      const late = failure.outcome.appendedAfterCheck!;
      expect(late).toMatchObject({ bytes: appended.length, savedTo: null });
      expect(late.saveError).toMatch(/EEXIST/);
      const backup = failure.outcome.backup!;
      expect(failure.message).toBe(
        `WARNING: ${file}: ${appended.length} bytes were appended to the old file between the last check and the rename (is dhcpd running?); they are NOT in the repaired file: saving them failed (${late.saveError})${atEndOfBackup ? `; they are at the end of ${backup}` : ''}. Stop dhcpd, review them and append them to ${file} before starting it.`,
      );
      expect(readFileSync(savedName, 'latin1')).toBe('taken');
    },
  );

  it('over an empty FILE (restored from FILE~, so no backup): says saving failed and names no backup', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(file, '');
    writeFileSync(`${file}~`, leaseFile(3), 'latin1');
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    expect(plan.action).toBe('restore-backup');
    writeFileSync(`${file}.leasecheck-20261201T102030Z.appended`, 'taken');
    const appended = 'lease 10.0.99.97 {\n  binding state active;\n}\n';
    let done = false;
    const fs: FsOps = {
      ...realFsOps,
      rename: (step, from, to) => {
        if (!done && to === file) {
          done = true;
          writeFileSync(file, appended, { flag: 'a', encoding: 'latin1' });
        }
        realFsOps.rename(step, from, to);
      },
    };
    let error: unknown = null;
    try {
      applyPlan(plan, { ...write, fs });
    } catch (e) {
      error = e;
    }
    // A warning with the outcome, not a crash while wording it: the restore did happen.
    expect(error).toBeInstanceOf(AfterReplaceError);
    const failure = error as AfterReplaceError<WriteOutcome>;
    expect(failure.exitCode).toBe(8);
    expect(failure.outcome.backup).toBeNull();
    expect(failure.outcome.appendedAfterCheck).toMatchObject({
      bytes: appended.length,
      savedTo: null,
    });
    const saveError = failure.outcome.appendedAfterCheck!.saveError!;
    expect(saveError).toMatch(/EEXIST/);
    expect(failure.message).toBe(
      `WARNING: ${file}: ${appended.length} bytes were appended to the old file between the last check and the rename (is dhcpd running?); they are NOT in the repaired file: saving them failed (${saveError}). Stop dhcpd, review them and append them to ${file} before starting it.`,
    );
    expect(readFileSync(file).equals(readFileSync(`${file}~`))).toBe(true);
  });

  it('together with a failed directory fsync: both warnings, one sentence after the other', async () => {
    const file = copyFixture();
    const dir = join(file, '..');
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    const appended = 'lease 10.0.99.96 {\n  binding state active;\n}\n';
    let done = false;
    const fs: FsOps = {
      ...realFsOps,
      rename: (step, from, to) => {
        if (!done && to === file) {
          done = true;
          writeFileSync(file, appended, { flag: 'a', encoding: 'latin1' });
        }
        realFsOps.rename(step, from, to);
      },
      fsyncDir: (step, path) => {
        if (step === 'dir-fsync') throw new Error('EIO: i/o error, fsync');
        realFsOps.fsyncDir(step, path);
      },
    };
    let error: unknown = null;
    try {
      applyPlan(plan, { ...write, fs });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AfterReplaceError);
    const failure = error as AfterReplaceError<WriteOutcome>;
    const savedTo = `${file}.leasecheck-20261201T102030Z.appended`;
    expect(failure.outcome.appendedAfterCheck).toEqual({
      bytes: appended.length,
      savedTo,
      saveError: null,
    });
    expect(failure.message).toBe(
      `WARNING: ${file}: ${appended.length} bytes were appended to the old file between the last check and the rename (is dhcpd running?); they are NOT in the repaired file: they are saved in ${savedTo}. Stop dhcpd, review them and append them to ${file} before starting it. ` +
        `${file} was replaced, but fsync of ${dir} failed (EIO: i/o error, fsync): the new name may not survive a crash`,
    );
  });

  it('and when it is saved, names the file it is in', async () => {
    const file = copyFixture();
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    const appended = 'lease 10.0.99.98 {\n  binding state active;\n}\n';
    let done = false;
    const fs: FsOps = {
      ...realFsOps,
      rename: (step, from, to) => {
        if (!done && to === file) {
          done = true;
          writeFileSync(file, appended, { flag: 'a', encoding: 'latin1' });
        }
        realFsOps.rename(step, from, to);
      },
    };
    const failure = (() => {
      try {
        applyPlan(plan, { ...write, fs });
      } catch (e) {
        return e as AfterReplaceError<WriteOutcome>;
      }
      throw new Error('expected the late append to be reported');
    })();
    const savedTo = `${file}.leasecheck-20261201T102030Z.appended`;
    expect(failure.outcome.appendedAfterCheck).toEqual({
      bytes: appended.length,
      savedTo,
      saveError: null,
    });
    expect(failure.message).toContain(
      `they are NOT in the repaired file: they are saved in ${savedTo}.`,
    );
  });
});

describe('a file already at the name the undo manifest would take', () => {
  // A manifest whose backup was removed (by hand, or by another tool) is not this repair's.
  const leftover = '{"left": "by an earlier repair whose backup is gone"}\n';

  it('is left as it is: the backup and its manifest take the next free name', async () => {
    const file = copyFixture();
    const dir = join(file, '..');
    const taken = `${file}.leasecheck-20261201T102030Z.bak.json`;
    writeFileSync(taken, leftover);
    const { plan } = await analyseRepair(file, { now }, fakeDeps);
    const outcome = applyPlan(plan, write);
    const backup = `${file}.leasecheck-20261201T102030Z-1.bak`;
    expect(outcome.backup).toBe(backup);
    expect(outcome.manifest).toBe(`${backup}.json`);
    expect(readFileSync(taken, 'utf8')).toBe(leftover);
    expect(readFileSync(backup).equals(readFileSync(fixture))).toBe(true);
    expect(JSON.parse(readFileSync(`${backup}.json`, 'utf8')).backup).toBe(backup);
    expect(readdirSync(dir).sort()).toEqual(
      [
        'dhcpd.leases',
        `dhcpd.leases.leasecheck-20261201T102030Z.bak.json`,
        'dhcpd.leases.leasecheck-20261201T102030Z-1.bak',
        'dhcpd.leases.leasecheck-20261201T102030Z-1.bak.json',
      ].sort(),
    );
  });

  it('writeManifest refuses to write over it and does not remove it', () => {
    const path = join(tmp(), 'x.bak.json');
    writeFileSync(path, leftover);
    const error = thrown(() =>
      writeManifest(realFsOps, path, {
        leasecheckUndo: 1,
        file: 'f',
        backup: 'x.bak',
        createdAt: '2026-12-01T10:20:30.456Z',
        action: 'truncate-tail',
        original: { bytes: 1, sha256: 'a' },
        repaired: { bytes: 0, sha256: 'b' },
      }),
    );
    expect(error.exitCode).toBe(8);
    expect(error.message).toMatch(/^manifest-write: .*EEXIST/);
    expect(readFileSync(path, 'utf8')).toBe(leftover);
  });
});
