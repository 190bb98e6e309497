/**
 * The WebAssembly binary format, as much of it as the recogniser needs:
 * LEB128 numbers, names, vectors and sections (spec 5.1-5.5). A module is
 * assembled from byte arrays by emit-wasm-module.ts; instructions are
 * written by FunctionBuilder (function-builder.ts).
 */

/** Unsigned LEB128: 7 bits a byte, low bits first, the high bit set on every byte but the last. */
export function unsignedLeb(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new Error(`unsigned LEB128 out of range: ${value}`);
  }
  const out: number[] = [];
  let v = value;
  do {
    let byte = v % 128;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a 64-bit integer (an i64.const's immediate), read as two's complement. */
export function signedLeb64(value: bigint): number[] {
  if (value < -(1n << 63n) || value >= 1n << 64n) {
    throw new Error(`signed LEB128 out of range: ${value}`);
  }
  const out: number[] = [];
  let v = BigInt.asIntN(64, value);
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const signBit = (byte & 0x40) !== 0;
    if ((v === 0n && !signBit) || (v === -1n && signBit)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** Signed LEB128 of a 32-bit integer: ends when the rest is all sign bits and the last byte's bit 6 agrees. */
export function signedLeb(value: number): number[] {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
    throw new Error(`signed LEB128 out of range: ${value}`);
  }
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const signBit = (byte & 0x40) !== 0;
    if ((v === 0 && !signBit) || (v === -1 && signBit)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** A name: its UTF-8 length, then its bytes. */
export function encodeName(name: string): number[] {
  const bytes = [...Buffer.from(name, 'utf8')];
  return [...unsignedLeb(bytes.length), ...bytes];
}

/** A vector: the count, then the items' bytes. */
export function encodeVector(items: readonly number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

/** A section: its id, its size, its contents. */
export function encodeSection(id: number, contents: readonly number[]): number[] {
  return [id, ...unsignedLeb(contents.length), ...contents];
}

export const SECTION = {
  type: 1,
  import: 2,
  function: 3,
  memory: 5,
  global: 6,
  export: 7,
  code: 10,
  data: 11,
} as const;

export const I32 = 0x7f;
export const FUNC_TYPE = 0x60;

/** Module header: magic `\0asm`, version 1. */
export const MODULE_HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** A function type of i32 parameters and at most one i32 result. */
export function encodeFunctionType(params: number, results: 0 | 1): number[] {
  return [FUNC_TYPE, ...unsignedLeb(params), ...Array<number>(params).fill(I32), ...unsignedLeb(results), ...Array<number>(results).fill(I32)];
}

/** A function body: its i32 locals (beyond the parameters) in one group, its code, `end`. */
export function encodeFunctionBody(extraLocals: number, code: readonly number[]): number[] {
  const locals = extraLocals > 0 ? [1, ...unsignedLeb(extraLocals), I32] : [0];
  const body = [...locals, ...code, 0x0b];
  return [...unsignedLeb(body.length), ...body];
}

/** A mutable i32 global with its initial value. */
export function encodeMutableGlobal(initial: number): number[] {
  return [I32, 0x01, 0x41, ...signedLeb(initial), 0x0b];
}

/** An active data segment of memory 0 at a constant offset. */
export function encodeDataSegment(offset: number, bytes: readonly number[]): number[] {
  return [0x00, 0x41, ...signedLeb(offset), 0x0b, ...unsignedLeb(bytes.length), ...bytes];
}

export const EXPORT_KIND = { func: 0x00, memory: 0x02, global: 0x03 } as const;

export function encodeExport(name: string, kind: number, index: number): number[] {
  return [...encodeName(name), kind, ...unsignedLeb(index)];
}
