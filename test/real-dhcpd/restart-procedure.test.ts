// The ISC restart procedure on a real failover pair: restart the secondary,
// wait with `leasecheck ready --wait` on its log until it has fully come back,
// then the primary; `leasecheck verify` each lease file against its log after
// each restart. And the negative: with its partner down, a restarted secondary
// never becomes ready.
import { describe, expect, it } from 'vitest';
import {
  bothNormalPattern,
  cleanupAfterEach,
  delay,
  leasecheck,
  requireRealDhcpd,
  startFailoverPair,
  startPerfdhcp,
  gateOnFeatures,
  missingCommands,
  type DhcpdServer,
  type FailoverPair,
} from '../harness/index.js';
import { pending } from './pending.js';

const gate = requireRealDhcpd(['perfdhcp']);
const procedure = gate.skip
  ? { skip: true, reason: '' }
  : gateOnFeatures(
      'ISC restart procedure (ready --wait, verify)',
      await missingCommands(['ready', 'verify']),
      pending,
    );
const readyOnly = gate.skip
  ? { skip: true, reason: '' }
  : gateOnFeatures('ready with the partner down', await missingCommands(['ready']), pending);

async function verifyBoth(pair: FailoverPair, when: string): Promise<void> {
  for (const server of [pair.primary, pair.secondary]) {
    const result = await leasecheck(['verify', server.leasePath, '--log', server.logPath]);
    expect(
      result.code,
      `verify after ${when}: ${server.leasePath}\n${result.stdout}${result.stderr}`,
    ).toBe(0);
  }
}

/** Restarts `server` the way an admin does (SIGTERM, start) and runs `ready --wait` on its log. */
async function restartAndWait(server: DhcpdServer, peer: string): Promise<void> {
  await server.restart('SIGTERM');
  const ready = await leasecheck(['ready', '--log', server.logPath, '--wait', '60'], {
    timeoutMs: 90_000,
  });
  expect(ready.code, `ready --wait on ${server.logPath}:\n${ready.stdout}${ready.stderr}`).toBe(0);
  // Ready means the partner is back to normal since this start-up.
  expect(await server.logSinceStart()).toMatch(bothNormalPattern(peer));
}

describe.skipIf(gate.skip || procedure.skip)(
  'the ISC restart procedure on a real failover pair',
  () => {
    const cleanup = cleanupAfterEach();

    it('secondary first, ready --wait, then the primary; verify holds after each restart', async () => {
      const pair = await startFailoverPair(cleanup, { withClient: true });
      const load = await startPerfdhcp(cleanup, pair.client!, { rate: 50, clients: 15, count: 30 });
      await load.exited;
      await verifyBoth(pair, 'start-up');

      await restartAndWait(pair.secondary, pair.peer);
      await verifyBoth(pair, 'restarting the secondary');

      await restartAndWait(pair.primary, pair.peer);
      await verifyBoth(pair, 'restarting the primary');
    }, 300_000);
  },
);

describe.skipIf(gate.skip || readyOnly.skip)('leasecheck ready on a real failover pair', () => {
  const cleanup = cleanupAfterEach();

  it('does not call a restarted secondary ready while its partner is down, and does once it is back', async () => {
    const pair = await startFailoverPair(cleanup);
    await pair.primary.kill();
    await pair.secondary.restart('SIGTERM');

    const notReady = await leasecheck(['ready', '--log', pair.secondary.logPath, '--wait', '3']);
    expect(notReady.code, notReady.stdout + notReady.stderr).toBe(4);

    const waiter = leasecheck(['ready', '--log', pair.secondary.logPath, '--wait', '60'], {
      timeoutMs: 90_000,
    });
    let settled = false;
    void waiter.then(() => {
      settled = true;
    });
    await delay(1500);
    // Still waiting: the partner is down.
    expect(settled).toBe(false);
    await pair.primary.start();
    const ready = await waiter;
    expect(ready.code, ready.stdout + ready.stderr).toBe(0);
    expect(await pair.secondary.logSinceStart()).toMatch(bothNormalPattern(pair.peer));
  }, 300_000);
});
