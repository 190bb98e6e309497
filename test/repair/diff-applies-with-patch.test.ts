import {
  closeSync,
  copyFileSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseRepair } from '../../src/repair/analyse.js';
import { streamEdited } from '../../src/repair/stream.js';
import { applyPlan } from '../../src/repair/write.js';
import { undoRepair } from '../../src/repair/undo.js';
import type { AnalyseDeps } from '../../src/repair/analyse.js';
import { fakeDeps, leaseFile } from './helpers/fake-check.js';
import { haveRealCheck, realDeps } from './helpers/real-deps.js';
import { run } from './helpers/run.js';
import { useTmp } from './helpers/tmp.js';
import { realFixtureDir } from '../helpers.js';

const now = new Date('2026-11-28T13:00:00Z');
const tmp = useTmp();

/** Every test runs with the stand-in check, and with the real checkLeaseFile once it exists. */
const engines: Array<[string, AnalyseDeps]> = [
  ['stand-in check', fakeDeps],
  ...(haveRealCheck ? [['checkLeaseFile', await realDeps()] as [string, AnalyseDeps]] : []),
];

function expectedResult(
  file: string,
  plan: Awaited<ReturnType<typeof analyseRepair>>['plan'],
): Buffer {
  const fd = openSync(file, 'r');
  const parts: Buffer[] = [];
  try {
    streamEdited(fd, plan.sourceBytes, plan.edits, (b, n) =>
      parts.push(Buffer.from(b.subarray(0, n))),
    );
  } finally {
    closeSync(fd);
  }
  return Buffer.concat(parts);
}

/** Applies `diff` to a copy of `original` with patch(1) and with git apply; returns both results. */
async function applyBoth(
  dir: string,
  original: Buffer,
  diff: string,
  withGit = true,
): Promise<{ patch: Buffer; git: Buffer | null }> {
  const p = join(dir, 'with-patch');
  const g = join(dir, 'with-git');
  mkdirSync(p);
  mkdirSync(g);
  writeFileSync(join(p, 'dhcpd.leases'), original);
  writeFileSync(join(g, 'dhcpd.leases'), original);
  const diffBytes = Buffer.from(diff, 'latin1');
  const patched = await run('patch', ['--silent', 'dhcpd.leases'], { cwd: p, input: diffBytes });
  expect(patched.code, patched.stdout + patched.stderr).toBe(0);
  if (withGit) {
    const applied = await run('git', ['apply', '-'], { cwd: g, input: diffBytes });
    expect(applied.code, applied.stderr).toBe(0);
  }
  return {
    patch: readFileSync(join(p, 'dhcpd.leases')),
    git: withGit ? readFileSync(join(g, 'dhcpd.leases')) : null,
  };
}

async function roundTrip(
  deps: AnalyseDeps,
  whole: string,
  cut: number,
  write: boolean,
  withGit = true,
): Promise<void> {
  const dir = tmp();
  const file = join(dir, 'dhcpd.leases');
  const original = Buffer.from(whole.slice(0, cut), 'latin1');
  writeFileSync(file, original);
  const { plan, diff, report } = await analyseRepair(file, { now }, deps);
  if (report!.verdict === 'clean') {
    expect(plan.action).toBe('none');
    expect(diff).toBe('');
    return;
  }
  expect(plan.action).toBe('truncate-tail');
  expect(plan.cutOffset).toBe(report!.truncated!.offset);
  const expected = expectedResult(file, plan);
  // Everything before the partial declaration is kept byte for byte, and nothing else.
  expect(expected.equals(original.subarray(0, report!.truncated!.offset))).toBe(true);
  const applied = await applyBoth(dir, original, diff!, withGit);
  expect(applied.patch.equals(expected)).toBe(true);
  if (withGit) expect(applied.git!.equals(expected)).toBe(true);
  if (write) {
    const outcome = applyPlan(plan, { pidFiles: [] });
    expect(readFileSync(file).equals(expected)).toBe(true);
    expect((await deps.check(file, { now })).verdict).toBe('clean');
    const again = await analyseRepair(file, { now }, deps);
    expect(again.plan.action).toBe('none');
    expect(again.diff).toBe('');
    undoRepair(outcome.backup!, file, { pidFiles: [] });
    expect(readFileSync(file).equals(original)).toBe(true);
  }
}

