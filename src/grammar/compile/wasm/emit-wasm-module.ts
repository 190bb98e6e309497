import {
  encodeDataSegment,
  encodeExport,
  encodeFunctionBody,
  encodeFunctionType,
  encodeMutableGlobal,
  encodeName,
  encodeSection,
  encodeVector,
  EXPORT_KIND,
  MODULE_HEADER,
  SECTION,
  unsignedLeb,
} from './encoder.js';
import type { EmittedWasmRules } from './emit-wasm-rules.js';
import { FunctionBuilder } from './function-builder.js';
import {
  codeAt,
  FIRST_RULE,
  FN,
  G,
  GLOBAL_COUNT,
  MASK_BITS,
  STATE,
  TABLES_BASE,
  TYPE,
} from './layout.js';

/**
 * Pass: the WebAssembly module around the rule functions (emit-wasm-rules.ts):
 * the helpers they call (the JavaScript runtime's dfail, tend and the
 * generated `sk`; its rfail, fail and push the rule functions write out
 * where they fail or end), the entry points `run` and `skip`, the globals,
 * the memory with the tables and terminals as data, the exports.
 */

/** fail(p): F = max(F, p). */
function failHelper(): FunctionBuilder {
  const f = new FunctionBuilder(1);
  f.get(0)
    .globalGet(G.F)
    .gtS()
    .if(() => {
      f.get(0).globalSet(G.F);
    });
  return f;
}

/**
 * tfail(p, terminal, length): a terminal failed at p. F = max(F, p); when
 * the terminal reaches past the end, H if the input ends inside a possible
 * match (the JavaScript runtime's `tend`).
 */
function terminalFailure(): FunctionBuilder {
  const [p, t, len] = [0, 1, 2];
  const f = new FunctionBuilder(3);
  const i = f.local();
  const adj = f.local();
  f.globalGet(G.ADJ).set(adj);
  f.get(p).call(FN.fail);
  f.get(p)
    .get(len)
    .add()
    .globalGet(G.N)
    .leS()
    .if(() => {
      f.return();
    });
  const q = f.local();
  f.block('done', () => {
    f.loop('next', () => {
      f.get(p).get(i).add().tee(q).globalGet(G.N).geS().brIf('done');
      codeAt(f, q, adj);
      f.get(t).get(i).add().load8u().ne();
      f.if(() => {
        f.return();
      });
      f.get(i).const(1).add().set(i);
      f.br('next');
    });
  });
  f.const(1).globalSet(G.H);
  return f;
}

/** Ohm's implicit `spaces` before applications and terminals in syntactic rules; its failures do not count. */
function skipSpaces(rules: EmittedWasmRules): FunctionBuilder {
  const f = new FunctionBuilder(1);
  const p = 0;
  const saved = f.local();
  const adj = f.local();
  const q = f.local();
  f.globalGet(G.ADJ).set(adj).globalGet(G.F).set(saved);
  f.block('out', () => {
    f.loop('top', () => {
      f.loop('single', () => {
        codeAt(f, p, adj);
        f.load8u(rules.spaceSingleTable).if(() => {
          f.get(p).const(1).add().set(p).br('single');
        });
      });
      codeAt(f, p, adj);
      f.load8u(rules.spaceFirstTable)
        .eqz()
        .if(() => {
          f.get(p)
            .globalGet(G.N)
            .geS()
            .if(() => {
              f.const(1).globalSet(G.H);
            });
          f.br('out');
        });
      f.get(p).call(rules.spaceFunction).tee(q).const(0).ltS().brIf('out');
      f.get(q).set(p).br('top');
    });
  });
  f.get(saved).globalSet(G.F);
  f.get(p);
  return f;
}

/** Resets the match state for a new input of length n whose position 0 is at 2*0 + adj. */
function start(f: FunctionBuilder, n: number, adj: number): void {
  f.get(n).globalSet(G.N).get(adj).globalSet(G.ADJ);
  f.const(-1).globalSet(G.F);
  // MASKED too: a `many` that the imported `grow` left by throwing must not mask later matches.
  for (const g of [G.H, G.D, G.DEEP, G.EV, G.Y, G.MASKED]) f.const(0).globalSet(g);
}

