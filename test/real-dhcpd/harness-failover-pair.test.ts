import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  bothNormalPattern,
  cleanupAfterEach,
  dhclientLease,
  requireRealDhcpd,
  startFailoverPair,
} from '../harness/index.js';

const gate = requireRealDhcpd(['dhclient']);

describe.skipIf(gate.skip)('harness: a real failover pair', () => {
  const cleanup = cleanupAfterEach();

  it('reaches "Both servers normal" on both peers and records it in both lease files', async () => {
    const pair = await startFailoverPair(cleanup);
    expect(await pair.primary.log()).toMatch(bothNormalPattern('foo'));
    expect(await pair.secondary.log()).toMatch(bothNormalPattern('foo'));
    await pair.primary.waitForLog(/^balanced pool /m);
    const secondaryLeases = await readFile(pair.secondary.leasePath, 'latin1');
    // Only the secondary writes mclt in its failover state block.
    expect(secondaryLeases).toMatch(/failover peer "foo" state \{[^}]*mclt 600;/);
    expect(await readFile(pair.primary.leasePath, 'latin1')).not.toMatch(/mclt/);
  });

  it('comes back to normal after the secondary is restarted, as in the ISC procedure', async () => {
    const pair = await startFailoverPair(cleanup, { withClient: true });
    await dhclientLease(cleanup, pair.client!);
    await pair.secondary.restart('SIGTERM');
    await pair.secondary.waitForLog(bothNormalPattern('foo'), 60_000);
    await pair.primary.waitForLog(/I move from communications-interrupted to normal/, 60_000);
    expect(await pair.primary.log()).toMatch(/^peer foo: disconnected$/m);
  });
});
