import { signedLeb, signedLeb64, unsignedLeb } from './encoder.js';

/**
 * Writes one function's instructions. Structured control flow takes named
 * labels: `br('X')` is encoded with the depth of the enclosing block or
 * loop named X at that point, so the rule emitter can mirror the JS
 * emitter's labelled blocks and `break X` one for one.
 */
export class FunctionBuilder {
  readonly code: number[] = [];
  /** Enclosing blocks, loops and ifs, innermost last (an `if` has no name). */
  private readonly labels: (string | null)[] = [];
  private locals: number;

  constructor(readonly params: number) {
    this.locals = params;
  }

  /** A new i32 local (initialised to 0, as every wasm local). */
  local(): number {
    return this.locals++;
  }

  /** Locals beyond the parameters. */
  get extraLocals(): number {
    return this.locals - this.params;
  }

  private emit(...bytes: number[]): this {
    for (const b of bytes) this.code.push(b);
    return this;
  }

  private depth(label: string): number {
    const at = this.labels.lastIndexOf(label);
    if (at < 0) throw new Error(`no enclosing label ${label}`);
    return this.labels.length - 1 - at;
  }

  block(label: string, body: () => void): this {
    this.emit(0x02, 0x40);
    this.labels.push(label);
    body();
    this.labels.pop();
    return this.emit(0x0b);
  }

  loop(label: string, body: () => void): this {
    this.emit(0x03, 0x40);
    this.labels.push(label);
    body();
    this.labels.pop();
    return this.emit(0x0b);
  }

  /** `if` on the i32 on the stack, with an optional `else`. */
  if(then: () => void, otherwise?: () => void): this {
    this.emit(0x04, 0x40);
    this.labels.push(null);
    then();
    if (otherwise) {
      this.emit(0x05);
      otherwise();
    }
    this.labels.pop();
    return this.emit(0x0b);
  }

  br(label: string): this {
    return this.emit(0x0c, ...unsignedLeb(this.depth(label)));
  }

  brIf(label: string): this {
    return this.emit(0x0d, ...unsignedLeb(this.depth(label)));
  }

  /** br_table: the i32 on the stack picks a label, past the end the default. */
  brTable(targets: readonly string[], otherwise: string): this {
    return this.emit(
      0x0e,
      ...unsignedLeb(targets.length),
      ...targets.flatMap((t) => unsignedLeb(this.depth(t))),
      ...unsignedLeb(this.depth(otherwise)),
    );
  }

  return(): this {
    return this.emit(0x0f);
  }

  call(index: number): this {
    return this.emit(0x10, ...unsignedLeb(index));
  }

  drop(): this {
    return this.emit(0x1a);
  }

  get(local: number): this {
    return this.emit(0x20, ...unsignedLeb(local));
  }

  set(local: number): this {
    return this.emit(0x21, ...unsignedLeb(local));
  }

  tee(local: number): this {
    return this.emit(0x22, ...unsignedLeb(local));
  }

  globalGet(global: number): this {
    return this.emit(0x23, ...unsignedLeb(global));
  }

  globalSet(global: number): this {
    return this.emit(0x24, ...unsignedLeb(global));
  }

  /** i32.load (alignment 4) at the address on the stack plus `offset`. */
  load(offset = 0): this {
    return this.emit(0x28, 2, ...unsignedLeb(offset));
  }

  load8u(offset = 0): this {
    return this.emit(0x2d, 0, ...unsignedLeb(offset));
  }

  load16u(offset = 0): this {
    return this.emit(0x2f, 1, ...unsignedLeb(offset));
  }

  /** i32.load of two codes (alignment 2: codes are u16, so any even address). */
  load2Codes(offset = 0): this {
    return this.emit(0x28, 1, ...unsignedLeb(offset));
  }

  /** i64.load of four codes (alignment 2, as load2Codes). */
  load4Codes(offset = 0): this {
    return this.emit(0x29, 1, ...unsignedLeb(offset));
  }

  const64(value: bigint): this {
    return this.emit(0x42, ...signedLeb64(value));
  }

  ne64(): this {
    return this.emit(0x52);
  }

  /** i32.store (alignment 4): address, then value, on the stack. */
  store(offset = 0): this {
    return this.emit(0x36, 2, ...unsignedLeb(offset));
  }

  const(value: number): this {
    return this.emit(0x41, ...signedLeb(value));
  }

  eqz(): this {
    return this.emit(0x45);
  }
  eq(): this {
    return this.emit(0x46);
  }
  ne(): this {
    return this.emit(0x47);
  }
  ltS(): this {
    return this.emit(0x48);
  }
  gtS(): this {
    return this.emit(0x4a);
  }
  gtU(): this {
    return this.emit(0x4b);
  }
  leS(): this {
    return this.emit(0x4c);
  }
  geS(): this {
    return this.emit(0x4e);
  }
  ltU(): this {
    return this.emit(0x49);
  }
  geU(): this {
    return this.emit(0x4f);
  }
  add(): this {
    return this.emit(0x6a);
  }
  mul(): this {
    return this.emit(0x6c);
  }
  or(): this {
    return this.emit(0x72);
  }
  sub(): this {
    return this.emit(0x6b);
  }
  shl(): this {
    return this.emit(0x74);
  }

  shrU(): this {
    return this.emit(0x76);
  }

  and(): this {
    return this.emit(0x71);
  }
}
