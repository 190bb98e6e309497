// Crash points under load: dhcpd with delayed-ack (so that stdio writes lease
// batches in 4 KiB blocks, as it does on a busy server) serves a perfdhcp burst
// while strace kills it at its Nth write(2). The lease file is left as a crash
// at that moment would leave it.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cleanup } from './cleanup.js';
import { startPerfdhcp } from './clients.js';
import { startDhcpd, type Exit } from './dhcpd.js';
import { delay } from './exec.js';
import { cleanupTempDir } from './files.js';
import { createLan, type Host } from './netns.js';
import { killAtWrite } from './strace.js';

export const burstConfig = `default-lease-time 600;
max-lease-time 7200;
authoritative;
ping-check false;
delayed-ack 28;
max-ack-delay 500000;
subnet 10.0.0.0 netmask 255.255.0.0 {
  range 10.0.1.0 10.0.20.255;
}
`;

export interface CrashResult {
  /** The lease file as the crash left it (a copy). */
  copy: string;
  confPath: string;
  /** strace killed dhcpd (false: the burst ended first and the harness killed it). */
  struck: boolean;
  exit: Exit | null;
  /** strace's record of the writes. */
  trace: string;
}

/** A server/client LAN for `crashAtWrite`; make one per test and reuse it across crash points. */
export function crashLan(cleanup: Cleanup): Promise<Host[]> {
  return createLan(cleanup, [{ address: '10.0.0.1/16' }, { address: '10.0.0.2/16' }]);
}

/** One crash point: a fresh dhcpd on `lan`, killed at its `nth` write to the lease file during a burst. */
export async function crashAtWrite(
  cleanup: Cleanup,
  lan: Host[],
  nth: number,
  options: { burst?: number; leases?: string | Buffer } = {},
): Promise<CrashResult> {
  const [serverHost, clientHost] = lan as [Host, Host];
  const server = await startDhcpd(cleanup, {
    host: serverHost,
    conf: burstConfig,
    leases: options.leases,
    // No stderr log: the lease file is then dhcpd's only write(2) target.
    logToStderr: false,
  });
  const killer = await killAtWrite(cleanup, { pid: server.pid as number }, nth);
  const load = await startPerfdhcp(cleanup, clientHost, {
    rate: 2000,
    clients: 5000,
    count: options.burst ?? 300,
  });
  const died = await Promise.race([
    server.exited(),
    load.exited.then(() => delay(1500)).then(() => 'alive' as const),
  ]);
  await load.stop('SIGKILL');
  const exit = died === 'alive' ? await server.kill() : died;
  await killer.stop('SIGKILL');
  const copy = join(await cleanupTempDir(cleanup, 'crash'), 'dhcpd.leases');
  await copyFile(server.leasePath, copy);
  const trace = await killer.trace();
  // Injected: the Nth write was entered (its result shows as `?`) and the process died of SIGKILL.
  const writes = trace.match(/ write\(/g)?.length ?? 0;
  const struck = writes >= nth && /= \?\s*\n.*\+\+\+ killed by SIGKILL/.test(trace);
  return { copy, confPath: server.confPath, struck, exit, trace };
}
