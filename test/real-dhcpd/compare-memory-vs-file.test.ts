// `compare` against the real dhcpd 4.4.3: what dhcpd holds in memory and
// what it wrote. An offer that no DHCPREQUEST followed (perfdhcp -i stops
// after the DHCPOFFER) changes the lease object in memory (hardware, starts,
// cltt, ends) and is never written (server/dhcp.c ack_lease calls
// supersede_lease with commit = 0): on quiet servers with intact files that
// is a note, never a difference. A lease dhcpd holds as active and the file
// lacks is a difference.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDhcpdConf } from '../../src/conf/index.js';
import { compareLeaseFile, parseKeyOption, rangeAddressesOf } from '../../src/omapi/index.js';
import type { CompareReport } from '../../src/omapi/types.js';
import {
  cleanupAfterEach,
  cleanupTempDir,
  createLan,
  delay,
  dhclientLease,
  failoverConfig,
  requireRealDhcpd,
  startDhcpd,
  startPerfdhcp,
  bothNormal,
  type Cleanup,
  type DhcpdServer,
  type Host,
} from '../harness/index.js';
import {
  OMAPI_PORT,
  bridgeToNamespace,
  generateKey,
  keyStatements,
  leasecheckIn,
  type LabKey,
} from '../omapi/omapi-lab.js';

const gate = requireRealDhcpd(['perfdhcp', 'dhclient']);

/** compare, in-process, through a bridge into the server's namespace, with the config's ranges. */
async function compareWith(
  cleanup: Cleanup,
  host: Host,
  server: DhcpdServer,
  key: LabKey,
  file = server.leasePath,
): Promise<CompareReport> {
  const port = await bridgeToNamespace(cleanup, host);
  const plan = await loadDhcpdConf(server.confPath);
  return compareLeaseFile(file, {
    host: '127.0.0.1',
    port,
    key: parseKeyOption(`${key.name}:${key.secret}`),
    rangeAddresses: rangeAddressesOf(plan),
  });
}

/** The lease file without any declaration of `address`: what a lost write leaves. */
function withoutLease(text: string, address: string): string {
  const escaped = address.replace(/\./g, '\\.');
  return text.replace(new RegExp(`^lease ${escaped} \\{[^}]*\\}\\n`, 'gm'), '');
}

/** DISCOVERs only (perfdhcp -i): every client gets a DHCPOFFER and never sends the REQUEST. */
async function offersOnly(cleanup: Cleanup, client: Host, clients: number): Promise<string> {
  const load = await startPerfdhcp(cleanup, client, {
    rate: 20,
    clients,
    count: clients,
    seconds: 3,
    extraArgs: ['-i'],
  });
  await load.exited;
  return load.output();
}

describe.skipIf(gate.skip)('compare: dhcpd memory against its lease file (real dhcpd)', () => {
  const cleanup = cleanupAfterEach();

  it('a quiet failover pair with intact files: no difference on either server, the offers never acknowledged are notes; an active lease removed from a file is reported', async () => {
    const key = generateKey();
    const [primaryHost, secondaryHost, client] = await createLan(cleanup, [
      { address: '10.0.0.1/16' },
      { address: '10.0.0.3/16' },
      { address: '10.0.0.2/16' },
    ]);
    const extra = keyStatements(key);
    const [primary, secondary] = await Promise.all([
      startDhcpd(cleanup, { host: primaryHost!, conf: failoverConfig('primary', { extra }) }),
      startDhcpd(cleanup, { host: secondaryHost!, conf: failoverConfig('secondary', { extra }) }),
    ]);
    await bothNormal({ primary, secondary, client: null, peer: 'foo' });
    const { address: bound } = await dhclientLease(cleanup, client!);
    const perf = await offersOnly(cleanup, client!, 12);
    expect(perf).toMatch(/Offer/i);
    // Quiet: the binding update of the one acknowledged lease has gone both ways.
    await delay(2000);
    const reports = [
      await compareWith(cleanup, primaryHost!, primary, key),
      await compareWith(cleanup, secondaryHost!, secondary, key),
    ];
    for (const report of reports) {
      expect(report.differences, JSON.stringify(report, null, 1)).toEqual([]);
      expect(report).toMatchObject({ agree: true, complete: true, unlisted: 0 });
    }
    // The offers changed memory where the file has the address (the pair writes every
    // lease of the pool): hardware and ends, which a plain field-by-field look calls different.
    const notes = reports.flatMap((r) => r.unwritten);
    expect(notes.length).toBeGreaterThan(0);
    const written =
      (await readFile(primary.leasePath, 'latin1')) +
      (await readFile(secondary.leasePath, 'latin1'));
    for (const note of notes) {
      // Never written: the hardware address the offer went to is in neither file.
      expect(written).not.toContain(`hardware ethernet ${note.hardware};`);
      expect(note).toMatchObject({ kind: 'unacknowledged-offer', hardware: expect.any(String) });
      expect(['free', 'backup']).toContain(note.state);
      expect(note.line).not.toBeNull();
    }
    expect(notes.map((n) => n.address)).not.toContain(bound);

    // The lease dhclient holds, removed from a copy of each file: dhcpd holds it
    // active, the file lacks it.
    const dir = await cleanupTempDir(cleanup, 'compare-missing');
    for (const [host, server] of [
      [primaryHost!, primary],
      [secondaryHost!, secondary],
    ] as const) {
      const text = await readFile(server.leasePath, 'latin1');
      const cut = join(dir, `${host.address}.leases`);
      await writeFile(cut, withoutLease(text, bound), 'latin1');
      expect(text).toContain(`lease ${bound} {`);
      const report = await compareWith(cleanup, host, server, key, cut);
      expect(report.agree).toBe(false);
      expect(report.unlisted).toBe(1);
      expect(report.differences).toEqual([
        {
          address: bound,
          field: 'presence',
          file: null,
          server: 'active',
          line: null,
          serverHardware: expect.stringMatching(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/),
          serverEnds: expect.any(String),
        },
      ]);
    }

    // The CLI: exit 0 with the config's ranges; without them, not established (exit 4).
    const args = [
      'compare',
      primary.leasePath,
      '--omapi',
      `127.0.0.1:${OMAPI_PORT}`,
      '--key',
      `${key.name}:${key.secret}`,
    ];
    const withConfig = await leasecheckIn(primaryHost!, [...args, '--config', primary.confPath]);
    expect(withConfig.code, withConfig.stdout + withConfig.stderr).toBe(0);
    expect(withConfig.stdout).toMatch(/agrees with dhcpd/);
    if (reports[0]!.unwritten.length > 0) {
      expect(withConfig.stdout).toMatch(/^info: .*an offer dhcpd made and never committed/m);
    }
    const withoutConfig = await leasecheckIn(primaryHost!, args);
    expect(withoutConfig.code, withoutConfig.stdout + withoutConfig.stderr).toBe(4);
    expect(withoutConfig.stdout).toMatch(/not established.*give --config/);
  }, 120_000);
});
