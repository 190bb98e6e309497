import { charClasses } from '../char-classes.js';
import { END_CODE, type GenerateOptions } from '../emit-rules.js';
import type { FirstSets } from '../first-set.js';
import { inlinableRules } from '../inline.js';
import { rangeFrom, rangeTo, type Expr } from '../ir.js';
import type { RuleInstance, RuleTable } from '../instantiate.js';
import { FunctionBuilder } from './function-builder.js';
import { codeAddress, codeAt, FIRST_RULE, FN, G, MASK_BASE, TABLE_SIZE, TABLES_BASE } from './layout.js';

/**
 * Pass: the recogniser's rule functions as WebAssembly, from the same
 * analyses as the JavaScript emitter (emit-rules.ts), construct for
 * construct: its labelled blocks and `break X` are wasm blocks and `br X`,
 * its `const p0 = p` are locals, its module variables are globals (layout.ts).
 * The semantics are the JavaScript recogniser's, which are Ohm's (see
 * emit-rules.ts): same end position, same F, same H, same DEEP, same events.
 *
 * One addition, the global Y: set where the match depended on the end of
 * the input without setting H (`end` succeeding; a space skip that met the
 * end at once). The JavaScript side copies a slice of a long input into
 * memory and runs again on more of it when H or Y says the slice's end was
 * looked at; everywhere else a primitive that reads the end sets H.
 */

/** A rule function's parameter and the locals every function caches. */
const P = 0;
const ADJ = 1;
const N = 2;

export interface EmittedWasmRules {
  /** Rule function bodies, function FIRST_RULE + i. */
  functions: { key: string; extraLocals: number; code: number[] }[];
  /** The bytes of the tables (from TABLES_BASE) and of the terminals (after them). */
  data: number[];
  /** The function of each entry rule, in options.entryRules order. */
  entries: number[];
  /** The function of `space`. */
  spaceFunction: number;
  /** Addresses of the tables `sk` reads: first characters of a space, whole single-character spaces. */
  spaceFirstTable: number;
  spaceSingleTable: number;
  padding: number;
}

interface Context {
  syntactic: boolean;
  fail: string;
  /** Spaces were just skipped at p (see emit-rules.ts). */
  spaced?: boolean;
}

interface Layout {
  /** Address of the first terminal byte (after the tables); 0 in the first pass. */
  terminalsBase: number;
}

