import { CODE_PADDING, END_CODE } from '../grammar/generated/lease-recogniser.js';

/**
 * The part of the file the scanner holds, in the forms it needs: the
 * character codes the recogniser reads (followed by the end sentinel), and
 * the same bytes as a flat latin1 string, from which the model reads the
 * values of the grammar's events. Offsets in both are the same
 * window-relative byte offsets.
 */
export class ScanWindow {
  private bytes: Buffer = Buffer.alloc(0);
  text = '';
  codes: Uint16Array = new Uint16Array(CODE_PADDING).fill(END_CODE);

  get length(): number {
    return this.bytes.length;
  }

  /** Drops what lies before `keepFrom` and appends `pieces` (copied). */
  replace(keepFrom: number, pieces: readonly Uint8Array[]): void {
    const kept = this.bytes.length - keepFrom;
    let added = 0;
    for (const piece of pieces) added += piece.length;
    const bytes = Buffer.allocUnsafe(kept + added);
    this.bytes.copy(bytes, 0, keepFrom);
    let at = kept;
    for (const piece of pieces) {
      bytes.set(piece, at);
      at += piece.length;
    }
    const codes = new Uint16Array(bytes.length + CODE_PADDING);
    codes.set(bytes);
    codes.fill(END_CODE, bytes.length);
    this.bytes = bytes;
    this.codes = codes;
    // Made from one buffer, the string is flat: reading its characters is
    // direct, where a concatenation would be read through indirections.
    this.text = bytes.toString('latin1');
  }
}
