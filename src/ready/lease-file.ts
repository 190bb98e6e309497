import type { CheckReport, FailoverSummary } from '../check/types.js';
import type { LeaseChecker, LeaseFileReadiness } from './types.js';

/**
 * What `ready --leases` says about the lease file: whether it checks clean,
 * the last failover state recorded per peer, and this server's role.
 */
export function leaseFileReadiness(report: CheckReport): LeaseFileReadiness {
  // The file holds history: the last block of each peer is the state dhcpd will read back.
  const last = new Map<string, FailoverSummary>();
  for (const block of report.failover) last.set(block.peer, block);
  const failover = [...last.values()];
  const roles = new Set(failover.map((f) => f.role));
  const role = roles.size === 0 ? null : roles.size === 1 ? [...roles][0]! : 'mixed';
  return {
    file: report.file,
    verdict: report.verdict,
    clean: report.verdict === 'clean',
    problems: report.problems.length,
    failover,
    role,
    advice:
      failover.length === 0
        ? null
        : `ISC: restart the secondary first when pool ranges changed; restart the other server only once this one is ready (this server is the ${role === 'mixed' ? 'primary for some peers and secondary for others' : role})`,
  };
}

/** Checks the lease file and turns the result into the `leases` part of the verdict. */
export async function checkLeasesForReady(
  path: string,
  checker: LeaseChecker,
  now?: Date,
): Promise<LeaseFileReadiness> {
  return leaseFileReadiness(await checker(path, { now, maxProblems: 10 }));
}

/** The reason the lease file keeps the server from being ready, or null. */
export function leaseFileReason(leases: LeaseFileReadiness): string | null {
  if (leases.clean) return null;
  return `lease file ${leases.file}: ${leases.verdict} (${leases.problems} problem(s)); run leasecheck check ${leases.file}`;
}