describe.each(engines)(
  'the printed diff applies with patch and git apply and equals the --write result (%s)',
  (_engine, deps) => {
    const whole = leaseFile(4);

    it('for a cut at every byte of the last lease', async () => {
      const start = whole.lastIndexOf('lease 10.0.0.3');
      for (let cut = start - 2; cut <= whole.length; cut++)
        await roundTrip(deps, whole, cut, cut % 11 === 0, cut % 5 === 0);
    }, 120_000);

    it('for cuts anywhere in a larger file (property)', async () => {
      const big = leaseFile(300);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 200, max: big.length }), async (cut) =>
          roundTrip(deps, big, cut, true),
        ),
        {
          numRuns: Number(process.env.FC_NUM_RUNS ?? 40),
          seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined,
        },
      );
    }, 120_000);

    it('marks a removed last line without its newline with "\\ No newline at end of file"', async () => {
      const dir = tmp();
      const file = join(dir, 'dhcpd.leases');
      const text = leaseFile(2) + 'lease 10.0.9.9 {\n  starts 6 2026/11/28 12:55:18;\n  ends 6';
      writeFileSync(file, text, 'latin1');
      const { diff } = await analyseRepair(file, { now }, deps);
      expect(diff).toContain('-  ends 6\n\\ No newline at end of file\n');
      // Line numbers are the file's: the partial lease starts on line 27.
      expect(diff).toMatch(/^@@ -24,6 \+24,3 @@$/m);
    });

    it('needs no repair for a whole file whose final newline is missing', async () => {
      const dir = tmp();
      const file = join(dir, 'dhcpd.leases');
      writeFileSync(file, leaseFile(3, { finalNewline: false }), 'latin1');
      const { plan, diff } = await analyseRepair(file, { now }, deps);
      expect(plan.action).toBe('none');
      expect(diff).toBe('');
    });

    it('keeps high bytes byte for byte in the diff and the result', async () => {
      const dir = tmp();
      const file = join(dir, 'dhcpd.leases');
      const text =
        leaseFile(2) +
        'lease 10.0.9.9 {\n  client-hostname "caf\xe9\xfe";\n  starts 6 2026/11/28 12:55:18;\n  en';
      writeFileSync(file, Buffer.from(text, 'latin1'));
      const { plan, diff } = await analyseRepair(file, { now }, deps);
      const applied = await applyBoth(dir, readFileSync(file), diff!);
      expect(applied.patch.equals(expectedResult(file, plan))).toBe(true);
      expect(diff).toContain('caf\xe9\xfe');
    });
  },
);

