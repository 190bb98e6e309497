export { scanLeaseFile } from './scan.js';
export { declarationLineAfter } from './declaration-lines.js';
export type { ScanFailure, ScanHandlers, ScanSummary } from './scan.js';
export type { ByteRange } from './chunks.js';
export { lineOfOffset } from './line-of-offset.js';
export { withOpenFile } from './open-file.js';
