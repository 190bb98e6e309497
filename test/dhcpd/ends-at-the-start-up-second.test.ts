// A lease whose `ends` is exactly dhcpd's start-up clock has expired: dhcpd
// keeps a lease only while `ends` is after now (pool_timer in server/mdb.c
// moves every lease whose ends is not after cur_time; parse_lease_declaration
// makes up `active` for a lease with no binding state only when ends is after
// cur_time). The real dhcpd runs under faketime with its clock frozen on that
// very second, so the comparison has no race.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leaseFate, type KeepsInput } from '../../src/dhcpd/mdb.js';
import { parseLeaseDeclaration } from '../../src/dhcpd/confpars-lease.js';
import { parseDhcpdTestOutput } from '../harness/dhcpd-test.js';
import { run } from '../harness/exec.js';
import { requireRealDhcpd, tool } from '../harness/prerequisites.js';
import { expectedWrote } from './expected-count.js';
import { plainConf } from './leases-for-cuts.js';

const startUp = new Date('2026-11-28T13:00:00Z');
const now = startUp.getTime() / 1000;

function lease(over: Partial<KeepsInput>): KeepsInput {
  return {
    kind: 'lease',
    key: '10.0.0.10',
    bindingState: 'active',
    nextBindingState: 'free',
    ends: now,
    hardware: null,
    uid: null,
    tsfp: null,
    ...over,
  };
}

/** dhcpd's date form (UTC, weekday first), `offset` seconds from the start-up clock. */
function dhcpdDate(offset: number): string {
  const d = new Date(startUp.getTime() + offset * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDay()} ${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** Two leases ending `offset` seconds from start-up: one with a binding state, one without. */
function leasesEnding(offset: number): string {
  return (
    `lease 10.0.0.10 {\n  starts 6 2026/11/28 12:00:00;\n  ends ${dhcpdDate(offset)};\n` +
    `  binding state active;\n  next binding state free;\n}\n` +
    `lease 10.0.0.11 {\n  starts 6 2026/11/28 12:00:00;\n  ends ${dhcpdDate(offset)};\n}\n`
  );
}

describe('a lease whose ends is the start-up second (model)', () => {
  it('has expired: an active lease moves to its next state (pool_timer)', () => {
    expect(leaseFate(lease({}), now)).toMatchObject({ state: 'free', written: false });
    expect(leaseFate(lease({ ends: now + 1 }), now)).toMatchObject({
      state: 'active',
      written: true,
    });
  });

  it('is made up free when it has no binding state (parse_lease_declaration)', () => {
    expect(leaseFate(lease({ bindingState: null, nextBindingState: null }), now)).toMatchObject({
      loadedState: 'free',
      written: false,
    });
    expect(
      leaseFate(lease({ bindingState: null, nextBindingState: null, ends: now + 1 }), now),
    ).toMatchObject({ loadedState: 'active', written: true });
  });

  it('is read as free by the model of parse_lease_declaration when it has no binding state', () => {
    const madeUp = (offset: number) =>
      parseLeaseDeclaration(` 10.0.0.11 {\n  ends ${dhcpdDate(offset)};\n}\n`, now).lease;
    expect(madeUp(0)).toMatchObject({ bindingStateMadeUp: true, bindingState: 'free' });
    expect(madeUp(1)).toMatchObject({ bindingStateMadeUp: true, bindingState: 'active' });
  });

  it('is not counted in the predicted `Wrote N leases`, whichever parser read it', () => {
    expect(expectedWrote(leasesEnding(-1), null, null, plainConf, startUp)).toBe(0);
    expect(expectedWrote(leasesEnding(0), null, null, plainConf, startUp)).toBe(0);
    expect(expectedWrote(leasesEnding(1), null, null, plainConf, startUp)).toBe(2);
  });
});

const gate = requireRealDhcpd(['faketime']);

describe.skipIf(gate.skip)('a lease whose ends is the start-up second (real dhcpd)', () => {
  /** `dhcpd -T` with its clock frozen at the start-up second. */
  async function frozenDhcpdTest(leases: string) {
    const dir = mkdtempSync(join(tmpdir(), 'leasecheck-faketime-'));
    try {
      const confPath = join(dir, 'dhcpd.conf');
      const leasePath = join(dir, 'dhcpd.leases');
      writeFileSync(confPath, plainConf, 'latin1');
      writeFileSync(leasePath, leases, 'latin1');
      const argv = [tool('faketime'), '-f', '2026-11-28 13:00:00', tool('dhcpd')];
      argv.push('-T', '-4', '-cf', confPath, '-lf', leasePath, '-pf', join(dir, 'dhcpd.pid'));
      const result = await run(argv, { cwd: dir, env: { ...process.env, TZ: 'UTC' } });
      const raw = result.stderr + result.stdout;
      // dhcpd names its test copy after its clock: proof that the clock was the frozen one.
      expect(raw).toContain(`${leasePath}.${now}`);
      return parseDhcpdTestOutput(raw, leasePath, confPath, result.code);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it.each([
    [-1, 0],
    [0, 0],
    [1, 2],
  ])('ends %i s from start-up: dhcpd writes %i leases, as predicted', async (offset, wrote) => {
    const leases = leasesEnding(offset);
    const real = await frozenDhcpdTest(leases);
    expect(real.successful).toBe(true);
    expect(real.wrote.leases).toBe(wrote);
    expect(expectedWrote(leases, null, null, plainConf, startUp)).toBe(wrote);
  });
});
