import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../harness/exec.js';
import { leasecheck as runLeasecheck } from '../harness/leasecheck.js';
import { realDir } from './helpers.js';
import { tempDir } from '../helpers.js';

/** `leasecheck ready --config` as a user runs it: exit codes, text, JSON. */

const real = (name: string): string => join(realDir, name);

/** The CLI with the time zone fixed (log times carry none). */
function leasecheck(args: string[]): Promise<RunResult> {
  return runLeasecheck(args, { env: { TZ: 'UTC' } });
}

// bin/ runs the bundle in dist/, which test/global-setup.ts builds once before any test file.

const dir = tempDir('ready-config-cli');
const twoPeers = join(dir, 'two-peers.conf');
writeFileSync(
  twoPeers,
  readFileSync(real('fo-primary.conf'), 'latin1') +
    'failover peer "bar" {\n  secondary;\n  address 10.0.0.1;\n  port 648;\n  peer address 10.0.0.4;\n' +
    '  peer port 648;\n  max-response-delay 60;\n  max-unacked-updates 10;\n  load balance max seconds 3;\n}\n' +
    'subnet 10.1.0.0 netmask 255.255.0.0 {\n  pool {\n    failover peer "bar";\n    range 10.1.1.0 10.1.1.20;\n  }\n}\n',
  'latin1',
);
const primaryLog = ['--log', real('fo-primary.log')];

describe('leasecheck ready --config', () => {
  it('exit 0 under the configuration the log was written with', async () => {
    const r = await leasecheck([
      'ready',
      '--log-only',
      ...primaryLog,
      '--config',
      real('fo-primary.conf'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ready /);
    expect(r.stdout).toMatch(/fo-primary\.conf declares failover peer "foo" \(primary\)/);
  });

  it('exit 4 when a declared peer is not in the log, with one line saying so', async () => {
    const r = await leasecheck(['ready', '--log-only', ...primaryLog, '--config', twoPeers]);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/^not ready /);
    expect(r.stdout).toMatch(
      /\n {2}bar: declared in .*two-peers\.conf but not mentioned in the log since the start-up\n/,
    );
  });

  it('--json: "config" with the declared peers, the unseen peer, and the lease file findings', async () => {
    const r = await leasecheck([
      'ready',
      '--log-only',
      ...primaryLog,
      '--config',
      twoPeers,
      '--leases',
      real('fo-secondary.leases'),
      '--json',
    ]);
    expect(r.code).toBe(4);
    const report = JSON.parse(r.stdout);
    expect(report.config).toEqual({
      file: twoPeers,
      peers: [
        { name: 'foo', role: 'primary' },
        { name: 'bar', role: 'secondary' },
      ],
    });
    expect(report.peers.find((p: { name: string }) => p.name === 'bar')).toMatchObject({
      seen: false,
      ready: false,
    });
    expect(report.leases.config.file).toBe(twoPeers);
    expect(report.leases.config.findings).toEqual([]);
    // The secondary's file under the primary's configuration: the roles disagree.
    expect(report.warnings.join('\n')).toMatch(
      /makes this server the primary, but its lease file was written by the secondary/,
    );
  });

  it("exit 8 with the reader's message for a missing or broken dhcpd.conf", async () => {
    const missing = await leasecheck([
      'ready',
      '--log-only',
      ...primaryLog,
      '--config',
      join(dir, 'nope.conf'),
    ]);
    expect(missing.code).toBe(8);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^leasecheck: .*nope\.conf: no such file\n/);

    const broken = join(dir, 'broken.conf');
    writeFileSync(broken, 'failover peer "foo" {\n  primary;\n');
    const r = await leasecheck(['ready', '--log-only', ...primaryLog, '--config', broken]);
    expect(r.code).toBe(8);
    expect(r.stderr).toMatch(/^leasecheck: .*broken\.conf/);
  });

  it('--omapi takes its peers from --config; exit 16 when it declares none and no --peer is given', async () => {
    const r = await leasecheck([
      'ready',
      '--omapi',
      '127.0.0.1:1',
      '--key',
      'k:c2VjcmV0',
      '--config',
      real('srv.conf'),
    ]);
    expect(r.code).toBe(16);
    expect(r.stderr).toMatch(/srv\.conf declares no failover peer; name one with --peer NAME/);
  });
});
