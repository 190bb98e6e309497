/**
 * The blocks of a file shared out between two threads: one takes them from
 * the front, the other from the back, until they meet. Each thread's blocks
 * are then one stretch of the file, and the thread that runs faster (the one
 * that started first, or was given the other core more often) takes more.
 *
 * Both ends live in one 32-bit word of shared memory, changed with
 * compare-and-swap, so that a block is never taken twice: the front in the
 * low 16 bits (the next block the front thread takes) and the back in the
 * high 16 bits (one past the next block the back thread takes).
 */

/** At most this many blocks: the back end must fit in 15 bits. */
export const MAX_BLOCKS = 0x7fff;

export class BlockClaims {
  private readonly state: Int32Array;

  /** Claims over the shared `buffer` (4 bytes) made by `BlockClaims.create`. */
  constructor(readonly buffer: SharedArrayBuffer) {
    this.state = new Int32Array(buffer, 0, 1);
  }

  /** `blockCount` blocks, none taken yet. */
  static create(blockCount: number): BlockClaims {
    if (!Number.isInteger(blockCount) || blockCount < 0 || blockCount > MAX_BLOCKS) {
      throw new RangeError(`block count ${blockCount} is not in 0..${MAX_BLOCKS}`);
    }
    const claims = new BlockClaims(new SharedArrayBuffer(4));
    Atomics.store(claims.state, 0, blockCount << 16);
    return claims;
  }

  /** Takes the first block nobody has taken: its index, or -1 when none is left. */
  fromFront(): number {
    return this.take(true);
  }

  /** Takes the last block nobody has taken: its index, or -1 when none is left. */
  fromBack(): number {
    return this.take(false);
  }

  private take(front: boolean): number {
    for (;;) {
      const seen = Atomics.load(this.state, 0);
      const next = seen & 0xffff;
      const end = seen >>> 16;
      if (next >= end) return -1;
      const taken = front ? (end << 16) | (next + 1) : ((end - 1) << 16) | next;
      if (Atomics.compareExchange(this.state, 0, seen, taken) === seen) {
        return front ? next : end - 1;
      }
    }
  }
}
