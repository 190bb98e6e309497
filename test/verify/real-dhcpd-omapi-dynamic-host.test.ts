import { describe, expect, it } from 'vitest';
import {
  cleanupAfterEach,
  createLan,
  requireRealDhcpd,
  run,
  startDhcpd,
  tool,
  type Host,
} from '../harness/index.js';
import { verifyLeaseFile } from '../../src/verify/index.js';

/**
 * The real dhcpd's dynamic-host miscount: a host created over OMAPI is in the
 * file, yet the restart logs "Wrote 0 new dynamic host decls" (mdb.c counts
 * failed writes). A static host deleted over OMAPI is counted right
 * ("Wrote 1 deleted host decls"). verify must not call either a mismatch.
 */

const gate = requireRealDhcpd(['omshell']);

const secret = Buffer.from('leasecheck-verify-omapi-test!').toString('base64');

const conf = `authoritative;
default-lease-time 600;
max-lease-time 7200;
ping-check false;
key omapikey { algorithm hmac-md5; secret "${secret}"; }
omapi-key omapikey;
omapi-port 7911;
subnet 10.0.0.0 netmask 255.255.0.0 {
  range 10.0.1.0 10.0.1.20;
}
host fixed1 {
  hardware ethernet 52:54:00:aa:bb:cc;
  fixed-address 10.0.2.5;
}
`;

function omshell(host: Host, commands: string[]) {
  const connect = ['server 127.0.0.1', 'port 7911', `key omapikey ${secret}`, 'connect'];
  return run(host.exec([tool('omshell')]), {
    input: `${[...connect, ...commands].join('\n')}\n`,
    timeoutMs: 15_000,
  });
}

describe.skipIf(gate.skip)('real dhcpd: a host created over OMAPI, then a restart', () => {
  const cleanup = cleanupAfterEach();

  it('verify finds the dynamic host and the deleted host and raises no false alarm', async () => {
    const [host] = await createLan(cleanup, [
      { address: '10.0.0.1/16' },
      { address: '10.0.0.9/16' },
    ]);
    const server = await startDhcpd(cleanup, { host: host!, conf });

    const created = await omshell(host!, [
      'new host',
      'set name = "dyn1"',
      'set hardware-address = 52:54:00:00:00:01',
      'set hardware-type = 1',
      'set ip-address = 10.0.3.1',
      'create',
    ]);
    expect(created.stdout, created.stdout + created.stderr).toMatch(/name = "dyn1"/);
    const removed = await omshell(host!, ['new host', 'set name = "fixed1"', 'open', 'remove']);
    expect(removed.stdout + removed.stderr).not.toMatch(/can't|not found|error/i);

    await server.restart();
    const log = await server.log();
    expect(log).toMatch(/Wrote 0 new dynamic host decls to leases file\./);
    expect(log).toMatch(/Wrote 1 deleted host decls to leases file\./);

    const report = await verifyLeaseFile(server.leasePath, { logs: [server.logPath] });
    expect(
      report.findings.filter((f) => f.severity === 'error'),
      JSON.stringify(report, null, 2),
    ).toEqual([]);
    expect(report.status).toBe('consistent');
    expect(report.reference?.kind).toBe('startup');
    expect(report.history).toHaveLength(1);
    const byWhat = Object.fromEntries(
      report.counts.map((c) => [c.what, [c.logged, c.found, c.status]]),
    );
    expect(byWhat['dynamic-host-decls']).toEqual([0, 1, 'note']);
    expect(byWhat['deleted-host-decls']).toEqual([1, 1, 'ok']);
    expect(report.findings.find((f) => f.code === 'dynamic-host-counter')?.severity).toBe('note');
  }, 90_000);
});
