import type { Declaration } from '../model/types.js';
import type { Problem } from './types.js';

/** Which failover peers dhcpd.conf declares, when check knows it (--config). */
export interface DeclaredPeers {
  declaresFailoverPeer(name: string): boolean;
}

/**
 * A failover state whose `my state … at` or `partner state … at` dhcpd
 * reads as a time before 1970. dhcpd keeps the last state declaration of
 * each peer it knows and writes it back at every rewrite of the lease file
 * (write_failover_state), whose print_time refuses a negative time: the
 * rewrite fails there, and dhcpd -T logs "write_failover_state: unable to
 * write state NAME" and never "Lease file test successful" (measured with
 * dhcpd 4.4.3, test/dhcpd/failover-unwritable-time.test.ts). For a peer
 * dhcpd.conf does not declare, dhcpd keeps no state and the test succeeds:
 * with --config that is checked; without, the peer is taken as declared,
 * as on the server that wrote the state.
 *
 * `states`: the last failover-state declaration of each peer.
 */
export function unwritableFailoverTimes(
  states: Iterable<Declaration>,
  peers: DeclaredPeers | null,
): Problem[] {
  const problems: Problem[] = [];
  for (const d of states) {
    const f = d.failover;
    if (f === undefined || d.key === null) continue;
    if (peers !== null && !peers.declaresFailoverPeer(d.key)) continue;
    const before1970 = (
      [
        ['my state', f.myStateAt],
        ['partner state', f.partnerStateAt],
      ] as const
    ).find(([, at]) => at !== null && at < 0);
    if (before1970 === undefined) continue;
    const [statement, at] = before1970;
    problems.push({
      code: 'unwritable-time',
      severity: 'error',
      line: d.line,
      column: 1,
      offset: d.offset,
      message:
        `dhcpd reads this failover state's \`${statement} … at\` as a time before 1970 (${at} s), which it cannot write back: ` +
        `with failover peer "${d.key}" in dhcpd.conf, every rewrite of the lease file fails at this declaration ` +
        `("write_failover_state: unable to write state ${d.key}"), so dhcpd -T ends without "Lease file test successful"`,
      declaration: { offset: d.offset, length: d.length, line: d.line, kind: d.kind },
    });
  }
  return problems;
}