function emitPass(
  table: RuleTable,
  first: FirstSets,
  recursive: Set<string>,
  options: GenerateOptions,
  layout: Layout,
): EmittedWasmRules & { terminals: string[]; tables: Uint8Array[] } {
  const captureIds = new Map(options.captureRules.map((name, index) => [name, index]));
  const terminals: string[] = [];
  const terminalAt: number[] = [];
  const tables: Uint8Array[] = [];
  const tableIndex = new Map<string, number>();
  const functionIndex = new Map<string, number>();
  const functionOrder: string[] = [];
  let label = 0;
  const fresh = (prefix: string): string => `${prefix}${label++}`;

  const terminalAddress = (text: string): number => {
    let at = terminals.indexOf(text);
    if (at < 0) {
      at = terminals.length;
      terminalAt.push(terminals.reduce((sum, t) => sum + t.length, 0));
      terminals.push(text);
    }
    return layout.terminalsBase + terminalAt[at]!;
  };

  /** The table of a set of codes (the end sentinel included when `withEnd`): its address. */
  const charTable = (chars: Set<number>, withEnd = false): number => {
    const sorted = [...chars].filter((c) => c < 256).sort((a, b) => a - b);
    const key = `${sorted.join(',')}${withEnd ? ';end' : ''}`;
    let index = tableIndex.get(key);
    if (index === undefined) {
      index = tables.length;
      const bytes = new Uint8Array(TABLE_SIZE);
      for (const c of sorted) bytes[c] = 1;
      if (withEnd) bytes[END_CODE] = 1;
      tables.push(bytes);
      tableIndex.set(key, index);
    }
    return TABLES_BASE + index * TABLE_SIZE;
  };

  const ruleFunction = (key: string): number => {
    let index = functionIndex.get(key);
    if (index === undefined) {
      index = FIRST_RULE + functionOrder.length;
      functionIndex.set(key, index);
      functionOrder.push(key);
    }
    return index;
  };

  const charClass = charClasses(table, captureIds, recursive);
  const inlinable = inlinableRules(table, captureIds, recursive, charClass);

  const spaceFirst = first.ofRule('space');
  if (!spaceFirst.chars) throw new Error('the space rule must start with known characters');
  const spaceRule = table.get('space')!;
  const spaceTerms = spaceRule.body.kind === 'alt' ? spaceRule.body.terms : [spaceRule.body];
  const singles = new Set(spaceTerms.flatMap((t) => [...(charClass(t) ?? [])]));
  // Both made first, in this order, so that their addresses do not depend on the rules.
  const spaceFirstTable = charTable(spaceFirst.chars);
  const spaceSingleTable = charTable(singles);
  /** The first characters of a space and the end sentinel: the in-line skip's one test. */
  const spaceOrEndTable = charTable(spaceFirst.chars, true);

  const genRule = (rule: RuleInstance): FunctionBuilder => {
    const f = new FunctionBuilder(1);
    const adjLocal = f.local();
    const nLocal = f.local();
    if (adjLocal !== ADJ || nLocal !== N) throw new Error('local numbering');
    f.globalGet(G.ADJ).set(ADJ).globalGet(G.N).set(N);

    /** Pushes the code at position `v` + `offset`. */
    const code = (v: number, offset = 0): void => codeAt(f, v, ADJ, offset);
    const inc = (v: number, by = 1): void => {
      f.get(v).const(by).add().set(v);
    };
    /**
     * if (p > F) F = p. Written out, not a call: a failure is recorded at
     * every alternative a lease's statements do not take, and each call
     * made V8's baseline compiler save and restore its registers around
     * it (a check of the 3.6 MB bench file: 7% fewer instructions with the
     * failures written out, cachegrind).
     */
    const failAt = (v: number): void => {
      f.get(v)
        .globalGet(G.F)
        .gtS()
        .if(() => {
          f.get(v).globalSet(G.F);
        });
    };
    /** A one-character primitive failed at v: failAt(v), and H when v is at the end. */
    const rfail = (v: number): void => {
      failAt(v);
      f.get(v)
        .get(N)
        .geS()
        .if(() => {
          f.const(1).globalSet(G.H);
        });
    };

    /**
     * Skips spaces from local v as the JavaScript `skipFrom` does: blanks
     * and newlines in line, `sk` for a comment or the end after a space.
     * One test on the common path, against the first characters of a space
     * and the end sentinel: at the end, the JavaScript skip stops without
     * setting H, and this one sets Y.
     */
    const skipFrom = (v: number): void => {
      code(v);
      f.load8u(spaceOrEndTable).if(() => {
        f.get(v).get(N).geS();
        f.if(
          () => {
            f.const(1).globalSet(G.Y);
          },
          () => {
            const loop = fresh('W');
            f.loop(loop, () => {
              code(v);
              f.load8u(spaceSingleTable).if(() => {
                inc(v);
                f.br(loop);
              });
            });
            // (SPACE_FIRST[b[v]] === 1 || v >= n): the table with the end sentinel.
            code(v);
            f.load8u(spaceOrEndTable).if(() => {
              f.get(v).call(FN.sk).set(v);
            });
          },
        );
      });
    };
    const skip = (ctx: Context): void => {
      if (ctx.syntactic && !ctx.spaced) skipFrom(P);
    };
    const moved = (ctx: Context): Context => (ctx.spaced ? { ...ctx, spaced: false } : ctx);
    /**
     * Branches to `mismatch` unless the codes at p are `text`'s. Four codes
     * are compared at a time (an i64 load), then two, then one: "binding"
     * is three loads instead of seven, which matters most on V8's baseline
     * compiler, where a file under 16 MiB runs whole. The loads read no
     * further than the terminal's last code; past the input that is the
     * END_CODE padding (longer than any terminal), which no character
     * equals, so the result is the code-by-code comparison's.
     */
    let comparedAt = -1;
    const compareCodes = (text: string, mismatch: string): void => {
      if (text.length === 1) {
        code(P);
        f.const(text.charCodeAt(0)).ne().brIf(mismatch);
        return;
      }
      if (comparedAt < 0) comparedAt = f.local();
      const at = comparedAt;
      codeAddress(f, P, ADJ);
      f.set(at);
      const codeValue = (i: number): bigint => BigInt(text.charCodeAt(i));
      let i = 0;
      for (; i + 4 <= text.length; i += 4) {
        const value = [0, 1, 2, 3].reduce((sum, k) => sum | (codeValue(i + k) << BigInt(16 * k)), 0n);
        f.get(at).load4Codes(2 * i).const64(value).ne64().brIf(mismatch);
      }
      if (i + 2 <= text.length) {
        f.get(at).load2Codes(2 * i).const(text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)).ne().brIf(mismatch);
        i += 2;
      }
      if (i < text.length) {
        f.get(at).load16u(2 * i).const(text.charCodeAt(i)).ne().brIf(mismatch);
      }
    };
    /** Saves p and ev into new locals. */
    const save = (): [number, number] => {
      const p0 = f.local();
      const e0 = f.local();
      f.get(P).set(p0).globalGet(G.EV).set(e0);
      return [p0, e0];
    };
    const restore = (p0: number, e0: number): void => {
      f.get(p0).set(P).get(e0).globalSet(G.EV);
    };

    /** A one-character class test at p: fail unless in the table, else p++. */
    const classTest = (set: Set<number>, ctx: Context): void => {
      skip(ctx);
      code(P);
      f.load8u(charTable(set))
        .eqz()
        .if(() => {
          rfail(P);
          f.br(ctx.fail);
        });
      inc(P);
    };

    const gen = (expr: Expr, ctx: Context): void => {
      const kind = expr.kind;
      if (kind === 'range' || kind === 'alt' || kind === 'apply' || kind === 'seq' || kind === 'any') {
        const set = charClass(expr);
        if (set) {
          classTest(set, ctx);
          return;
        }
      }
      if ((kind === 'star' || kind === 'plus') && !ctx.syntactic) {
        const set = charClass(expr.expr);
        if (set) {
          const t = charTable(set);
          if (kind === 'plus') {
            code(P);
            f.load8u(t)
              .eqz()
              .if(() => {
                rfail(P);
                f.br(ctx.fail);
              });
            inc(P);
          }
          const loop = fresh('W');
          f.loop(loop, () => {
            code(P);
            f.load8u(t).if(() => {
              inc(P);
              f.br(loop);
            });
          });
          rfail(P);
          return;
        }
      }
      if (kind === 'not') {
        const set = charClass(expr.expr);
        if (set) {
          const q = f.local();
          f.get(P).set(q);
          if (ctx.syntactic && !ctx.spaced) skipFrom(q);
          code(q);
          f.load8u(charTable(set)).if(() => {
            failAt(P);
            f.br(ctx.fail);
          });
          f.get(q)
            .get(N)
            .geS()
            .if(() => {
              f.const(1).globalSet(G.H);
            });
          return;
        }
      }
      switch (kind) {
        case 'terminal': {
          const text = expr.text;
          if (text.length === 0) return;
          skip(ctx);
          const matched = fresh('T');
          const mismatch = fresh('M');
          f.block(matched, () => {
            f.block(mismatch, () => {
              compareCodes(text, mismatch);
              f.br(matched);
            });
            f.get(P).const(terminalAddress(text)).const(text.length).call(FN.tfail);
            f.br(ctx.fail);
          });
          inc(P, text.length);
          return;
        }
        case 'range': {
          skip(ctx);
          const from = rangeFrom(expr);
          const to = rangeTo(expr);
          // c - from, unsigned, above to - from: outside the range.
          code(P);
          f.const(from).sub().const(to - from).gtU();
          if (to >= END_CODE) {
            // A range reaching past 255 would take the end sentinel for a character.
            f.if(() => {
              rfail(P);
              f.br(ctx.fail);
            });
            f.get(P).get(N).geS();
          }
          f.if(() => {
            rfail(P);
            f.br(ctx.fail);
          });
          inc(P);
          return;
        }
        case 'any':
          skip(ctx);
          f.get(P)
            .get(N)
            .geS()
            .if(() => {
              rfail(P);
              f.br(ctx.fail);
            });
          inc(P);
          return;
        case 'end':
          skip(ctx);
          f.get(P)
            .get(N)
            .ltS()
            .if(
              () => {
                failAt(P);
                f.br(ctx.fail);
              },
              () => {
                f.const(1).globalSet(G.Y);
              },
            );
          return;
        case 'seq':
          expr.factors.forEach((factor, i) => gen(factor, i === 0 ? ctx : moved(ctx)));
          return;
        case 'alt':
          genAlt(expr, ctx);
          return;
        case 'star':
          genStar(expr.expr, moved(ctx));
          return;
        case 'plus':
          gen(expr.expr, ctx);
          genStar(expr.expr, moved(ctx));
          return;
        case 'opt': {
          const done = fresh('O');
          const attempt = fresh('A');
          f.block(done, () => {
            const [p0, e0] = save();
            f.block(attempt, () => {
              gen(expr.expr, { ...ctx, fail: attempt });
              f.br(done);
            });
            restore(p0, e0);
          });
          return;
        }
        case 'not': {
          const attempt = fresh('N');
          const [p0, e0] = save();
          const f0 = f.local();
          const ok = f.local();
          f.globalGet(G.F).set(f0).const(0).set(ok);
          f.block(attempt, () => {
            gen(expr.expr, { ...ctx, fail: attempt });
            f.const(1).set(ok);
          });
          restore(p0, e0);
          f.get(f0).globalSet(G.F);
          f.get(ok).if(() => {
            failAt(p0);
            f.br(ctx.fail);
          });
          return;
        }
        case 'lookahead': {
          const attempt = fresh('L');
          const [p0, e0] = save();
          const ok = f.local();
          f.const(0).set(ok);
          f.block(attempt, () => {
            gen(expr.expr, { ...ctx, fail: attempt });
            f.const(1).set(ok);
          });
          restore(p0, e0);
          f.get(ok)
            .eqz()
            .if(() => {
              f.br(ctx.fail);
            });
          return;
        }
        case 'lex':
          gen(expr.expr, { ...ctx, syntactic: false });
          return;
        case 'apply': {
          const rule = table.get(expr.key);
          if (!rule) throw new Error(`no rule for ${expr.key}`);
          if (inlinable(rule)) {
            const spaced = ctx.spaced === true || ctx.syntactic;
            skip(ctx);
            gen(rule.body, { syntactic: rule.syntactic, fail: ctx.fail, spaced });
            return;
          }
          skip(ctx);
          f.get(P).call(ruleFunction(rule.key)).tee(P).const(0).ltS().brIf(ctx.fail);
          return;
        }
        default:
          throw new Error(`unsupported expression ${String(expr)}`);
      }
    };

    const genStar = (body: Expr, ctx: Context): void => {
      const attempt = fresh('S');
      const loop = fresh('R');
      f.loop(loop, () => {
        const [p0, e0] = save();
        f.block(attempt, () => {
          gen(body, { ...ctx, fail: attempt });
          f.br(loop);
        });
        restore(p0, e0);
      });
    };

    const genAlt = (expr: Extract<Expr, { kind: 'alt' }>, ctx: Context): void => {
      const terms = expr.terms;
      const done = fresh('C');
      const infos = terms.map((t) => first.of(t, ctx.syntactic));
      const dispatch = infos.map((i) => i.simple && !i.nullable && i.chars !== null);
      const anyDispatch = dispatch.some(Boolean);
      const [p0, e0] = save();
      // Locals live as long as the function: set afresh each time the choice is entered.
      const q = anyDispatch ? f.local() : -1;
      const c = anyDispatch ? f.local() : -1;
      const skippedAny = anyDispatch ? f.local() : -1;
      // As in emit-rules.ts: an alternative skipped by dispatch fails at q,
      // recorded once when the choice ends.
      const record = (): void => {
        if (anyDispatch) {
          f.get(skippedAny).if(() => {
            rfail(q);
          });
        }
      };
      if (anyDispatch) {
        f.get(p0).set(q);
        if (ctx.syntactic && !ctx.spaced) skipFrom(q);
        code(q);
        f.set(c).const(0).set(skippedAny);
      }
      f.block(done, () => {
        terms.forEach((term, i) => {
          const attempt = fresh('A');
          const fromQ = dispatch[i]! && ctx.syntactic;
          const spaced = ctx.spaced === true || fromQ;
          const body = (): void => {
            f.block(attempt, () => {
              if (fromQ) f.get(q).set(P);
              gen(term, { ...ctx, fail: attempt, spaced });
              f.br(done);
            });
            restore(p0, e0);
          };
          if (dispatch[i]) {
            f.get(c)
              .load8u(charTable(infos[i]!.chars!))
              .if(body, () => {
                f.const(1).set(skippedAny);
              });
          } else {
            body();
          }
        });
        record();
        f.br(ctx.fail);
      });
      record();
    };

    const isRecursive = recursive.has(rule.key);
    const capture = captureIds.get(rule.key);
    const ctx: Context = { syntactic: rule.syntactic, fail: 'B' };
    if (isRecursive) {
      // if (DEEP || ++D > max) { if (!DEEP) D--; DEEP = true; if (p > F) F = p; return -1; }
      f.globalGet(G.DEEP).if(
        () => {
          failAt(P);
          f.const(-1).return();
        },
        () => {
          f.globalGet(G.D).const(1).add().globalSet(G.D);
          f.globalGet(G.D)
            .const(options.maxDepth)
            .gtS()
            .if(() => {
              f.globalGet(G.D).const(1).sub().globalSet(G.D);
              f.const(1).globalSet(G.DEEP);
              failAt(P);
              f.const(-1).return();
            });
        },
      );
    }
    /**
     * The module's push(capture, st, p), written out with the rule known: a
     * rule the capture mask leaves out costs a load and a branch instead of
     * a call, and V8's baseline compiler saves no registers around it.
     */
    const pushEvent = (capture: number, st: number): void => {
      const at = f.local();
      f.block('pushed', () => {
        f.globalGet(G.MASKED).if(() => {
          f.const(0)
            .load8u(MASK_BASE + (capture >> 3))
            .const(1 << (capture & 7))
            .and()
            .eqz()
            .brIf('pushed');
        });
        f.globalGet(G.EV)
          .globalGet(G.CAP)
          .eq()
          .if(() => {
            f.call(FN.grow);
          });
        f.globalGet(G.EV).const(2).shl().globalGet(G.EV0).add().set(at);
        f.get(at).const(capture).store();
        f.get(at).globalGet(G.CAP).const(2).shl().add().get(st).store();
        f.get(at).globalGet(G.CAP).const(3).shl().add().get(P).store();
        f.globalGet(G.EV).const(1).add().globalSet(G.EV);
      });
    };
    const f0 = rule.description ? f.local() : -1;
    const st = rule.description || capture !== undefined ? f.local() : -1;
    if (rule.description) f.globalGet(G.F).set(f0).const(-1).globalSet(G.F);
    if (st >= 0) f.get(P).set(st);
    const decD = (): void => {
      if (isRecursive) f.globalGet(G.D).const(1).sub().globalSet(G.D);
    };
    f.block('B', () => {
      gen(rule.body, ctx);
      if (rule.description) f.get(f0).globalSet(G.F);
      decD();
      if (capture !== undefined) pushEvent(capture, st);
      f.get(P).return();
    });
    if (rule.description) {
      // F = f0 > st ? f0 : st
      f.get(f0).globalSet(G.F);
      failAt(st);
    }
    decD();
    f.const(-1);
    return f;
  };

  // Emit only the functions something calls: the entries, `space`, and what they reach.
  const entries = options.entryRules.map((name) => {
    if (!table.get(name)) throw new Error(`entry rule ${name} missing`);
    return ruleFunction(name);
  });
  const spaceFunction = ruleFunction('space');
  const functions: EmittedWasmRules['functions'] = [];
  for (let i = 0; i < functionOrder.length; i++) {
    const key = functionOrder[i]!;
    const f = genRule(table.get(key)!);
    functions.push({ key, extraLocals: f.extraLocals, code: f.code });
  }

  const padding = Math.max(1, ...terminals.map((text) => text.length)) + 1;
  const data: number[] = [];
  for (const t of tables) data.push(...t);
  for (const t of terminals) for (const ch of t) data.push(ch.charCodeAt(0));
  return {
    functions,
    data,
    entries,
    spaceFunction,
    spaceFirstTable,
    spaceSingleTable,
    padding,
    terminals,
    tables,
  };
}

export function emitWasmRules(
  table: RuleTable,
  first: FirstSets,
  recursive: Set<string>,
  options: GenerateOptions,
): EmittedWasmRules {
  // Terminals lie after the tables, whose number is known only once every
  // rule was emitted: a first pass counts them (the passes make the same
  // tables in the same order).
  const counted = emitPass(table, first, recursive, options, { terminalsBase: 0 });
  const terminalsBase = TABLES_BASE + counted.tables.length * TABLE_SIZE;
  const emitted = emitPass(table, first, recursive, options, { terminalsBase });
  if (emitted.tables.length !== counted.tables.length) throw new Error('the passes made different tables');
  return emitted;
}
