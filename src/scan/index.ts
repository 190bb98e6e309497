export { ScanBuffers, scanLeaseFile } from './scan.js';
export { declarationLineAfter } from './declaration-lines.js';
export type { ScanFailure, ScanHandlers, ScanSummary } from './scan.js';
export { openLeaseFile } from './chunks.js';
export type { ByteRange, GrowingRange, SharedFile } from './chunks.js';
export { lineOfOffset, linesFrom } from './line-of-offset.js';
export { withOpenFile } from './open-file.js';
