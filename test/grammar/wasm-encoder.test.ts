import { describe, expect, it } from 'vitest';
import { compileGrammarToWasm } from '../../src/grammar/compile/index.js';
import {
  encodeFunctionBody,
  encodeFunctionType,
  encodeSection,
  encodeVector,
  MODULE_HEADER,
  SECTION,
  signedLeb,
  unsignedLeb,
} from '../../src/grammar/compile/wasm/encoder.js';
import { FunctionBuilder } from '../../src/grammar/compile/wasm/function-builder.js';
import { confRecogniserOptions } from '../../src/grammar/conf-recogniser-options.js';
import { leaseRecogniserOptions } from '../../src/grammar/lease-recogniser-options.js';
import { leaseGrammar } from '../../src/grammar/load.js';
import { confGrammar } from '../../src/conf/grammar.js';

const wasmApi = (globalThis as unknown as {
  WebAssembly: {
    validate(bytes: Uint8Array): boolean;
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: object) => { exports: Record<string, (...args: number[]) => number> };
  };
}).WebAssembly;

/** A module of one exported function `f` of `params` i32 parameters returning an i32. */
function oneFunction(params: number, body: (f: FunctionBuilder) => void): Uint8Array {
  const f = new FunctionBuilder(params);
  body(f);
  return Uint8Array.from([
    ...MODULE_HEADER,
    ...encodeSection(SECTION.type, encodeVector([encodeFunctionType(params, 1)])),
    ...encodeSection(SECTION.function, encodeVector([[0]])),
    ...encodeSection(SECTION.export, encodeVector([[1, 0x66, 0x00, 0]])),
    ...encodeSection(SECTION.code, encodeVector([encodeFunctionBody(f.extraLocals, f.code)])),
  ]);
}

function run(bytes: Uint8Array, ...args: number[]): number {
  const instance = new wasmApi.Instance(new wasmApi.Module(bytes), {});
  return instance.exports.f!(...args);
}

describe('the WebAssembly encoder', () => {
  it('writes unsigned LEB128 as the spec does (7 bits a byte, low first, continuation bit)', () => {
    expect(unsignedLeb(0)).toEqual([0x00]);
    expect(unsignedLeb(127)).toEqual([0x7f]);
    expect(unsignedLeb(128)).toEqual([0x80, 0x01]);
    expect(unsignedLeb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(unsignedLeb(0xffffffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(() => unsignedLeb(-1)).toThrow(/out of range/);
    expect(() => unsignedLeb(2 ** 32)).toThrow(/out of range/);
  });

  it('writes signed LEB128 with the sign in bit 6 of the last byte', () => {
    expect(signedLeb(0)).toEqual([0x00]);
    expect(signedLeb(63)).toEqual([0x3f]);
    // 64 needs a second byte: bit 6 set alone would read as negative.
    expect(signedLeb(64)).toEqual([0xc0, 0x00]);
    expect(signedLeb(-1)).toEqual([0x7f]);
    expect(signedLeb(-64)).toEqual([0x40]);
    expect(signedLeb(-65)).toEqual([0xbf, 0x7f]);
    expect(signedLeb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(signedLeb(0x7fffffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x07]);
    expect(signedLeb(-0x80000000)).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
    expect(() => signedLeb(2 ** 31)).toThrow(/out of range/);
  });

  it('encodes i32 constants that a real engine reads back, at every LEB128 length boundary', () => {
    for (const value of [0, 1, -1, 63, 64, -64, -65, 8191, 8192, -8192, -8193, 2 ** 20, -(2 ** 27), 2 ** 31 - 1, -(2 ** 31)]) {
      const bytes = oneFunction(0, (f) => f.const(value));
      expect(wasmApi.validate(bytes)).toBe(true);
      expect(run(bytes)).toBe(value);
    }
  });

  it('resolves named labels to branch depths (a loop summing 1..n, an early return from inside blocks)', () => {
    const sum = oneFunction(1, (f) => {
      const total = f.local();
      f.block('out', () => {
        f.loop('again', () => {
          f.get(0).eqz().brIf('out');
          f.get(total).get(0).add().set(total);
          f.get(0).const(1).sub().set(0);
          f.block('inner', () => {
            f.get(0).const(1000).gtS().if(() => {
              f.const(-1).return();
            });
            f.br('again');
          });
        });
      });
      f.get(total);
    });
    expect(wasmApi.validate(sum)).toBe(true);
    expect(run(sum, 10)).toBe(55);
    expect(run(sum, 2000)).toBe(-1);
  });

  it('refuses a branch to a label that does not enclose it', () => {
    const f = new FunctionBuilder(0);
    expect(() => f.block('a', () => undefined).br('a')).toThrow(/no enclosing label a/);
  });

  it('emits modules WebAssembly.validate accepts, for the lease grammar and the conf grammar', () => {
    for (const [grammar, options] of [
      [leaseGrammar(), leaseRecogniserOptions],
      [confGrammar(), confRecogniserOptions],
    ] as const) {
      const result = compileGrammarToWasm(grammar, options);
      expect('errors' in result ? result.errors : []).toEqual([]);
      if ('bytes' in result) expect(wasmApi.validate(result.bytes)).toBe(true);
    }
  });
});
