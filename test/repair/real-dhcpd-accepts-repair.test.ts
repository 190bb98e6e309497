import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseRepair, type AnalyseDeps } from '../../src/repair/analyse.js';
import { applyPlan } from '../../src/repair/write.js';
import { fakeDeps } from './helpers/fake-check.js';
import { haveRealCheck, realDeps } from './helpers/real-deps.js';
import { useTmp } from './helpers/tmp.js';
import { realFixtureDir } from '../helpers.js';

const fixtures = realFixtureDir;
const haveDhcpd = existsSync('/usr/sbin/dhcpd') && process.getuid?.() === 0;
const ci = process.env.CI === 'true';
const tmp = useTmp();

/** dhcpd -T's parse warnings: lines naming the file with a line number, or its corruption message. */
function dhcpdWarnings(file: string): { warnings: string[]; output: string } {
  const run = spawnSync(
    '/usr/sbin/dhcpd',
    ['-T', '-cf', join(fixtures, 'enospc.conf'), '-lf', file],
    {
      encoding: 'latin1',
    },
  );
  const output = `${run.stdout}${run.stderr}`;
  const warnings = output
    .split('\n')
    .filter(
      (l) => l.includes(`${file} line `) || /Corrupt lease file|unexpected end of file/.test(l),
    );
  expect(output).toMatch(/Lease file test successful/);
  return { warnings, output };
}

async function repairAndTest(deps: AnalyseDeps): Promise<void> {
  const dir = tmp();
  const file = join(dir, 'dhcpd.leases');
  copyFileSync(join(fixtures, 'enospc-truncated.leases'), file);
  // The real dhcpd warns about the original…
  expect(dhcpdWarnings(file).warnings.length).toBeGreaterThan(0);
  const { plan } = await analyseRepair(file, { now: new Date() }, deps);
  applyPlan(plan, { pidFiles: [] });
  // …and not about the repaired file.
  const after = dhcpdWarnings(file);
  expect(after.warnings, after.output).toEqual([]);
  expect(readFileSync(file).length).toBe(plan.resultBytes);
}

describe('the real dhcpd -T accepts the repaired enospc-truncated.leases', () => {
  if (!haveDhcpd) {
    it.skipIf(!ci)('needs root and /usr/sbin/dhcpd (skipped: missing)', () => {
      throw new Error('CI=true: dhcpd and root are required');
    });
    return;
  }
  it('repaired with the pipeline (stand-in check)', async () => {
    execFileSync('/usr/sbin/dhcpd', ['--version'], { stdio: 'ignore' });
    await repairAndTest(fakeDeps);
  });
  it.skipIf(!haveRealCheck)('repaired with the real checkLeaseFile', async () => {
    await repairAndTest(await realDeps());
  });
});
