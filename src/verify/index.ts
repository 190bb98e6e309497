/**
 * `leasecheck verify`: a lease file against dhcpd's "Wrote N leases" lines.
 *
 * ```ts
 * import { verifyLeaseFile } from './verify/index.js';
 * const report = await verifyLeaseFile('/var/lib/dhcp/dhcpd.leases', { logs: ['/var/log/syslog'] });
 * if (!report.consistent) for (const f of report.findings) console.log(f.message);
 * ```
 */
export { verifyLeaseFile, type VerifyOptions } from './verify.js';
export type { VerifyConfig } from './config.js';
export {
  scanSnapshot,
  type SnapshotScan,
  type SnapshotCaps,
  type Family,
} from './snapshot-scan.js';
export type * from './types.js';
