export {
  MAX_HELD_DECLARATION,
  ScanBuffers,
  addEachLease,
  scanLeaseBytes,
  scanLeaseFile,
} from './scan.js';
export { declarationLineAfter } from './declaration-lines.js';
export type { LeaseSink, ScanFailure, ScanHandlers, ScanSummary } from './scan.js';
export type { ByteRange, GrowingRange } from './chunks.js';
export { lineOfOffset, linesFrom } from './line-of-offset.js';
export { openLeaseFile, withOpenFile, type SharedFile } from './open-file.js';