/** Leaves the state where JavaScript reads it (STATE in layout.ts). */
function storeState(f: FunctionBuilder): void {
  const fields: [number, number][] = [
    [STATE.F, G.F],
    [STATE.H, G.H],
    [STATE.DEEP, G.DEEP],
    [STATE.EV, G.EV],
    [STATE.Y, G.Y],
  ];
  for (const [at, g] of fields) f.const(at * 4).globalGet(g).store();
}

/** Sets local `result` to entry rule number (local) `entry` applied at (local) `at`: the end position, or -1. */
function applyEntry(
  f: FunctionBuilder,
  rules: EmittedWasmRules,
  entry: number,
  at: number,
  result: number,
): void {
  f.const(-1).set(result);
  f.block('applied', () => {
    rules.entries.forEach((fn, i) => {
      f.get(entry)
        .const(i)
        .eq()
        .if(() => {
          f.get(at).call(fn).set(result).br('applied');
        });
    });
  });
}

/** run(entry, at, n, adj): applies entry rule number `entry` at `at`; the end position or -1. */
function runEntry(rules: EmittedWasmRules): FunctionBuilder {
  const f = new FunctionBuilder(4);
  const [entry, at, n, adj] = [0, 1, 2, 3];
  const result = f.local();
  start(f, n, adj);
  applyEntry(f, rules, entry, at, result);
  storeState(f);
  f.get(result);
  return f;
}

/**
 * many(entry, at, n, adj, lastRule, maxLength, masked): applies entry rule number
 * `entry` again and again from `at`, each match where the last ended, and
 * takes the matches that are ordinary: those that succeed, neither examine
 * the input's end nor reach the depth limit, are shorter than `maxLength`
 * (counted from where the match began) and whose last event is of captured
 * rule `lastRule`. It stops before the first that is not, and leaves the
 * events of those it took, one after another (STATE.EV of them), and how
 * many it took (STATE.TAKEN); the other state fields are those of the
 * match it stopped at, which the caller runs again with `run`. Returns
 * where the last taken match ended (`at` when none was taken). One call for
 * a run of a file's leases, instead of a call from JavaScript each. When
 * `masked` is 1, only the events of rules in the capture mask are kept
 * (`lastRule` must be one of them): a caller that reads a few rules of
 * each match reads only those.
 */
function manyEntry(rules: EmittedWasmRules): FunctionBuilder {
  const f = new FunctionBuilder(7);
  const [entry, at, n, adj, lastRule, maxLength, masked] = [0, 1, 2, 3, 4, 5, 6];
  const taken = f.local();
  const end = f.local();
  const eventsBefore = f.local();
  start(f, n, adj);
  f.get(masked).globalSet(G.MASKED);
  f.block('stop', () => {
    f.loop('next', () => {
      f.globalGet(G.EV).set(eventsBefore);
      applyEntry(f, rules, entry, at, end);
      // Not an ordinary match: its events are dropped, and the caller runs it again.
      f.get(end).const(0).ltS().brIf('stop');
      f.globalGet(G.H).globalGet(G.Y).add().globalGet(G.DEEP).add().brIf('stop');
      f.get(end).get(at).sub().get(maxLength).geS().brIf('stop');
      f.globalGet(G.EV).get(eventsBefore).eq().brIf('stop');
      // The last event's rule: rules[EV - 1], at EV0 + 4 (EV - 1).
      f.globalGet(G.EV).const(1).sub().const(2).shl().globalGet(G.EV0).add().load();
      f.get(lastRule).ne().brIf('stop');
      f.get(taken).const(1).add().set(taken);
      f.get(end).set(at);
      // A new match: its own failure and depth (H, Y and DEEP are 0 here).
      f.const(-1).globalSet(G.F).const(0).globalSet(G.D);
      f.br('next');
    });
  });
  f.get(eventsBefore).globalSet(G.EV);
  f.const(0).globalSet(G.MASKED);
  storeState(f);
  f.const(STATE.TAKEN * 4).get(taken).store();
  f.get(at);
  return f;
}

