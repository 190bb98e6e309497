import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * `check -`: standard input is copied to a private temporary file first, so
 * that the check reads it as it reads any file (byte offsets, a second pass
 * for line numbers, two threads on a large one) in bounded memory. The copy
 * is removed afterwards, whatever happens.
 */
export async function withStandardInput<T>(
  use: (copy: string) => Promise<T>,
  input: NodeJS.ReadableStream = process.stdin,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'leasecheck-stdin-'));
  try {
    const copy = join(dir, 'standard-input.leases');
    await pipeline(input, createWriteStream(copy, { mode: 0o600 }));
    return await use(copy);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
