import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { preen } from '../../src/repair/preen.js';
import { haveRealCheck, realDeps, waitingReason } from './helpers/real-deps.js';
import { useTmp } from './helpers/tmp.js';
import { realFixtureDir } from '../helpers.js';

const fixtures = realFixtureDir;
const ready =
  process.getuid?.() === 0 && existsSync('/usr/sbin/dhcpd') && existsSync('/usr/sbin/ip')
    ? null
    : 'needs root, dhcpd and ip';
const ci = process.env.CI === 'true';
const tmp = useTmp();

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'ignore' });
}

/** Starts dhcpd -d in the namespace and resolves with its stderr once it serves (or fails, or 15 s pass). */
function startDhcpd(
  ns: string,
  conf: string,
  leases: string,
  pidFile: string,
): Promise<{ log: string; started: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(
      'ip',
      [
        'netns',
        'exec',
        ns,
        '/usr/sbin/dhcpd',
        '-d',
        '-f',
        '-4',
        '-cf',
        conf,
        '-lf',
        leases,
        '-pf',
        pidFile,
        'lcv0',
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let log = '';
    const finish = (started: boolean) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve({ log, started });
    };
    const timer = setTimeout(() => finish(false), 15_000);
    child.stderr.on('data', (b: Buffer) => {
      log += b.toString('latin1');
      if (log.includes('Server starting service.')) finish(true);
    });
    child.on('exit', () => finish(log.includes('Server starting service.')));
  });
}

describe('preen before a real dhcpd start', () => {
  if (ready || !haveRealCheck) {
    it.skipIf(!ci || !ready)(`(skipped: ${ready ?? waitingReason})`, () => {
      throw new Error(`CI=true: ${ready}`);
    });
    return;
  }
  it('repairs the truncated file, then dhcpd starts serving with no parse warnings', async () => {
    const dir = tmp();
    const leases = join(dir, 'dhcpd.leases');
    copyFileSync(join(fixtures, 'enospc-truncated.leases'), leases);
    const ns = `lc-preen-${process.pid}`;
    ip('netns', 'add', ns);
    try {
      ip('-n', ns, 'link', 'add', 'lcv0', 'type', 'veth', 'peer', 'name', 'lcv1');
      ip('-n', ns, 'addr', 'add', '10.0.0.1/16', 'dev', 'lcv0');
      ip('-n', ns, 'link', 'set', 'lcv0', 'up');
      ip('-n', ns, 'link', 'set', 'lcv1', 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      const result = await preen(
        leases,
        { now: new Date(), write: { pidFiles: [] } },
        await realDeps(),
      );
      expect(result.status).toBe('repaired');
      const { log, started } = await startDhcpd(
        ns,
        join(fixtures, 'enospc.conf'),
        leases,
        join(dir, 'dhcpd.pid'),
      );
      expect(started, log).toBe(true);
      const warnings = log
        .split('\n')
        .filter(
          (l) =>
            l.includes(`${leases} line`) || /Corrupt lease file|unexpected end of file/.test(l),
        );
      expect(warnings, log).toEqual([]);
      expect(log).toMatch(/Wrote \d+ leases to leases file\./);
      // dhcpd's own start-up rewrite leaves FILE~ beside it; our backup is still there too.
      expect(readdirSync(dir).some((n) => n.endsWith('.bak'))).toBe(true);
    } finally {
      ip('netns', 'del', ns);
    }
  }, 60_000);
});
