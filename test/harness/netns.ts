// Private networks: each host is its own network namespace with one link,
// `lan0`, addressed from 10.x / fd00:: only inside the namespaces. Names carry a
// random token, so test files can run in parallel; links are created directly
// inside the namespaces, so nothing appears in the host's own namespace.
import { randomBytes } from 'node:crypto';
import type { Cleanup } from './cleanup.js';
import { run, runOk } from './exec.js';
import { tool } from './prerequisites.js';
import { forgetNamespace, rememberNamespace } from './resources.js';

export interface Host {
  /** The network namespace's name (`ip netns exec NAME …`). */
  netns: string;
  /** The host's link inside its namespace. */
  iface: string;
  /** IPv4 address without prefix length, e.g. `10.0.0.1`. */
  address: string;
  /** IPv6 address without prefix length, when one was asked for. */
  address6: string | null;
  /** The argv that runs `argv` inside this host's namespace. */
  exec(argv: readonly string[]): string[];
}

export interface HostSpec {
  /** With prefix length, e.g. `10.0.0.1/16`. */
  address: string;
  /** Optional IPv6 address with prefix length, e.g. `fd00::1/64`. */
  address6?: string;
}

const IFACE = 'lan0';

function netnsExec(netns: string): (argv: readonly string[]) => string[] {
  return (argv) => [tool('ip'), 'netns', 'exec', netns, ...argv];
}

async function addNamespace(cleanup: Cleanup, name: string): Promise<void> {
  await runOk([tool('ip'), 'netns', 'add', name]);
  rememberNamespace(name);
  cleanup.add(`delete netns ${name}`, () => deleteNamespace(name));
  await runOk([tool('ip'), '-n', name, 'link', 'set', 'lo', 'up']);
  // Duplicate address detection would leave IPv6 addresses tentative for seconds.
  await run([
    tool('ip'),
    'netns',
    'exec',
    name,
    'sysctl',
    '-qw',
    'net.ipv6.conf.all.accept_dad=0',
    'net.ipv6.conf.default.accept_dad=0',
  ]);
}

/** Kills whatever still runs inside (only our own processes can be there), then deletes the namespace. */
async function deleteNamespace(name: string): Promise<void> {
  const pids = await run([tool('ip'), 'netns', 'pids', name]);
  for (const pid of pids.stdout.split(/\s+/).filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  const result = await run([tool('ip'), 'netns', 'del', name]);
  forgetNamespace(name);
  if (result.code !== 0 && !/No such file/.test(result.stderr)) {
    throw new Error(`ip netns del ${name}: ${result.stderr.trim()}`);
  }
}

/** A short random token: namespace names stay unique across parallel test files. */
export function uniqueToken(): string {
  return randomBytes(4).toString('hex').slice(0, 6);
}

/**
 * One LAN: two hosts are joined by a veth pair; three or more hang off a bridge in a
 * hub namespace. Every link is up. The cleanup stack deletes the namespaces.
 */
export async function createLan(cleanup: Cleanup, specs: readonly HostSpec[]): Promise<Host[]> {
  if (specs.length < 2) throw new Error('createLan: a LAN needs at least two hosts');
  const token = uniqueToken();
  const names = specs.map((_, index) => `lh${token}${index}`);
  for (const name of names) await addNamespace(cleanup, name);
  const ip = tool('ip');

  if (specs.length === 2) {
    const [a, b] = names as [string, string];
    await runOk([
      ip,
      '-n',
      a,
      'link',
      'add',
      IFACE,
      'type',
      'veth',
      'peer',
      'name',
      IFACE,
      'netns',
      b,
    ]);
  } else {
    const hub = `lh${token}h`;
    await addNamespace(cleanup, hub);
    await runOk([ip, '-n', hub, 'link', 'add', 'br0', 'type', 'bridge']);
    await runOk([ip, '-n', hub, 'link', 'set', 'br0', 'up']);
    for (const [index, name] of names.entries()) {
      const port = `port${index}`;
      await runOk([
        ip,
        '-n',
        hub,
        'link',
        'add',
        port,
        'type',
        'veth',
        'peer',
        'name',
        IFACE,
        'netns',
        name,
      ]);
      await runOk([ip, '-n', hub, 'link', 'set', port, 'master', 'br0', 'up']);
    }
  }

  return Promise.all(
    specs.map(async (spec, index) => {
      const netns = names[index] as string;
      await runOk([ip, '-n', netns, 'addr', 'add', spec.address, 'dev', IFACE]);
      if (spec.address6 !== undefined) {
        await runOk([ip, '-n', netns, 'addr', 'add', spec.address6, 'dev', IFACE, 'nodad']);
      }
      await runOk([ip, '-n', netns, 'link', 'set', IFACE, 'up']);
      return {
        netns,
        iface: IFACE,
        address: spec.address.split('/')[0] as string,
        address6: spec.address6?.split('/')[0] ?? null,
        exec: netnsExec(netns),
      };
    }),
  );
}
