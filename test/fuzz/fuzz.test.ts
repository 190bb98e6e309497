import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LeasecheckError } from '../../src/errors.js';
import { tempDir } from '../helpers.js';
import { checkVerdict, runFuzz, type FuzzOptions } from '../../src/fuzz/index.js';

const planted = fileURLToPath(new URL('./fixtures/misreads-dynamic-bootp.sh', import.meta.url));
const cli = fileURLToPath(new URL('../../bin/leasecheck.js', import.meta.url));
const built = existsSync(
  fileURLToPath(new URL('../../dist/bundle/leasecheck.js', import.meta.url)),
);

function options(overrides: Partial<FuzzOptions>): FuzzOptions {
  return {
    against: `sh ${planted} {}`,
    runs: 100,
    seed: 7,
    kinds: ['clean'],
    family: 'v4',
    timeoutMs: 30_000,
    ...overrides,
  };
}

describe('fuzz finds a planted disagreement and shrinks it', () => {
  it('reports the first file the planted reader misreads, shrunk to one small lease with the construct', async () => {
    const report = await runFuzz(options({}), checkVerdict);
    const d = report.disagreement;
    expect(d).not.toBeNull();
    const text = readFileSync(d!.file, 'latin1');
    try {
      expect(text).toMatch(/^ {2}dynamic-bootp;$/m);
      expect(d!.leasecheck.verdict).toBe('clean');
      expect(d!.reader.exitCode).toBe(1);
      expect(d!.shrinks).toBeGreaterThan(0);
      // Shrunk: the header and one short lease, nothing else.
      expect(text.match(/^lease /gm)).toHaveLength(1);
      expect(text.split('\n').length).toBeLessThanOrEqual(12);
      expect(d!.reproduce).toContain(`--seed ${report.seed}`);
      // The path is quoted only where the shell needs it (digits and colons: never).
      expect(d!.reproduce).toContain(`--path ${d!.path}`);

      // The seed and path replay exactly this counterexample.
      const replay = await runFuzz(options({ seed: d!.seed, path: d!.path }), checkVerdict);
      expect(readFileSync(replay.disagreement!.file, 'latin1')).toBe(text);
      rmSync(replay.disagreement!.file.replace(/\/dhcpd\.leases$/, ''), {
        recursive: true,
        force: true,
      });
    } finally {
      rmSync(d!.file.replace(/\/dhcpd\.leases$/, ''), { recursive: true, force: true });
    }
  }, 120_000);

  it.skipIf(!built)(
    'finds none against leasecheck check itself (exit 0 clean, 4 problems)',
    async () => {
      const report = await runFuzz(
        options({
          against: `node ${cli} check {}`,
          runs: 25,
          kinds: ['clean', 'truncated', 'corrupt'],
          family: 'any',
        }),
        checkVerdict,
      );
      expect(report.disagreement, JSON.stringify(report.disagreement)).toBeNull();
      expect(report.tried).toBe(25);
    },
    180_000,
  );
});

describe('fuzz refuses what it cannot do, with the right exit code', () => {
  it('a command without {} is a usage error (16)', async () => {
    await expect(runFuzz(options({ against: 'true' }), checkVerdict)).rejects.toMatchObject({
      exitCode: 16,
    });
  });

  it('a command the shell cannot find is an operational error (8), not a disagreement', async () => {
    const error = await runFuzz(
      options({ against: 'no-such-reader-xyz {}', runs: 3 }),
      checkVerdict,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeasecheckError);
    expect((error as LeasecheckError).exitCode).toBe(8);
    expect((error as LeasecheckError).message).toMatch(/could not be run \(exit 127\)/);
  });

  it('a reader that hangs is killed after --timeout and reported', async () => {
    const report = await runFuzz(
      options({ against: 'sleep 10; cat {}', runs: 1, timeoutMs: 200 }),
      async () => ({ verdict: 'clean', warnings: 0 }),
    );
    expect(report.disagreement?.reader.timedOut).toBe(true);
    rmSync(report.disagreement!.file.replace(/\/dhcpd\.leases$/, ''), {
      recursive: true,
      force: true,
    });
  }, 120_000);
});

describe("fuzz's own side follows check's exit code", () => {
  it('a clean file with a warning is rejected, as `check` exits 4 on it (seed 7 made the self-check disagree)', async () => {
    const dir = tempDir('fuzz-side');
    const path = join(dir, 'dhcpd.leases');
    // `\0` then a non-octal byte: dhcpd reads another uid without a word; check warns.
    writeFileSync(
      path,
      'lease 10.0.0.1 {\n  starts 1 2026/11/30 10:00:00;\n  ends 1 2026/11/30 11:00:00;\n  binding state active;\n  hardware ethernet 00:11:22:33:44:55;\n  uid "\\0xab";\n}\n',
    );
    const side = await checkVerdict(path);
    expect(side).toEqual({ verdict: 'clean', warnings: 1 });
    const agreed = await runFuzz(
      options({ against: `node ${cli} check {}`, runs: 1, kinds: ['clean'] }),
      async () => side,
    );
    // The generated file is clean and check exits 0 on it, but this side says "warning": a disagreement.
    expect(agreed.disagreement?.leasecheck).toMatchObject({
      verdict: 'clean',
      warnings: 1,
      accepts: false,
    });
    rmSync(agreed.disagreement!.file.replace(/\/dhcpd\.leases$/, ''), {
      recursive: true,
      force: true,
    });
  });
});
