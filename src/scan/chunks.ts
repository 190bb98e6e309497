import { closeSync, fstatSync, readSync } from 'node:fs';
import { describeIoError } from '../errors.js';
import { openLeaseFile, type FileStamp, type SharedFile } from './open-file.js';

/** A part of a file: from `start` (inclusive) to `end` (exclusive), in bytes. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * A range whose end may move on while it is read: at its end, `extend` gives
 * a new end, or null when the range ends there. (A parallel check hands out
 * blocks of the file on demand, and the thread that takes the next block
 * reads on through it as if it were one range.)
 */
export interface GrowingRange extends ByteRange {
  extend?: () => number | null;
}

/** How much a reader reads at once, unless told otherwise. */
export const DEFAULT_CHUNK_SIZE = 2 * 1024 * 1024;

/**
 * Reads a file forwards in fixed-size chunks of bytes.
 */
export class ChunkReader {
  private readonly fd: number;
  /** Whether this reader opened the file (and closes it), or was lent it. */
  private readonly owned: boolean;
  private readonly buffer: Buffer;
  /** Byte offset of the next byte to read. */
  position: number;
  /** Reading stops here: the file's size when it was opened, or the end of the range. */
  end: number;
  readonly statAtOpen: FileStamp;
  private readonly extend: (() => number | null) | undefined;

  /**
   * Reads `[range.start, range.end)` of the file (growing with `range.extend`),
   * or all of it, into `buffer` when given (one reader after another may
   * share it), else into a buffer of `chunkSize` bytes. The file is `shared`
   * when given (already open), else opened by its path.
   */
  constructor(
    readonly path: string,
    chunkSize = DEFAULT_CHUNK_SIZE,
    range?: GrowingRange,
    buffer?: Buffer,
    shared?: SharedFile,
  ) {
    const file = shared ?? openLeaseFile(path);
    this.fd = file.fd;
    this.owned = shared === undefined;
    this.statAtOpen = { size: file.size, mtimeMs: file.mtimeMs };
    this.buffer = buffer ?? Buffer.allocUnsafe(chunkSize);
    this.position = range?.start ?? 0;
    this.end = Math.min(range?.end ?? Infinity, this.statAtOpen.size);
    this.extend = range?.extend;
  }

  /**
   * The next chunk, or null at the end of the file as it was when opened: a
   * file that dhcpd appends to while it is read is read to that size, and the
   * caller notices the change (stat() differs) and reads it again. The bytes
   * are a view of the reader's buffer, valid until the next call.
   */
  next(): Buffer | null {
    if (this.position >= this.end && this.extend) {
      const end = this.extend();
      if (end !== null) this.end = Math.min(Math.max(end, this.end), this.statAtOpen.size);
    }
    const wanted = Math.min(this.buffer.length, this.end - this.position);
    if (wanted <= 0) return null;
    let bytes: number;
    try {
      bytes = readSync(this.fd, this.buffer, 0, wanted, this.position);
    } catch (error) {
      throw describeIoError(error, this.path);
    }
    if (bytes === 0) return null;
    this.position += bytes;
    return this.buffer.subarray(0, bytes);
  }

  /** Reads `length` bytes at `offset` without moving the stream position. */
  readAt(offset: number, length: number): string {
    const bytes = this.readBytesAt(offset, length);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  }

  /** readAt, as bytes. */
  readBytesAt(offset: number, length: number): Uint8Array {
    const buffer = Buffer.allocUnsafe(length);
    let bytes: number;
    try {
      bytes = readSync(this.fd, buffer, 0, length, offset);
    } catch (error) {
      throw describeIoError(error, this.path);
    }
    return buffer.subarray(0, bytes);
  }

  stat(): FileStamp {
    return fstatSync(this.fd);
  }

  close(): void {
    if (this.owned) closeSync(this.fd);
  }
}
