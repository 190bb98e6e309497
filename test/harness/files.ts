// Private temporary directories, removed by the cleanup stack
// (kept for inspection when LEASECHECK_KEEP_TMP=1).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cleanup } from './cleanup.js';

export async function cleanupTempDir(cleanup: Cleanup, label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `leasecheck-${label}-`));
  if (process.env.LEASECHECK_KEEP_TMP !== '1') {
    cleanup.add(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  }
  return dir;
}