/** skip(at, n, adj): where the spaces from `at` end. */
function skipEntry(): FunctionBuilder {
  const f = new FunctionBuilder(3);
  const [at, n, adj] = [0, 1, 2];
  const result = f.local();
  start(f, n, adj);
  f.get(at).call(FN.sk).set(result);
  storeState(f);
  f.get(result);
  return f;
}

export interface WasmModule {
  bytes: Uint8Array;
  /** First address after the tables and terminals: the input may start here. */
  dataEnd: number;
}

/**
 * The module: the helpers, the rule functions, and last (so that no other
 * function's number moves) `summary`, exported as `summarise`, when given.
 */
export function emitWasmModule(
  rules: EmittedWasmRules,
  capturedRules: number,
  summary?: FunctionBuilder,
): WasmModule {
  if (capturedRules > MASK_BITS) {
    throw new Error(`${capturedRules} captured rules: the capture mask holds ${MASK_BITS}`);
  }
  const types = [
    encodeFunctionType(0, 0),
    encodeFunctionType(1, 0),
    encodeFunctionType(3, 0),
    encodeFunctionType(1, 1),
    encodeFunctionType(4, 1),
    encodeFunctionType(3, 1),
    encodeFunctionType(7, 1),
  ];
  const helpers: [number, FunctionBuilder][] = [
    [TYPE.one, failHelper()],
    [TYPE.three, terminalFailure()],
    [TYPE.rule, skipSpaces(rules)],
    [TYPE.run, runEntry(rules)],
    [TYPE.skip, skipEntry()],
    [TYPE.many, manyEntry(rules)],
  ];
  const functionTypes = [
    ...helpers.map(([type]) => type),
    ...rules.functions.map(() => TYPE.rule),
    ...(summary ? [TYPE.rule] : []),
  ];
  const bodies = [
    ...helpers.map(([, f]) => encodeFunctionBody(f.extraLocals, f.code)),
    ...rules.functions.map((r) => encodeFunctionBody(r.extraLocals, r.code)),
    ...(summary ? [encodeFunctionBody(summary.extraLocals, summary.code)] : []),
  ];
  const dataEnd = TABLES_BASE + rules.data.length;
  const pages = Math.ceil(dataEnd / 65536) + 1;
  const globals = Array.from({ length: GLOBAL_COUNT }, (_, g) => encodeMutableGlobal(g === G.F ? -1 : 0));
  const exports = [
    encodeExport('memory', EXPORT_KIND.memory, 0),
    encodeExport('run', EXPORT_KIND.func, FN.run),
    encodeExport('skip', EXPORT_KIND.func, FN.skip),
    encodeExport('many', EXPORT_KIND.func, FN.many),
    encodeExport('ev', EXPORT_KIND.global, G.EV),
    encodeExport('ev0', EXPORT_KIND.global, G.EV0),
    encodeExport('cap', EXPORT_KIND.global, G.CAP),
    ...(summary
      ? [encodeExport('summarise', EXPORT_KIND.func, FIRST_RULE + rules.functions.length)]
      : []),
  ];
  const bytes = [
    ...MODULE_HEADER,
    ...encodeSection(SECTION.type, encodeVector(types)),
    ...encodeSection(
      SECTION.import,
      encodeVector([[...encodeName('env'), ...encodeName('grow'), EXPORT_KIND.func, ...unsignedLeb(TYPE.none)]]),
    ),
    ...encodeSection(SECTION.function, encodeVector(functionTypes.map((t) => unsignedLeb(t)))),
    ...encodeSection(SECTION.memory, encodeVector([[0x00, ...unsignedLeb(pages)]])),
    ...encodeSection(SECTION.global, encodeVector(globals)),
    ...encodeSection(SECTION.export, encodeVector(exports)),
    ...encodeSection(SECTION.code, encodeVector(bodies)),
    ...encodeSection(SECTION.data, encodeVector([encodeDataSegment(TABLES_BASE, rules.data)])),
  ];
  return { bytes: Uint8Array.from(bytes), dataEnd };
}
