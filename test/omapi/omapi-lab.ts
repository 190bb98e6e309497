// A private lab for the OMAPI tests: the real dhcpd with `omapi-port` and a
// generated key inside a network namespace (test/harness), the real omshell
// and leasecheck run inside the same namespace, and a recording TCP proxy
// between omshell and dhcpd that keeps the bytes each way.
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createLan,
  failoverConfig,
  repoRoot,
  run,
  startDhcpd,
  startProcess,
  cleanupTempDir,
  tool,
  waitFor,
  bothNormal,
  isCi,
  type Cleanup,
  type DhcpdServer,
  type Host,
  type RunResult,
} from '../harness/index.js';

export const OMAPI_PORT = 7911;
export const PROXY_PORT = 7912;

/** The key of the recorded fixtures; live tests make a fresh one with `generateKey`. */
export interface LabKey {
  name: string;
  secret: string;
}

export function generateKey(): LabKey {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return { name: 'omapikey', secret: Buffer.from(bytes).toString('base64') };
}

export function keyStatements(key: LabKey): string {
  return `key ${key.name} { algorithm hmac-md5; secret "${key.secret}"; }
omapi-key ${key.name};
omapi-port ${OMAPI_PORT};
`;
}

export function singleServerConfig(key: LabKey): string {
  return `authoritative;
default-lease-time 600;
max-lease-time 7200;
ping-check false;
${keyStatements(key)}subnet 10.0.0.0 netmask 255.255.0.0 {
  range 10.0.1.0 10.0.1.20;
}
host fixed1 {
  hardware ethernet 52:54:00:aa:bb:cc;
  fixed-address 10.0.2.5;
}
`;
}

/**
 * 10.0.1.5: a whole active lease. 10.0.1.6: a whole active lease, then a
 * later declaration of the same address cut right after `binding state
 * active;` — dhcpd loads that one, without a hardware address.
 */
export const seededLeases = `# The format of this file is documented in the dhcpd.leases(5) manual page.
lease 10.0.1.5 {
  starts 6 2026/11/28 12:00:00;
  ends 6 2036/11/29 12:00:00;
  cltt 6 2026/11/28 12:00:00;
  binding state active;
  next binding state free;
  rewind binding state free;
  hardware ethernet 52:54:00:12:34:56;
  uid "\\001RT\\000\\0224V";
  client-hostname "box5";
}
lease 10.0.1.6 {
  starts 6 2026/11/28 12:00:00;
  ends 6 2036/11/29 12:00:00;
  cltt 6 2026/11/28 12:00:00;
  binding state active;
  next binding state free;
  rewind binding state free;
  hardware ethernet 52:54:00:12:34:66;
  client-hostname "box6";
}
lease 10.0.1.6 {
  starts 6 2026/11/28 12:30:00;
  ends 6 2036/11/29 12:30:00;
  cltt 6 2026/11/28 12:30:00;
  binding state active;
`;

export interface SingleLab {
  host: Host;
  server: DhcpdServer;
  key: LabKey;
  leasesPath: string;
}

export async function startSingleServer(
  cleanup: Cleanup,
  key: LabKey = generateKey(),
): Promise<SingleLab> {
  const [host] = await createLan(cleanup, [{ address: '10.0.0.1/16' }, { address: '10.0.0.9/16' }]);
  const server = await startDhcpd(cleanup, {
    host: host!,
    conf: singleServerConfig(key),
    leases: seededLeases,
  });
  // dhcpd rewrites its lease file at start-up; keep the file as we wrote it for `compare`.
  const dir = await cleanupTempDir(cleanup, 'omapi-file');
  const leasesPath = join(dir, 'seeded.leases');
  await writeFile(leasesPath, seededLeases, 'latin1');
  return { host: host!, server, key, leasesPath };
}

export interface PairLab {
  primary: { host: Host; server: DhcpdServer };
  secondary: { host: Host; server: DhcpdServer };
  key: LabKey;
  peer: string;
}

/** A failover pair (test/harness failoverConfig) with OMAPI and the key on both, both `normal`. */
export async function startPairWithOmapi(
  cleanup: Cleanup,
  key: LabKey = generateKey(),
): Promise<PairLab> {
  const [primaryHost, secondaryHost] = await createLan(cleanup, [
    { address: '10.0.0.1/16' },
    { address: '10.0.0.3/16' },
  ]);
  const extra = keyStatements(key);
  const [primary, secondary] = await Promise.all([
    startDhcpd(cleanup, { host: primaryHost!, conf: failoverConfig('primary', { extra }) }),
    startDhcpd(cleanup, { host: secondaryHost!, conf: failoverConfig('secondary', { extra }) }),
  ]);
  await bothNormal({ primary, secondary, client: null, peer: 'foo' });
  return {
    primary: { host: primaryHost!, server: primary },
    secondary: { host: secondaryHost!, server: secondary },
    key,
    peer: 'foo',
  };
}

/** Runs omshell inside the namespace with `commands` on stdin (one per line). */
export function omshell(
  host: Host,
  commands: readonly string[],
  timeoutMs = 15_000,
): Promise<RunResult> {
  return run(host.exec([tool('omshell')]), { input: `${commands.join('\n')}\n`, timeoutMs });
}

