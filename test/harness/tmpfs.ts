// A tiny tmpfs: a real file system that fills up, for disk-full tests.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cleanup } from './cleanup.js';
import { run, runOk } from './exec.js';
import { cleanupTempDir } from './files.js';
import { tool } from './prerequisites.js';
import { forgetMount, rememberMount } from './resources.js';

/** Mounts a tmpfs of `sizeBytes` (rounded up to whole pages by the kernel) and returns its path. */
export async function mountTmpfs(cleanup: Cleanup, sizeBytes: number): Promise<string> {
  const dir = join(await cleanupTempDir(cleanup, 'tmpfs'), 'mnt');
  await mkdir(dir);
  await runOk([tool('mount'), '-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0755`, 'tmpfs', dir]);
  rememberMount(dir);
  cleanup.add(`umount ${dir}`, async () => {
    // Lazy: a process killed a moment ago may still hold a file open.
    const result = await run([tool('umount'), '-l', dir]);
    forgetMount(dir);
    if (result.code !== 0) throw new Error(`umount ${dir}: ${result.stderr.trim()}`);
  });
  return dir;
}
