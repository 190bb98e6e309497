import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  cleanupAfterEach,
  createLan,
  dhclientLease,
  requireRealDhcpd,
  startDhcpd,
} from '../harness/index.js';

const gate = requireRealDhcpd(['dhclient']);

const conf = `default-lease-time 600;
max-lease-time 7200;
authoritative;
ping-check false;
subnet 10.0.0.0 netmask 255.255.0.0 {
  range 10.0.0.10 10.0.0.250;
}
`;

describe.skipIf(gate.skip)('harness: a v4 dhcpd in a namespace serves dhclient', () => {
  const cleanup = cleanupAfterEach();

  it('hands out a lease that dhcpd appends to its lease file and logs', async () => {
    const [server, client] = await createLan(cleanup, [
      { address: '10.0.0.1/16' },
      { address: '10.0.0.2/16' },
    ]);
    const dhcpd = await startDhcpd(cleanup, { host: server!, conf });
    const lease = await dhclientLease(cleanup, client!);

    expect(lease.address).toMatch(/^10\.0\.0\.\d+$/);
    const leases = await readFile(dhcpd.leasePath, 'latin1');
    expect(leases).toContain(`lease ${lease.address} {`);
    expect(leases).toMatch(/binding state active;/);
    await dhcpd.waitForLog(new RegExp(`DHCPACK on ${lease.address.replace(/\./g, '\\.')} to `));
    expect(await dhcpd.log()).toMatch(/^Wrote 0 leases to leases file\.$/m);
  });

  it('restarts on the same lease file and keeps the lease', async () => {
    const [server, client] = await createLan(cleanup, [
      { address: '10.0.0.1/16' },
      { address: '10.0.0.2/16' },
    ]);
    const dhcpd = await startDhcpd(cleanup, { host: server!, conf });
    await dhclientLease(cleanup, client!);
    await dhcpd.restart('SIGTERM');
    // The restart's snapshot holds the one lease.
    expect(await dhcpd.logSinceStart()).toMatch(/^Wrote 1 leases to leases file\.$/m);
    expect((await dhcpd.log()).match(/^Server starting service\.$/gm)).toHaveLength(2);
  });
});

const conf6 = `default-lease-time 600;
max-lease-time 7200;
authoritative;
subnet6 fd00::/64 {
  range6 fd00::100 fd00::1ff;
}
`;

describe.skipIf(gate.skip)('harness: a v6 dhcpd (-6) in a namespace serves dhclient -6', () => {
  const cleanup = cleanupAfterEach();

  it('writes the client’s ia-na with its address', async () => {
    const [server, client] = await createLan(cleanup, [
      { address: '10.0.0.1/16', address6: 'fd00::1/64' },
      { address: '10.0.0.2/16' },
    ]);
    const dhcpd = await startDhcpd(cleanup, { host: server!, conf: conf6, family: 6 });
    const lease = await dhclientLease(cleanup, client!, { family: 6 });
    expect(lease.address).toMatch(/^fd00::1[0-9a-f]{2}$/);
    const leases = await readFile(dhcpd.leasePath, 'latin1');
    expect(leases).toMatch(/^server-duid /m);
    expect(leases).toContain(`iaaddr ${lease.address} {`);
    expect(await dhcpd.log()).toMatch(/^Wrote 0 NA, 0 TA, 0 PD leases to lease file\.$/m);
  });
});
