import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { loadDhcpdConf } from '../../src/conf/index.js';
import { checkReady, waitReady, type ReadyOptions } from '../../src/ready/index.js';
import { now, realDir } from './helpers.js';
import { tempDir } from '../helpers.js';

/** `ready --config`: every failover peer the configuration declares must be ready. */

const real = (name: string): string => join(realDir, name);
const dir = tempDir('ready-config');

/** The primary's configuration with a second failover peer, "bar", that the log never mentions. */
const twoPeers = join(dir, 'two-peers.conf');
writeFileSync(
  twoPeers,
  readFileSync(real('fo-primary.conf'), 'latin1') +
    'failover peer "bar" {\n  secondary;\n  address 10.0.0.1;\n  port 648;\n  peer address 10.0.0.4;\n' +
    '  peer port 648;\n  max-response-delay 60;\n  max-unacked-updates 10;\n  load balance max seconds 3;\n}\n' +
    'subnet 10.1.0.0 netmask 255.255.0.0 {\n  pool {\n    failover peer "bar";\n    range 10.1.1.0 10.1.1.20;\n  }\n}\n',
  'latin1',
);

async function config(file: string): Promise<NonNullable<ReadyOptions['config']>> {
  return { file, plan: await loadDhcpdConf(file) };
}

describe('ready --config', () => {
  it('the primary under its own configuration: ready, the declared peer listed', async () => {
    const report = await checkReady({
      liveness: 'log-only',
      logs: [real('fo-primary.log')],
      now,
      config: await config(real('fo-primary.conf')),
    });
    expect(report.ready).toBe(true);
    expect(report.config?.peers).toEqual([{ name: 'foo', role: 'primary' }]);
    expect(report.peers.map((p) => p.name)).toEqual(['foo']);
  });

  it('a declared peer the log never mentions: not ready, and the reason says so', async () => {
    const without = await checkReady({ liveness: 'log-only', logs: [real('fo-primary.log')], now });
    expect(without.ready).toBe(true);

    const report = await checkReady({
      liveness: 'log-only',
      logs: [real('fo-primary.log')],
      now,
      config: await config(twoPeers),
    });
    expect(report.ready).toBe(false);
    const bar = report.peers.find((p) => p.name === 'bar');
    expect(bar).toMatchObject({ seen: false, ready: false, myState: null });
    expect(report.reasons).toEqual([
      `bar: declared in ${twoPeers} but not mentioned in the log since the start-up`,
    ]);
    expect(report.peers.find((p) => p.name === 'foo')?.ready).toBe(true);
  });

  it('--peer does not narrow what the configuration requires', async () => {
    const report = await checkReady({
      liveness: 'log-only',
      logs: [real('fo-primary.log')],
      now,
      peers: ['foo'],
      config: await config(twoPeers),
    });
    expect(report.ready).toBe(false);
    expect(report.peers.map((p) => p.name).sort()).toEqual(['bar', 'foo']);
  });

  it('a peer in the log that the configuration lacks is still judged, with a warning', async () => {
    const report = await checkReady({
      liveness: 'log-only',
      logs: [real('fo-primary.log')],
      now,
      config: await config(real('srv.conf')),
    });
    expect(report.ready).toBe(true);
    expect(report.peers.map((p) => p.name)).toEqual(['foo']);
    expect(report.warnings.join('\n')).toMatch(
      /failover peer "foo" is in the log but not declared in .*srv\.conf/,
    );
    // Cut before the primary reached normal: the undeclared peer still keeps it from being ready.
    const cut = join(dir, 'cut.log');
    writeFileSync(
      cut,
      readFileSync(real('fo-primary.log'), 'latin1').split('\n').slice(0, 20).join('\n') + '\n',
    );
    const early = await checkReady({
      liveness: 'log-only',
      logs: [cut],
      now,
      config: await config(real('srv.conf')),
    });
    expect(early.ready).toBe(false);
  });

  it('--leases: the lease file under the configuration gives warnings, not a verdict', async () => {
    const report = await checkReady({
      liveness: 'log-only',
      logs: [real('fo-primary.log')],
      leases: real('fo-primary.leases'),
      now,
      checkLeaseFile,
      config: await config(real('srv.conf')),
    });
    expect(report.ready).toBe(true);
    const findings = report.leases?.config?.findings ?? [];
    expect(findings.map((f) => f.code)).toContain('unknown-failover-peer');
    expect(findings.filter((f) => f.code === 'no-subnet')).toHaveLength(21);
    expect(report.warnings.join('\n')).toMatch(
      /lease file .*fo-primary\.leases line \d+: lease 10\.0\.1\.\d+: no subnet/,
    );
    expect(report.warnings.join('\n')).toMatch(/more finding\(s\) under .*srv\.conf/);

    const own = await checkReady({
      liveness: 'log-only',
      logs: [real('fo-primary.log')],
      leases: real('fo-primary.leases'),
      now,
      checkLeaseFile,
      config: await config(real('fo-primary.conf')),
    });
    expect(own.leases?.config?.findings).toEqual([]);
    expect(own.warnings).toEqual([]);
  });

  it("--leases: a file written by the other role than the configuration's is a warning", async () => {
    const report = await checkReady({
      liveness: 'log-only',
      logs: [real('fo-secondary-2.log')],
      leases: real('fo-primary.leases'),
      now,
      checkLeaseFile,
      config: await config(real('fo-secondary.conf')),
    });
    expect(report.warnings.join('\n')).toMatch(
      /"foo": .*fo-secondary\.conf makes this server the secondary, but its lease file was written by the primary/,
    );
  });

  it('--wait waits for the declared peer the log has not mentioned yet', async () => {
    const log = join(dir, 'wait.log');
    copyFileSync(real('fo-primary.log'), log);
    const waiting = waitReady({
      liveness: 'log-only',
      logs: [log],
      now,
      waitSeconds: 20,
      pollMs: 10,
      config: await config(twoPeers),
    });
    setTimeout(() => {
      appendFileSync(
        log,
        [
          'failover peer bar: I move from recover to startup',
          'failover peer bar: I move from startup to normal',
          'failover peer bar: peer moves from startup to normal',
          'balanced pool 5645a361ed61 10.0.0.0/16  total 21  free 11  backup 10  lts 0  max-misbal 3',
          'failover peer bar: Both servers normal',
          '',
        ].join('\n'),
      );
    }, 300);
    const report = await waiting;
    expect(report.waited?.timedOut).toBe(false);
    expect(report.ready).toBe(true);
    expect(report.peers.find((p) => p.name === 'bar')?.seen).toBe(true);
  });

  it('--wait gives up when the declared peer never shows', async () => {
    const report = await waitReady({
      liveness: 'log-only',
      logs: [real('fo-primary.log')],
      now,
      waitSeconds: 0.5,
      pollMs: 10,
      config: await config(twoPeers),
    });
    expect(report.waited?.timedOut).toBe(true);
    expect(report.ready).toBe(false);
    expect(report.reasons[0]).toMatch(/^bar: declared in/);
  });
});
