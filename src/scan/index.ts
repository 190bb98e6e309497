export { declarationLineAfter, scanLeaseFile } from './scan.js';
export type { ScanFailure, ScanHandlers, ScanSummary } from './scan.js';
export type { ByteRange } from './chunks.js';
