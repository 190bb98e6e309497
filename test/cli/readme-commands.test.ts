import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';

/**
 * The README's commands that run on the bundled samples, as a new reader
 * would type them: each must still be in the README, and still answer as the
 * README says.
 */
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const samplesReadme = readFileSync(join(repoRoot, 'samples/logs/README.md'), 'utf8');

function leasecheck(command: string) {
  const args = command.replace(/^(node bin\/leasecheck\.js|leasecheck) /, '').split(' ');
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/leasecheck.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout };
}

describe("the README's commands on the bundled samples", () => {
  it('the quick start finds the truncated tail dhcpd left after a full disk (exit 4)', () => {
    const command = 'node bin/leasecheck.js check samples/truncated-tail.leases';
    expect(readme).toContain(`npm install && ${command}`);
    const r = leasecheck(command);
    expect(r.code).toBe(4);
    expect(r.out).toMatch(/^samples\/truncated-tail\.leases: truncated-tail\n/);
  });

  it('ready --log-only on the sample restart says ready and that it judged the log alone', () => {
    const command = 'leasecheck ready --log-only --log samples/logs/secondary-restart.syslog';
    expect(readme).toContain(command);
    expect(samplesReadme).toContain(command);
    const r = leasecheck(command);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ready \(host dhcp-b, pid 4307/);
    expect(r.out).toContain('judged from the log alone, as of its last line');
    // The journald form of the same restart gives the same answer.
    expect(leasecheck(command.replace('.syslog', '.journal')).out.split('\n')[0]).toBe(
      r.out.split('\n')[0],
    );
  });

  it('verify holds the sample secondary file against its sample log: consistent', () => {
    const command =
      'leasecheck verify samples/failover-secondary.leases --log samples/logs/secondary-restart.syslog';
    expect(samplesReadme).toContain(command);
    const r = leasecheck(command);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/: consistent\n/);
  });
});