/** The commands that connect omshell with `key` to 127.0.0.1:`port`. */
export function omshellConnect(key: LabKey | null, port = OMAPI_PORT): string[] {
  return [
    'server 127.0.0.1',
    `port ${port}`,
    ...(key ? [`key ${key.name} ${key.secret}`] : []),
    'connect',
  ];
}

/** omshell prints `name = value` after open; the last such block, as text. */
export function omshellValues(output: string): Record<string, string> {
  const blocks = output.split(/obj: /);
  const last = blocks[blocks.length - 1] ?? '';
  const values: Record<string, string> = {};
  for (const line of last.split('\n')) {
    const match = /^([a-z][a-z0-9-]*) = (.*)$/.exec(line.replace(/^> /, ''));
    if (match) values[match[1]!] = match[2]!;
  }
  return values;
}

export interface Chunk {
  dir: 'c2s' | 's2c';
  hex: string;
}

const proxyScript = fileURLToPath(new URL('./omapi-proxy.mjs', import.meta.url));

/** Runs omshell through the recording proxy; returns its output and the bytes each way. */
export async function captureOmshell(
  cleanup: Cleanup,
  host: Host,
  key: LabKey | null,
  commands: readonly string[],
): Promise<{ output: string; chunks: Chunk[] }> {
  const dir = await cleanupTempDir(cleanup, 'omapi-capture');
  const out = join(dir, 'capture.json');
  const proxy = startProcess(
    host.exec([process.execPath, proxyScript, String(PROXY_PORT), String(OMAPI_PORT), out]),
  );
  cleanup.add('stop the OMAPI proxy', () => proxy.stop('SIGKILL'));
  await waitFor(
    () => (existsSync(`${out}.ready`) ? true : undefined),
    10_000,
    () => 'the OMAPI proxy did not start',
  );
  const result = await omshell(host, [...omshellConnect(key, PROXY_PORT), ...commands]);
  await waitFor(
    () => (existsSync(out) ? true : undefined),
    10_000,
    () => `the OMAPI proxy wrote no capture; omshell said:\n${result.stdout}${result.stderr}`,
  );
  await proxy.stop('SIGKILL');
  const chunks = JSON.parse(await readFile(out, 'utf8')) as Chunk[];
  return { output: result.stdout + result.stderr, chunks };
}

const bridgeScript = fileURLToPath(new URL('./omapi-bridge.mjs', import.meta.url));

/**
 * A loopback TCP port in the test's own namespace that reaches port `port`
 * inside `host`'s namespace (through a Unix socket, which crosses network
 * namespaces), so the OMAPI client can run in-process.
 */
export async function bridgeToNamespace(
  cleanup: Cleanup,
  host: Host,
  port = OMAPI_PORT,
): Promise<number> {
  const dir = await cleanupTempDir(cleanup, 'omapi-bridge');
  const socketPath = join(dir, 'omapi.sock');
  const bridge = startProcess(
    host.exec([process.execPath, bridgeScript, socketPath, String(port)]),
  );
  cleanup.add('stop the OMAPI bridge', () => bridge.stop('SIGKILL'));
  await waitFor(
    () => (existsSync(`${socketPath}.ready`) ? true : undefined),
    10_000,
    () => 'the OMAPI bridge did not start',
  );
  const sockets = new Set<Socket>();
  const server = createServer((local) => {
    sockets.add(local);
    const remote = connect(socketPath);
    sockets.add(remote);
    local.pipe(remote);
    remote.pipe(local);
    local.on('error', () => remote.destroy());
    remote.on('error', () => local.destroy());
    local.on('close', () => sockets.delete(local));
    remote.on('close', () => sockets.delete(remote));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.add('close the OMAPI bridge listener', async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as AddressInfo).port;
}

const bin = join(repoRoot, 'bin/leasecheck.js');

/** Runs the built CLI inside the namespace (where dhcpd's OMAPI listens). */
export function leasecheckIn(
  host: Host,
  args: readonly string[],
  timeoutMs = 30_000,
): Promise<RunResult> {
  return run(host.exec([process.execPath, bin, ...args]), {
    timeoutMs,
    env: { ...process.env, NO_COLOR: '1' },
  });
}

export function builtCli(): boolean {
  return existsSync(join(repoRoot, 'dist/cli/commands/omapi.js'));
}

/**
 * Whether the CLI cases can run: they need the build in dist/. Elsewhere they
 * skip with the reason printed; under CI=true a missing build fails instead.
 */
export function requireBuiltCli(): boolean {
  if (builtCli()) return true;
  const reason = 'dist/ has no omapi command (build first: npx tsc -p tsconfig.build.json)';
  if (isCi()) {
    describe('OMAPI CLI prerequisites (CI=true: required)', () => {
      it('the CLI is built', () => {
        throw new Error(reason);
      });
    });
  } else {
    console.warn(`[omapi] CLI cases skipped: ${reason}`);
  }
  return false;
}
