// dhcpd logs nothing when it is stopped (SIGTERM) or killed (SIGKILL): its
// log ends in ordinary lines. On a real failover pair, once a server is down
// and not restarted, `ready` must not say ready for any cut of its log (what
// a reader sees at each moment), while `--log-only`, which judges the log
// alone, does at the cuts where the log showed the server fully back.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReady, waitReady } from '../../src/ready/index.js';
import {
  cleanupAfterEach,
  leasecheck,
  requireRealDhcpd,
  startFailoverPair,
  cleanupTempDir,
  type DhcpdServer,
} from '../harness/index.js';

const gate = requireRealDhcpd();

/** The verdicts of `ready` (process checked) and `ready --log-only` on the log cut after each line. */
async function verdictsAtEveryCut(
  server: DhcpdServer,
  dir: string,
): Promise<{ live: number[]; logOnly: number[] }> {
  const lines = (await readFile(server.logPath, 'latin1')).split('\n');
  if (lines.at(-1) === '') lines.pop();
  const cut = join(dir, 'cut.log');
  const live: number[] = [];
  const logOnly: number[] = [];
  for (let n = 1; n <= lines.length; n++) {
    await writeFile(cut, lines.slice(0, n).join('\n') + '\n', 'latin1');
    if ((await checkReady({ logs: [cut] })).ready) live.push(n);
    if ((await checkReady({ logs: [cut], liveness: 'log-only' })).ready) logOnly.push(n);
  }
  return { live, logOnly };
}

describe.skipIf(gate.skip)('ready on a real failover pair whose servers are down', () => {
  const cleanup = cleanupAfterEach();

  it('a secondary stopped with SIGTERM and a primary killed with SIGKILL, not restarted: ready at no cut of either log', async () => {
    const pair = await startFailoverPair(cleanup);
    const dir = await cleanupTempDir(cleanup, 'ready-down');
    // While both run, each becomes ready (the process is found, the log shows it back).
    for (const server of [pair.secondary, pair.primary]) {
      const up = await waitReady({ logs: [server.logPath], waitSeconds: 60 });
      expect(up.ready, up.reasons.join('; ')).toBe(true);
      expect(up.liveness).toMatchObject({ method: 'process', running: true, pid: server.pid });
    }
    await pair.secondary.stop('SIGTERM');
    await pair.primary.stop('SIGKILL');
    for (const server of [pair.secondary, pair.primary]) {
      const { live, logOnly } = await verdictsAtEveryCut(server, dir);
      expect(live, `${server.logPath}: ready while dhcpd is down`).toEqual([]);
      // The log alone says ready from the cut where the server was fully back: the check above can fail.
      expect(logOnly.length).toBeGreaterThan(0);
    }
    const cli = await leasecheck(['ready', '--log', pair.primary.logPath]);
    expect(cli.code, cli.stdout + cli.stderr).toBe(4);
    expect(cli.stdout).toMatch(/is not running now/);
  }, 180_000);
});
