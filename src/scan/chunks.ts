import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { describeIoError, LeasecheckError } from '../errors.js';

/**
 * Reads a file forwards in fixed-size chunks, decoded as latin1 so that one
 * character is one byte and string offsets are byte offsets.
 */
export class ChunkReader {
  private readonly fd: number;
  private readonly buffer: Buffer;
  /** Byte offset of the next byte to read. */
  position = 0;
  readonly statAtOpen: Stats;

  constructor(
    readonly path: string,
    chunkSize = 2 * 1024 * 1024,
  ) {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      throw describeIoError(error, path);
    }
    this.fd = fd;
    this.statAtOpen = fstatSync(fd);
    if (this.statAtOpen.isDirectory()) {
      closeSync(fd);
      throw new LeasecheckError(`${path}: is a directory, not a lease file`);
    }
    if (!this.statAtOpen.isFile()) {
      closeSync(fd);
      throw new LeasecheckError(`${path}: not a regular file`);
    }
    this.buffer = Buffer.allocUnsafe(chunkSize);
  }

  /**
   * The next chunk, or null at the end of the file as it was when opened: a
   * file that dhcpd appends to while it is read is read to that size, and the
   * caller notices the change (stat() differs) and reads it again.
   */
  next(): string | null {
    const wanted = Math.min(this.buffer.length, this.statAtOpen.size - this.position);
    if (wanted <= 0) return null;
    let bytes: number;
    try {
      bytes = readSync(this.fd, this.buffer, 0, wanted, this.position);
    } catch (error) {
      throw describeIoError(error, this.path);
    }
    if (bytes === 0) return null;
    this.position += bytes;
    return this.buffer.toString('latin1', 0, bytes);
  }

  /** Reads `length` bytes at `offset` without moving the stream position. */
  readAt(offset: number, length: number): string {
    const buffer = Buffer.allocUnsafe(length);
    const bytes = readSync(this.fd, buffer, 0, length, offset);
    return buffer.toString('latin1', 0, bytes);
  }

  stat(): Stats {
    return fstatSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}
