import type { CheckReport, FailoverSummary } from '../check/types.js';
import type { LoadedConfig } from '../conf/index.js';
import type { ConfiguredPeers, LeaseChecker, LeaseFileReadiness } from './types.js';

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
    ...(report.config
      ? { config: { file: report.config.file, findings: report.config.findings } }
      : {}),
  };
}

/** Checks the lease file and turns the result into the `leases` part of the verdict. */
export async function checkLeasesForReady(
  path: string,
  checker: LeaseChecker,
  now?: Date,
  config?: LoadedConfig,
): Promise<LeaseFileReadiness> {
  return leaseFileReadiness(
    await checker(path, { now, maxProblems: 10, ...(config ? { config } : {}) }),
  );
}

/** Findings listed one by one in the warnings; the rest are counted (all are in `leases.config`). */
const listed = 20;

/**
 * Warnings from `--config` about the lease file: what dhcpd would drop or
 * warn about when it next reads it, and failover roles that disagree with
 * the configuration. They do not make the server unready: it is already
 * running with what it read; they matter at its next start.
 */
export function leaseFileConfigWarnings(
  leases: LeaseFileReadiness,
  configured: ConfiguredPeers | undefined,
): string[] {
  const warnings: string[] = [];
  const findings = leases.config?.findings ?? [];
  for (const f of findings.slice(0, listed)) {
    warnings.push(
      `lease file ${leases.file} line ${f.line}: ${f.message} (${leases.config!.file})`,
    );
  }
  if (findings.length > listed) {
    warnings.push(
      `lease file ${leases.file}: ${findings.length - listed} more finding(s) under ${leases.config!.file}, listed in --json`,
    );
  }
  for (const block of leases.failover) {
    const peer = configured?.peers.find((p) => p.name === block.peer);
    if (peer && peer.role !== block.role) {
      warnings.push(
        `failover peer "${block.peer}": ${configured!.file} makes this server the ${peer.role}, but its lease file was written by the ${block.role} (line ${block.line}${block.role === 'secondary' ? ', it has mclt' : ', it has no mclt'}): is this the other server's file?`,
      );
    }
  }
  return warnings;
}

/** The reason the lease file keeps the server from being ready, or null. */
export function leaseFileReason(leases: LeaseFileReadiness): string | null {
  if (leases.clean) return null;
  return `lease file ${leases.file}: ${leases.verdict} (${leases.problems} problem(s)); run leasecheck check ${leases.file}`;
}
