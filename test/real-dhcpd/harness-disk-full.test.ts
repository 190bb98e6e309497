import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  cleanupAfterEach,
  dhcpdEofLine,
  dhcpdTest,
  fillDiskUnderLoad,
  requireRealDhcpd,
} from '../harness/index.js';

const gate = requireRealDhcpd(['perfdhcp', 'mount']);

describe.skipIf(gate.skip)('harness: disk full on a tiny tmpfs under perfdhcp load', () => {
  const cleanup = cleanupAfterEach();

  it('leaves a lease file cut where the disk filled, which dhcpd -T complains about', async () => {
    const { copy, confPath, server } = await fillDiskUnderLoad(cleanup, { sizeBytes: 12 * 1024 });
    const bytes = await readFile(copy);
    expect(await server.log()).toMatch(
      /commit_leases: unable to commit, fflush\(\): No space left on device/,
    );
    // stdio hands the kernel whole 4 KiB blocks until one no longer fits.
    expect(bytes.length % 4096).toBe(0);
    expect(bytes.length).toBeGreaterThan(0);
    const result = await dhcpdTest(confPath, copy);
    const endsWhole = /\}\n?$/.test(bytes.toString('latin1'));
    if (endsWhole) {
      // Rare (seen once in the fixtures' making): the block boundary fell after a closing brace.
      expect(result.warnings).toEqual([]);
    } else {
      expect(result.warnings.length).toBeGreaterThan(0);
      expect(result.warnings.at(-1)?.line).toBe(dhcpdEofLine(bytes));
    }
  });
});
