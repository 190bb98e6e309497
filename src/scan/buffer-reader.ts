import type { FileStamp } from './open-file.js';

/**
 * What the scanner reads from: a file (ChunkReader) or bytes already in
 * memory (BufferReader). Both read forwards into the scanner's window and
 * can read any part again for messages.
 */
export interface ChunkSource {
  /** Byte offset of the next byte to read. */
  position: number;
  /** Reading stops here. */
  end: number;
  readonly statAtOpen: FileStamp;
  hasMore(): boolean;
  readInto(target: Uint8Array, offset: number, max: number): number;
  readAt(offset: number, length: number): string;
  /**
   * `length` bytes at `offset`, without moving the stream position; into
   * `scratch` when given and large enough (the caller is done with them
   * before its next read: no fresh buffer to fault in and collect per read).
   */
  readBytesAt(offset: number, length: number, scratch?: Uint8Array): Uint8Array;
  stat(): FileStamp;
  close(): void;
}

/**
 * A lease file's bytes held in memory (a Buffer a caller read, or a string
 * taken as latin1): scanned exactly as the file would be. It cannot change
 * while it is read.
 */
export class BufferReader implements ChunkSource {
  position = 0;
  readonly end: number;
  readonly statAtOpen: FileStamp;

  constructor(private readonly bytes: Uint8Array) {
    this.end = bytes.length;
    this.statAtOpen = { size: bytes.length, mtimeMs: 0 };
  }

  hasMore(): boolean {
    return this.position < this.end;
  }

  readInto(target: Uint8Array, offset: number, max: number): number {
    const count = Math.min(max, this.end - this.position);
    if (count <= 0) return 0;
    target.set(this.bytes.subarray(this.position, this.position + count), offset);
    this.position += count;
    return count;
  }

  readAt(offset: number, length: number): string {
    return Buffer.from(this.readBytesAt(offset, length)).toString('latin1');
  }

  readBytesAt(offset: number, length: number): Uint8Array {
    return this.bytes.subarray(offset, Math.min(this.end, offset + length));
  }

  stat(): FileStamp {
    return this.statAtOpen;
  }

  close(): void {}
}
