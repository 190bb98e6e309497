// A failover pair: primary 10.0.0.1 and secondary 10.0.0.3, peer "foo", on one
// LAN (a veth pair, or a bridge when a client namespace is asked for), each
// with its own config, lease file and log.
import type { Cleanup } from './cleanup.js';
import { startDhcpd, type DhcpdServer } from './dhcpd.js';
import { createLan, type Host } from './netns.js';

export interface FailoverPairOptions {
  peer?: string;
  /** The pool shared by the pair (default 10.0.1.0 - 10.0.1.20). */
  range?: [string, string];
  /** Add a third namespace (10.0.0.2) for clients, on a bridge with both servers. */
  withClient?: boolean;
  /** Extra global statements for both configs. */
  extra?: string;
  /** The primary's `mclt` (default 600): small values let a recovering peer reach normal sooner. */
  mclt?: number;
  /** `max-response-delay` on both (default 60). */
  maxResponseDelay?: number;
}

export interface FailoverPair {
  primary: DhcpdServer;
  secondary: DhcpdServer;
  client: Host | null;
  peer: string;
}

/** The config of one peer (fo-primary.conf / fo-secondary.conf in the fixtures, with ping-check off). */
export function failoverConfig(
  role: 'primary' | 'secondary',
  options: FailoverPairOptions = {},
): string {
  const peer = options.peer ?? 'foo';
  const [first, last] = options.range ?? ['10.0.1.0', '10.0.1.20'];
  const [me, partner] = role === 'primary' ? ['10.0.0.1', '10.0.0.3'] : ['10.0.0.3', '10.0.0.1'];
  return `authoritative;
default-lease-time 600;
max-lease-time 7200;
ping-check false;
${options.extra ?? ''}
failover peer "${peer}" {
  ${role};
  address ${me};
  port 647;
  peer address ${partner};
  peer port 647;
  max-response-delay ${options.maxResponseDelay ?? 60};
  max-unacked-updates 10;
  load balance max seconds 3;
${role === 'primary' ? `  mclt ${options.mclt ?? 600};\n  split 128;\n` : ''}}
subnet 10.0.0.0 netmask 255.255.0.0 {
  pool {
    failover peer "${peer}";
    range ${first} ${last};
  }
}
`;
}

/** Starts both peers and waits until each logs `failover peer NAME: Both servers normal`. */
export async function startFailoverPair(
  cleanup: Cleanup,
  options: FailoverPairOptions = {},
): Promise<FailoverPair> {
  const peer = options.peer ?? 'foo';
  const specs = [{ address: '10.0.0.1/16' }, { address: '10.0.0.3/16' }];
  if (options.withClient) specs.push({ address: '10.0.0.2/16' });
  const [primaryHost, secondaryHost, client] = await createLan(cleanup, specs);
  const [primary, secondary] = await Promise.all([
    startDhcpd(cleanup, { host: primaryHost as Host, conf: failoverConfig('primary', options) }),
    startDhcpd(cleanup, {
      host: secondaryHost as Host,
      conf: failoverConfig('secondary', options),
    }),
  ]);
  const pair = { primary, secondary, client: client ?? null, peer };
  await bothNormal(pair);
  return pair;
}

export function bothNormalPattern(peer: string): RegExp {
  return new RegExp(`^failover peer ${peer}: Both servers normal$`, 'm');
}

/** Waits until both servers' logs since their last start say `Both servers normal`. */
export async function bothNormal(pair: FailoverPair, timeoutMs = 60_000): Promise<void> {
  const pattern = bothNormalPattern(pair.peer);
  await Promise.all([
    pair.primary.waitForLog(pattern, timeoutMs),
    pair.secondary.waitForLog(pattern, timeoutMs),
  ]);
}
