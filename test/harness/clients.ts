// DHCP clients in their own namespace: `dhclient` for one real lease,
// `perfdhcp` (from kea-admin) for load.
import { closeSync, openSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cleanup } from './cleanup.js';
import { run, startProcess, waitFor, type LongRunning } from './exec.js';
import { cleanupTempDir } from './files.js';
import type { Host } from './netns.js';
import { tool } from './prerequisites.js';

export interface DhclientLease {
  address: string;
  /** dhclient's own output (-d -v). */
  output: string;
}

/**
 * Runs `dhclient -d -1` in `host`'s namespace until it is bound, then stops it.
 * `-sf /bin/true`: the lease is obtained but nothing is configured (no resolv.conf edits).
 */
export async function dhclientLease(
  cleanup: Cleanup,
  host: Host,
  options: { timeoutMs?: number; family?: 4 | 6 } = {},
): Promise<DhclientLease> {
  const v6 = options.family === 6;
  const dir = await cleanupTempDir(cleanup, 'dhclient');
  const leaseFile = join(dir, 'dhclient.leases');
  const outputFile = join(dir, 'dhclient.out');
  await writeFile(leaseFile, '');
  // dhclient -6 exits at once ("no link-local IPv6 address") when started
  // before the kernel has given the link its fe80:: address, which takes a
  // moment after the link comes up, longer on a loaded machine.
  if (v6) await linkLocalAddress(host, options.timeoutMs ?? 30_000);
  const out = openSync(outputFile, 'a');
  let client: LongRunning;
  try {
    client = startProcess(
      host.exec([
        tool('dhclient'),
        ...(v6 ? ['-6'] : []),
        '-d',
        '-1',
        '-v',
        '-lf',
        leaseFile,
        '-pf',
        join(dir, 'dhclient.pid'),
        '-sf',
        '/bin/true',
        host.iface,
      ]),
      { cwd: dir, stdio: ['ignore', out, out] },
    );
  } finally {
    closeSync(out);
  }
  cleanup.add('stop dhclient', () => client.stop('SIGKILL'));
  const output = () => readFile(outputFile, 'latin1').catch(() => '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  // v4: `bound to 10.0.0.10 -- renewal in …`; v6: the IAADDR lines, then `PRC: Bound to lease …`.
  const boundAddress = (text: string): string | undefined =>
    v6
      ? /^PRC: Bound to lease/m.test(text)
        ? [...text.matchAll(/IAADDR (\S+)/g)].at(-1)?.[1]
        : undefined
      : /^bound to (\S+)/m.exec(text)?.[1];
  const address = await waitFor(
    async () => boundAddress(await output()),
    timeoutMs,
    async () => `dhclient got no lease within ${timeoutMs} ms:\n${await output()}`,
  );
  await client.stop('SIGTERM');
  return { address, output: await output() };
}

async function linkLocalAddress(host: Host, timeoutMs: number): Promise<void> {
  const show = host.exec([tool('ip'), '-6', 'addr', 'show', 'dev', host.iface, 'scope', 'link']);
  await waitFor(
    async () => ((await run(show)).stdout.includes('inet6 fe80') ? true : undefined),
    timeoutMs,
    async () => `${host.iface} has no link-local IPv6 address:\n${(await run(show)).stdout}`,
  );
}

export interface PerfdhcpOptions {
  /** Exchanges started per second (-r). */
  rate?: number;
  /** Distinct simulated clients (-R). */
  clients?: number;
  /** Stop after this many exchanges (-n). */
  count?: number;
  /** Stop after this many seconds (-p). */
  seconds?: number;
  extraArgs?: string[];
}

export interface Perfdhcp extends LongRunning {
  output(): Promise<string>;
}

/**
 * Starts `perfdhcp -4` against the LAN of `host` (which needs an IPv4 address: perfdhcp
 * then relays through it). The cleanup stack kills it if the test does not stop it.
 */
export async function startPerfdhcp(
  cleanup: Cleanup,
  host: Host,
  options: PerfdhcpOptions = {},
): Promise<Perfdhcp> {
  const dir = await cleanupTempDir(cleanup, 'perfdhcp');
  const outputFile = join(dir, 'perfdhcp.out');
  const args = ['-4', '-l', host.iface, '-r', String(options.rate ?? 200)];
  args.push('-R', String(options.clients ?? 10_000));
  if (options.count !== undefined) args.push('-n', String(options.count));
  if (options.seconds !== undefined) args.push('-p', String(options.seconds));
  args.push(...(options.extraArgs ?? []));
  const out = openSync(outputFile, 'a');
  let running: LongRunning;
  try {
    running = startProcess(host.exec([tool('perfdhcp'), ...args]), {
      cwd: dir,
      stdio: ['ignore', out, out],
    });
  } finally {
    closeSync(out);
  }
  cleanup.add('stop perfdhcp', () => running.stop('SIGKILL'));
  return { ...running, output: () => readFile(outputFile, 'latin1').catch(() => '') };
}
