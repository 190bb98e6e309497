/**
 * ISC's advice for restarting a failover pair: "use OMAPI to test the server
 * state — and only restart the second partner when the first one has
 * restarted and completed syncing with its partner". A peer is ready when
 * dhcpd's failover-state object shows both its own and its partner's state
 * as `normal`.
 */
import { getFailoverState, withOmapi } from './objects.js';
import type { OmapiConnectOptions, OmapiFailoverReadiness, OmapiPeerState } from './types.js';

function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * One OMAPI connection, one failover-state open per named peer (dhcpd opens
 * failover-state objects only by name). Connection, key and timeout failures
 * reject with LeasecheckError (exit 8); an unknown peer is reported as
 * `found: false`, not thrown.
 */
export async function omapiFailoverReady(
  options: OmapiConnectOptions,
  peers: readonly string[],
): Promise<OmapiFailoverReadiness> {
  return withOmapi(options, async (connection) => {
    const states: OmapiPeerState[] = [];
    for (const peer of peers) {
      const state = await getFailoverState(connection, peer);
      const localState = asString(state?.['local-state']);
      const partnerState = asString(state?.['partner-state']);
      states.push({
        peer,
        found: state !== null,
        localState,
        partnerState,
        localStateSince: asString(state?.['local-stos']),
        partnerStateSince: asString(state?.['partner-stos']),
        role: state ? String(state.hierarchy) : null,
        ready: localState === 'normal' && partnerState === 'normal',
      });
    }
    return { ready: states.length > 0 && states.every((s) => s.ready), peers: states };
  });
}
