import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../harness/exec.js';
import { leasecheck as runLeasecheck } from '../harness/leasecheck.js';
import { header, lease, leases, real, startupLog, tempDir, write } from './helpers.js';

/** `leasecheck verify --config` as a user runs it: exit codes, text, JSON. */

/** The CLI with the time zone fixed (log times carry none). */
function leasecheck(args: string[]): Promise<RunResult> {
  return runLeasecheck(args, { env: { TZ: 'UTC' } });
}

// bin/ runs the bundle in dist/, which test/global-setup.ts builds once before any test file.

const dir = tempDir();
const conf = write(
  dir,
  'dhcpd.conf',
  'subnet 10.0.1.0 netmask 255.255.255.0 {\n  range 10.0.1.0 10.0.1.50;\n}\n',
);
const log = write(dir, 'dhcpd.log', startupLog(['Wrote 3 leases to leases file.']));
const outside = write(dir, 'dhcpd.leases', header() + leases(1, 3) + lease('10.0.9.9'));
const secondary = [
  'verify',
  real('fo-secondary.leases'),
  '--log',
  real('fo-secondary.log'),
  '--log',
  real('fo-secondary-2.log'),
  '--now',
  '2026-11-28T13:10:00Z',
];

describe('leasecheck verify --config', () => {
  it('exit 0 for the real secondary under its own configuration, with the predicted Wrote line', async () => {
    const r = await leasecheck([...secondary, '--config', real('fo-secondary.conf')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fo-secondary\.leases: consistent\n/);
    expect(r.stdout).toMatch(
      /with .*fo-secondary\.conf: every address, failover peer, class and group is known to it/,
    );
    expect(r.stdout).toMatch(/note: .*log "Wrote 10 leases to leases file\."/);
  });

  it('exit 4 for a lease in no range, which plain verify calls consistent', async () => {
    const plain = await leasecheck(['verify', outside, '--log', log]);
    expect(plain.code).toBe(0);
    const r = await leasecheck(['verify', outside, '--log', log, '--config', conf]);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/: inconsistent\n/);
    expect(r.stdout).toMatch(
      /error: .*dhcpd\.conf: lease 10\.0\.9\.9: no subnet .* \[file line 34\]/,
    );
    expect(r.stdout).toMatch(/with .*dhcpd\.conf: 1 thing\(s\) dhcpd would drop or warn about/);
  });

  it('--json adds a "config" part with the documented shape', async () => {
    const r = await leasecheck([
      'verify',
      outside,
      '--log',
      log,
      '--config',
      conf,
      '--now',
      '2026-11-28T13:00:00Z',
      '--json',
    ]);
    expect(r.code).toBe(4);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report.config).sort()).toEqual([
      'droppedAtReference',
      'droppedSince',
      'file',
      'findings',
      'now',
      'snapshotNoSubnet',
      'wrote',
    ]);
    expect(report.config.file).toBe(conf);
    expect(report.config.now).toBe('2026-11-28T13:00:00Z');
    expect(report.config.findings).toEqual([
      {
        code: 'no-subnet',
        subject: '10.0.9.9',
        message: 'lease 10.0.9.9: no subnet (in no configured range; dhcpd drops it)',
        line: 34,
        offset: expect.any(Number),
        occurrences: 1,
      },
    ]);
    expect(report.config.wrote).toEqual({
      written: 3,
      notWritten: 0,
      noSubnet: 1,
      byState: { active: 3 },
    });
    expect(report.findings.map((f: { code: string }) => f.code)).toEqual(
      expect.arrayContaining(['config-no-subnet', 'config-wrote']),
    );
    expect(report.consistent).toBe(false);
  });

  it("exit 8 with the reader's message for a missing or broken dhcpd.conf, before any output", async () => {
    const missing = await leasecheck([
      'verify',
      outside,
      '--log',
      log,
      '--config',
      join(dir, 'nope.conf'),
    ]);
    expect(missing.code).toBe(8);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^leasecheck: .*nope\.conf: no such file\n/);

    const broken = write(dir, 'broken.conf', 'subnet 10.0.0.0 netmask { }\n');
    const r = await leasecheck(['verify', outside, '--log', log, '--config', broken]);
    expect(r.code).toBe(8);
    expect(r.stderr).toMatch(/broken\.conf:1:25: syntax error: expected an IPv4 address/);
  });

  it('exit 16 for a --now that is not a time', async () => {
    const r = await leasecheck(['verify', outside, '--log', log, '--now', 'yesterday-ish']);
    expect(r.code).toBe(16);
  });
});
