// leasecheck's prediction of dhcpd's `Wrote N leases to leases file.` for a
// v4 file: exactly what `leasecheck check FILE --config dhcpd.conf --now TIME`
// reports (report.config.wrote), so that the differential test holds the
// command users run against the real dhcpd -T.
import { checkLeaseFile } from '../../src/check/index.js';
import type { CheckReport } from '../../src/check/types.js';
import { planFromText } from '../../src/conf/index.js';

export type PredictWrote = (
  leasePath: string,
  confText: string,
  report: CheckReport,
  now: Date,
) => Promise<number>;

/** The predictor (kept as a loader so the differential test's shape stays the same). */
export async function loadPredictWrote(): Promise<PredictWrote | string[]> {
  return async (leasePath, confText, _report, now) => {
    const plan = planFromText(confText, 'dhcpd.conf');
    const report = await checkLeaseFile(leasePath, { now, config: { file: 'dhcpd.conf', plan } });
    if (!report.config) throw new Error('check --config produced no prediction');
    return report.config.wrote.written;
  };
}
