// pools reports, for each failover pool, the figures dhcpd's pool balancing
// computes and logs (`balancing pool … total T  free F  backup B  lts L
// max-own (+/-)H`, server/failover.c dhcp_failover_pool_dobalance). The real
// pair's logs are the judge: each server's first start on an empty file, and
// each one's lease file after the secondary's restart, against the line it
// logged then.
import { describe, expect, it } from 'vitest';
import { loadDhcpdConf } from '../../src/conf/index.js';
import { poolsReport } from '../../src/pools/index.js';
import { fixturePath, readFixture } from '../helpers.js';
import { tempFile } from './dhcpd-pools.js';

function balancingLines(log: string): Array<Record<string, number>> {
  return [
    ...log.matchAll(
      /balancing pool \S+ .*? total (\d+) {2}free (\d+) {2}backup (\d+) {2}lts (-?\d+) {2}max-own \(\+\/-\)(\d+)/g,
    ),
  ].map((m) => ({
    total: Number(m[1]),
    free: Number(m[2]),
    backup: Number(m[3]),
    lts: Number(m[4]),
    maxOwn: Number(m[5]),
  }));
}

async function balance(conf: string, leases: string) {
  const report = await poolsReport(leases, { file: conf, plan: await loadDhcpdConf(conf) });
  expect(report.balance).toHaveLength(1);
  const { total, free, backup, lts, maxOwn } = report.balance[0]!;
  return { figures: { total, free, backup, lts, maxOwn }, outcome: report.balance[0]!.outcome };
}

const empty = tempFile('dhcpd.leases', '');

describe('failover balancing figures match what the real dhcpd logged', () => {
  it('the primary starting on an empty file: it gives half its free leases', async () => {
    const logged = balancingLines(readFixture('fo-primary.log'))[0];
    const ours = await balance(fixturePath('fo-primary.conf'), empty);
    expect(ours.figures).toEqual(logged);
    expect(ours.outcome).toBe('gives');
  });

  it('the secondary starting on an empty file: it is short of leases', async () => {
    const logged = balancingLines(readFixture('fo-secondary.log'))[0];
    const ours = await balance(fixturePath('fo-secondary.conf'), empty);
    expect(ours.figures).toEqual(logged);
    expect(ours.outcome).toBe('needs');
  });

  it.each([
    ['primary', 'fo-primary.log'],
    ['secondary', 'fo-secondary-2.log'],
  ])('the %s after the restart: balanced', async (role, log) => {
    const lines = balancingLines(readFixture(log));
    const ours = await balance(fixturePath(`fo-${role}.conf`), fixturePath(`fo-${role}.leases`));
    expect(ours.figures).toEqual(lines[lines.length - 1]);
    expect(ours.outcome).toBe('balanced');
  });
});
