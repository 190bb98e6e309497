// A real disk-full truncation: dhcpd keeps its lease file on a tiny tmpfs and
// perfdhcp hands out leases until the file system is full (dhcpd then logs
// `commit_leases: unable to commit, fflush(): No space left on device`).
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cleanup } from './cleanup.js';
import { startPerfdhcp } from './clients.js';
import { startDhcpd, type DhcpdServer } from './dhcpd.js';
import { cleanupTempDir } from './files.js';
import { createLan } from './netns.js';
import { mountTmpfs } from './tmpfs.js';

export const loadConfig = (range: [string, string] = ['10.0.1.0', '10.0.20.255']) =>
  `default-lease-time 600;
max-lease-time 7200;
authoritative;
ping-check false;
subnet 10.0.0.0 netmask 255.255.0.0 {
  range ${range[0]} ${range[1]};
}
`;

export interface DiskFullResult {
  server: DhcpdServer;
  /** A copy of the lease file taken after dhcpd was killed, outside the tmpfs. */
  copy: string;
  /** The config it ran with, for dhcpd -T. */
  confPath: string;
}

/** Fills a `sizeBytes` tmpfs with dhcpd's lease file under perfdhcp load, kills dhcpd, copies the file out. */
export async function fillDiskUnderLoad(
  cleanup: Cleanup,
  options: { sizeBytes?: number; timeoutMs?: number } = {},
): Promise<DiskFullResult> {
  const [serverHost, clientHost] = await createLan(cleanup, [
    { address: '10.0.0.1/16' },
    { address: '10.0.0.2/16' },
  ]);
  const disk = await mountTmpfs(cleanup, options.sizeBytes ?? 12 * 1024);
  const server = await startDhcpd(cleanup, {
    host: serverHost!,
    conf: loadConfig(),
    leasePath: join(disk, 'dhcpd.leases'),
  });
  const load = await startPerfdhcp(cleanup, clientHost!, {
    rate: 500,
    clients: 5000,
    seconds: 60,
  });
  try {
    await server.waitForLog(/No space left on device/, options.timeoutMs ?? 30_000);
  } finally {
    await load.stop('SIGKILL');
  }
  await server.kill();
  const copy = join(await cleanupTempDir(cleanup, 'disk-full'), 'dhcpd.leases');
  await copyFile(server.leasePath, copy);
  return { server, copy, confPath: server.confPath };
}
