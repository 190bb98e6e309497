/**
 * `leasecheck pair`: compares two failover peers' dhcpd.conf files. The
 * failover blocks must mirror each other; everything else that describes
 * the address plan must be identical in meaning.
 */
import { loadDhcpdConf } from '../conf/load.js';
import type { AddressPlan } from '../conf/types.js';
import { compareDeclarations } from './declarations.js';
import { compareFailover, type SideNames } from './failover.js';
import { compareNetworks } from './network.js';
import { ParameterComparer } from './parameters.js';
import type { PairFinding, PairReport } from './types.js';

export type { PairArea, PairFinding, PairReport, PairSide } from './types.js';

/** ISC's advice for changed failover ranges (KB "failover pool changes"), stated as a fact about this pair. */
export const restartAdvice =
  "The address ranges differ. ISC's advice when failover ranges are extended or removed: restart the secondary first, then the primary; " +
  'errors will be logged until both peers run the new configuration.';

/** The one role every failover peer of a file has, or null (none, or both). */
function roleOf(plan: AddressPlan): 'primary' | 'secondary' | null {
  const roles = new Set(plan.failoverPeers.map((p) => p.role));
  return roles.size === 1 ? [...roles][0]! : null;
}

/**
 * Compares two peers' plans, the primary's first. Given the other way
 * round (the files' roles tell), they are compared and labelled by role.
 */
export function comparePlans(first: AddressPlan, second: AddressPlan): PairReport {
  const [a, b] = [roleOf(first), roleOf(second)];
  const byRole = a !== null && b !== null && a !== b;
  const swapped = byRole && a === 'secondary';
  const report = compareOrdered(
    swapped ? second : first,
    swapped ? first : second,
    byRole ? ["primary's", "secondary's"] : ["first file's", "second file's"],
  );
  return { ...report, byRole, swapped };
}

function compareOrdered(
  primary: AddressPlan,
  secondary: AddressPlan,
  names: SideNames,
): Omit<PairReport, 'byRole' | 'swapped'> {
  const parameters = new ParameterComparer();
  const findings: PairFinding[] = [
    ...compareFailover(primary, secondary, names),
    ...compareNetworks(primary, secondary, parameters),
    ...compareDeclarations(primary, secondary, parameters),
  ];
  const rangesDiffer = findings.some(
    (f) => f.code === 'pool-ranges' || f.code === 'pool-missing' || f.code === 'subnet-missing',
  );
  return {
    primaryFile: primary.files[0]!,
    secondaryFile: secondary.files[0]!,
    identical: findings.length === 0,
    rangesDiffer,
    findings,
    advice: rangesDiffer ? [restartAdvice] : [],
  };
}

/** Loads both files (throwing LeasecheckError, exit 8, when either cannot be read) and compares them. */
export async function pairConfigs(primaryPath: string, secondaryPath: string): Promise<PairReport> {
  const [primary, secondary] = await Promise.all([
    loadDhcpdConf(primaryPath),
    loadDhcpdConf(secondaryPath),
  ]);
  return comparePlans(primary, secondary);
}
