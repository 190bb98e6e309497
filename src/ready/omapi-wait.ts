import { omapiFailoverReady } from '../omapi/index.js';
import type { OmapiConnectOptions, OmapiFailoverReadiness } from '../omapi/types.js';

/**
 * `ready --omapi`: asks the running server for each named peer's failover
 * state, once, or with `waitSeconds` every second until every peer is
 * `normal` on both sides or the time is up. A refused connection during the
 * wait (the server is still starting) is retried, not fatal.
 */
export async function waitOmapiReady(
  options: OmapiConnectOptions,
  peers: readonly string[],
  waitSeconds: number | undefined,
  onPoll?: (readiness: OmapiFailoverReadiness) => void,
): Promise<OmapiFailoverReadiness & { timedOut: boolean }> {
  const deadline = Date.now() + (waitSeconds ?? 0) * 1000;
  for (;;) {
    let readiness: OmapiFailoverReadiness;
    try {
      readiness = await omapiFailoverReady(options, peers);
    } catch (error) {
      if (waitSeconds === undefined || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    onPoll?.(readiness);
    if (readiness.ready) return { ...readiness, timedOut: false };
    if (waitSeconds === undefined) return { ...readiness, timedOut: false };
    if (Date.now() >= deadline) return { ...readiness, timedOut: true };
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
