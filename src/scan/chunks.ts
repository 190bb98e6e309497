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

/**
 * Reads a file forwards, straight into the caller's buffer.
 */
export class ChunkReader {
  private readonly fd: number;
  /** Whether this reader opened the file (and closes it), or was lent it. */
  private readonly owned: boolean;
  /** Byte offset of the next byte to read. */
  position: number;
  /** Reading stops here: the file's size when it was opened, or the end of the range. */
  end: number;
  readonly statAtOpen: FileStamp;
  private readonly extend: (() => number | null) | undefined;

  /**
   * Reads `[range.start, range.end)` of the file (growing with `range.extend`),
   * or all of it. The file is `shared` when given (already open), else opened
   * by its path.
   */
  constructor(
    readonly path: string,
    range?: GrowingRange,
    shared?: SharedFile,
  ) {
    const file = shared ?? openLeaseFile(path);
    this.fd = file.fd;
    this.owned = shared === undefined;
    this.statAtOpen = { size: file.size, mtimeMs: file.mtimeMs };
    this.position = range?.start ?? 0;
    this.end = Math.min(range?.end ?? Infinity, this.statAtOpen.size);
    this.extend = range?.extend;
  }

  /**
   * Whether bytes are left to read (at the end of a growing range, it asks
   * `extend` for more first). The end is that of the file as it was when
   * opened: a file that dhcpd appends to while it is read is read to that
   * size, and the caller notices the change (stat() differs) and reads it
   * again.
   */
  hasMore(): boolean {
    if (this.position >= this.end && this.extend) {
      const end = this.extend();
      if (end !== null) this.end = Math.min(Math.max(end, this.end), this.statAtOpen.size);
    }
    return this.position < this.end;
  }

  /**
   * Reads up to `max` of the next bytes into `target` at `offset`: how many
   * were read, 0 at the end.
   */
  readInto(target: Uint8Array, offset: number, max: number): number {
    if (!this.hasMore()) return 0;
    const wanted = Math.min(max, this.end - this.position);
    let bytes: number;
    try {
      bytes = readSync(this.fd, target, offset, wanted, this.position);
    } catch (error) {
      throw describeIoError(error, this.path);
    }
    this.position += bytes;
    return bytes;
  }

  /** Reads `length` bytes at `offset` without moving the stream position. */
  readAt(offset: number, length: number): string {
    const bytes = this.readBytesAt(offset, length);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  }

  /** readAt, as bytes (into `scratch` when it is large enough; see ChunkSource). */
  readBytesAt(offset: number, length: number, scratch?: Uint8Array): Uint8Array {
    const buffer =
      scratch !== undefined && scratch.length >= length ? scratch : Buffer.allocUnsafe(length);
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