describe.each(engines)('the real enospc-truncated fixture (%s)', (_engine, deps) => {
  it('diff, --write, a second repair and undo', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    copyFileSync(`${realFixtureDir}/enospc-truncated.leases`, file);
    const original = readFileSync(file);
    const { plan, diff } = await analyseRepair(file, { now }, deps);
    expect(plan.action).toBe('truncate-tail');
    expect(plan.affected).toEqual(['10.0.128.150']);
    const expected = expectedResult(file, plan);
    expect((await applyBoth(dir, original, diff!)).patch.equals(expected)).toBe(true);
    const outcome = applyPlan(plan, { pidFiles: [] });
    expect(readFileSync(file).equals(expected)).toBe(true);
    expect(readFileSync(outcome.backup!).equals(original)).toBe(true);
    expect((await analyseRepair(file, { now }, deps)).plan.action).toBe('none');
    undoRepair(outcome.backup!, undefined, { pidFiles: [] });
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe.each(engines)('edge cases of line numbers (%s)', (_engine, deps) => {
  it('a file that is only a partial declaration becomes empty (hunk +0,0)', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(file, 'lease 10.0.0.1 {\n  starts 6 2026/11/28 12:55:18;\n  en', 'latin1');
    const { plan, diff } = await analyseRepair(file, { now }, deps);
    expect(diff).toMatch(/^@@ -1,3 \+0,0 @@$/m);
    const applied = await applyBoth(dir, readFileSync(file), diff!);
    expect(applied.patch.length).toBe(0);
    expect(applied.git!.length).toBe(0);
    expect(expectedResult(file, plan).length).toBe(0);
  });
});

describe.each(engines)('--salvage: the diff equals the --write result (%s)', (_engine, deps) => {
  it('for a cut at every byte after the lease became salvageable, the end of the file included', async () => {
    // Cut right after a `;` (no newline yet), the closing `}` is inserted at
    // the very end of the file: the diff must show it too.
    const whole = leaseFile(3);
    const last = whole.lastIndexOf('lease 10.0.0.2');
    const from = whole.indexOf('hardware ethernet', last);
    for (let cut = from; cut < whole.length - 2; cut++) {
      const dir = tmp();
      const file = join(dir, 'dhcpd.leases');
      const original = Buffer.from(whole.slice(0, cut), 'latin1');
      writeFileSync(file, original);
      const { plan, diff } = await analyseRepair(file, { now, salvage: true }, deps);
      if (plan.action !== 'salvage') continue;
      const expected = expectedResult(file, plan);
      expect(expected.toString('latin1').endsWith('}\n'), `cut ${cut}`).toBe(true);
      const applied = await applyBoth(dir, original, diff!, cut % 7 === 0);
      expect(applied.patch.equals(expected), `cut ${cut}`).toBe(true);
      applyPlan(plan, { pidFiles: [] });
      expect(readFileSync(file).equals(expected), `cut ${cut}`).toBe(true);
    }
  }, 120_000);
});

describe('a line longer than the 16 MiB context search near the cut', () => {
  const long = 'A'.repeat(17 * 1024 * 1024);
  it('stops the context at that line: the diff still applies and equals --write', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    const head = `lease 10.0.0.9 {\n  client-hostname "${long}";\n}\n`;
    writeFileSync(file, `${head}lease 10.0.0.7 {\n  starts 6 20`, 'latin1');
    const { plan, diff, diffOmitted } = await analyseRepair(file, { now }, fakeDeps);
    expect(diffOmitted).toBeNull();
    expect(diff).toMatch(/^@@ -3,3 \+3,1 @@\n }\n-lease 10\.0\.0\.7 \{\n/m);
    const applied = await applyBoth(dir, readFileSync(file), diff!, false);
    expect(applied.patch.equals(expectedResult(file, plan))).toBe(true);
  }, 60_000);

  it('shows no diff when the cut is inside such a line, and says why; --write still repairs', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    const head = `lease 10.0.0.9 {\n  client-hostname "${long}"; }`;
    writeFileSync(file, `${head} lease 10.0.0.7 {\n  starts 6 20`, 'latin1');
    const { plan, diff, diffOmitted } = await analyseRepair(file, { now }, fakeDeps);
    expect(diff).toBeNull();
    expect(diffOmitted).toMatch(/line longer than 16 MiB/);
    applyPlan(plan, { pidFiles: [] });
    expect(readFileSync(file, 'latin1')).toBe(`${head} `);
  }, 60_000);
});

describe('a change spanning more than the diff holds (a 300 MB run-on string at the tail)', () => {
  it('shows no diff, says why, and reads no more of it than a region: --write still repairs', async () => {
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    const kept = 'lease 10.0.0.9 {\n  binding state active;\n}\n';
    writeFileSync(
      file,
      `${kept}lease 10.0.0.7 {\n  client-hostname "${'A'.repeat(5 * 1024 * 1024)}`,
      'latin1',
    );
    const { plan, diff, diffOmitted } = await analyseRepair(file, { now }, await realDeps());
    expect(diff).toBeNull();
    expect(diffOmitted).toMatch(/a change spans more than 4 MiB/);
    applyPlan(plan, { pidFiles: [] });
    expect(readFileSync(file, 'latin1')).toBe(kept);
  }, 60_000);
});
