// leasecheck's prediction of dhcpd's `Wrote N leases to leases file.` for a
// whole v4 file, composed from leasecheck's own parts: the scanner's
// declarations, the effective (last) declaration per address, dhcpd.conf's
// ranges, and the start-up model of src/model/dhcpd-keeps.ts. Loaded lazily:
// some parts are still being written.
import type { CheckReport } from '../../src/check/types.js';
import type { Declaration } from '../../src/model/types.js';
import type { KeepsInput, RangeLookup, WrittenPrediction } from '../../src/model/dhcpd-keeps.js';
import { importOptional } from '../harness/index.js';

export type PredictWrote = (
  leasePath: string,
  confText: string,
  report: CheckReport,
  now: Date,
) => Promise<number>;

type ScanLeaseFile = (
  path: string,
  options: { onDeclaration?(d: Declaration): void },
) => Promise<unknown>;
type PlanFromText = (text: string, path: string) => unknown;
type AddressInRanges = (
  plan: unknown,
  address: string,
) => { pool: { failoverPeer: { name: string } | null } } | null;

/** The predictor, or the parts of leasecheck it still lacks. */
export async function loadPredictWrote(): Promise<PredictWrote | string[]> {
  const [scan, keeps, load, queries] = await Promise.all([
    importOptional('src/scan/index.js'),
    importOptional('src/model/dhcpd-keeps.js'),
    importOptional('src/conf/load.js'),
    importOptional('src/conf/queries.js'),
  ]);
  const scanLeaseFile = scan?.scanLeaseFile as ScanLeaseFile | undefined;
  const predictWrittenLeases = keeps?.predictWrittenLeases as
    ((e: Iterable<KeepsInput>, now: Date, r?: RangeLookup) => WrittenPrediction) | undefined;
  const effectiveLeases = keeps?.effectiveLeases as
    ((d: Iterable<Declaration>) => Map<string, Declaration>) | undefined;
  const planFromText = load?.planFromText as PlanFromText | undefined;
  const addressInRanges = queries?.addressInRanges as AddressInRanges | undefined;
  const missing = [
    scanLeaseFile ? null : 'scanLeaseFile (src/scan/index.ts)',
    predictWrittenLeases && effectiveLeases
      ? null
      : 'predictWrittenLeases (src/model/dhcpd-keeps.ts)',
    planFromText && addressInRanges ? null : 'planFromText/addressInRanges (src/conf)',
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) return missing;

  return async (leasePath, confText, report, now) => {
    const declarations: Declaration[] = [];
    await scanLeaseFile!(leasePath, { onDeclaration: (d) => declarations.push(d) });
    const plan = planFromText!(confText, 'dhcpd.conf');
    // The file's failover state block says this server's role and state at start-up.
    const failover = report.failover[0];
    const ranges: RangeLookup = (address) => {
      const match = addressInRanges!(plan, address);
      if (match === null) return false;
      if (match.pool.failoverPeer === null || failover === undefined) return true;
      return { failover: { role: failover.role, myState: failover.myState } };
    };
    return predictWrittenLeases!(effectiveLeases!(declarations).values(), now, ranges).written;
  };
}
