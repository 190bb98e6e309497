import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../bin/leasecheck.js', import.meta.url));
const built = existsSync(
  fileURLToPath(new URL('../../dist/bundle/leasecheck.js', import.meta.url)),
);
if (!built) console.warn('SKIPPED leasecheck fuzz CLI tests: run `npm run build` first');
const planted = fileURLToPath(new URL('./fixtures/misreads-dynamic-bootp.sh', import.meta.url));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'node',
      [cli, ...args],
      { env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe.skipIf(!built)('leasecheck fuzz on the command line', () => {
  it.each([
    [['fuzz'], /required option '--against <command>'/],
    [['fuzz', '--against', 'true'], /must contain \{\}/],
    [['fuzz', '--against', 'cat {}', '--kind', 'bogus'], /--kind must be/],
    [['fuzz', '--against', 'cat {}', '--runs', '0'], /--runs must be an integer >= 1/],
    [['fuzz', '--against', 'cat {}', '--expect-warnings', '('], /--expect-warnings/],
    [['fuzz', '--against', 'cat {}', '--omit', 'nonsense'], /--omit: unknown statement/],
  ])('%j is a usage error: exit 16 with a message', async (args, message) => {
    const result = await run(args as string[]);
    expect(result.code).toBe(16);
    expect(result.stderr).toMatch(message);
  });

  it('exits 4 and prints the shrunk file, the seed and how to reproduce a disagreement', async () => {
    const result = await run([
      'fuzz',
      '--against',
      `sh ${planted} {}`,
      '--kind',
      'clean',
      '--family',
      'v4',
      '--seed',
      '7',
    ]);
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(
      /^disagreement after \d+ generated files? \(clean; v4; seed 7\), shrunk \d+ times?:/,
    );
    expect(result.stdout).toMatch(/leasecheck {2}clean \(accepts\)/);
    expect(result.stdout).toMatch(/reader {6}exit 1 \(rejects\)/);
    expect(result.stdout).toMatch(
      /reproduce:\n {4}leasecheck fuzz --against .* --seed 7 --path [\d:]+\n/,
    );
    const file = /file {8}(\S+)/.exec(result.stdout)![1]!;
    expect(existsSync(file)).toBe(true);
    rmSync(file.replace(/\/dhcpd\.leases$/, ''), { recursive: true, force: true });
  }, 120_000);

  it('--json prints the documented report', async () => {
    const result = await run([
      'fuzz',
      '--against',
      `sh ${planted} {}`,
      '--kind',
      'clean',
      '--family',
      'v4',
      '--seed',
      '7',
      '--json',
    ]);
    expect(result.code).toBe(4);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ seed: 7, kinds: ['clean'], family: 'v4', expectWarnings: null });
    expect(report.disagreement).toMatchObject({
      kind: 'clean',
      leasecheck: { verdict: 'clean', accepts: true },
      reader: { exitCode: 1, accepts: false },
    });
    rmSync(report.disagreement.file.replace(/\/dhcpd\.leases$/, ''), {
      recursive: true,
      force: true,
    });
  }, 120_000);

  it('exits 0 when the other reader agrees on every file', async () => {
    const result = await run([
      'fuzz',
      '--against',
      `node ${cli} check {}`,
      '--runs',
      '8',
      '--seed',
      '3',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^no disagreement: .* agreed with leasecheck on 8 generated files \(clean, truncated, corrupt; any; seed 3\)/,
    );
  }, 120_000);
});
