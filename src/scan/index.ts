export { scanLeaseFile } from './scan.js';
export type { ScanFailure, ScanHandlers, ScanSummary } from './scan.js';
