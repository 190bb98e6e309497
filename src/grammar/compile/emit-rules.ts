import { charClasses } from './char-classes.js';
import { inlinableRules } from './inline.js';
import { rangeFrom, rangeTo, type Expr } from './ir.js';
import type { FirstSets } from './first-set.js';
import type { RuleInstance, RuleTable } from './instantiate.js';

/**
 * Pass: generate the recogniser's rule functions as TypeScript source (the
 * module around them is emit-module.ts's).
 *
 * Each rule becomes one function `(p) => newPosition | -1` made of
 * straight-line statements: a sequence is statements in a row, a failure is
 * `break` to the label of the nearest choice point, which restores the saved
 * position and event count. The semantics are Ohm's:
 *
 * - PEG ordered choice; `*`, `+`, `?` are greedy; `~` and `&` consume nothing.
 * - In a syntactic rule, spaces are skipped before every application and
 *   terminal; inside `#(...)` and lexical rules they are not.
 * - The rightmost failure position `F` is maintained exactly as Ohm's
 *   `rightmostFailurePosition`: failures inside space skipping and inside `~`
 *   are discarded, a rule with a description records only its own start.
 *
 * Beyond Ohm, the recogniser records:
 * - `H`: whether any primitive examined the end of the input. A failure with
 *   `H` set means the input could still become valid with more bytes: a
 *   truncation, or (when streaming) a window that must grow.
 * - events: `(rule, start, end)` for every successful application of a
 *   captured rule, rolled back when an enclosing choice backtracks.
 */

/**
 * A one-character primitive failed at p: record it, and note whether it
 * looked at the end of the input. Written out, not called: a call on a path
 * that had not run when the function was optimised costs a deoptimisation.
 */
const RFAIL = 'if (p > F) F = p; if (p >= n) H = true;';

/**
 * The first statement of a generated function: the input, and the character
 * tables the function reads, into locals. Module variables are reached
 * through the context and checked at every read (a `let` may still be
 * uninitialised; a typed array's map and length are checked again), even
 * inside tight loops; locals stay in registers and are checked once.
 */
function openLocals(body: string): string {
  const tables = [...new Set(body.match(/\b(?:T\d+|SPACE_FIRST|SPACE_SINGLE)(?=\[)/g))];
  const locals = [
    ...(/\bb\[/.test(body) ? ['b = inputCodes'] : []),
    ...(/\bn\b/.test(body) ? ['n = inputLength'] : []),
    ...tables.sort().map((table) => `${table} = CLASS_${table}`),
  ];
  return locals.length > 0 ? `const ${locals.join(', ')};\n` : '';
}

/** The code that follows the input: not a byte, so in no class and no terminal. */
export const END_CODE = 256;

export interface GenerateOptions {
  /** Rules callable from outside, in this order. */
  entryRules: readonly string[];
  /** Rules whose successful applications are reported as events. */
  captureRules: readonly string[];
  /** Depth at which recursive rules stop with a "too deep" failure. */
  maxDepth: number;
  /** Name of the grammar source, for the header comment. */
  source: string;
  /**
   * The lease file's recogniser only: its WebAssembly module also exports
   * `summarise`, the summary of the leases a `many` took (see
   * wasm/emit-lease-summary.ts), from the events of these captured rules.
   */
  leaseSummary?: LeaseSummaryRules;
}

/** The captured rules (by name) whose events wasm/emit-lease-summary.ts reads. */
export interface LeaseSummaryRules {
  /** The declaration: its event is a lease's last. */
  lease: string;
  /** The lease's address, a dotted quad. */
  address: string;
  /** A binding state's name, then the statement that sets the lease's own. */
  bindingState: string;
  bindingStateStmt: string;
  /** The `abandoned;` flag: the lease is abandoned. */
  abandoned: string;
  date: string;
  hardware: string;
  /** Rules whose event leaves the lease to the summary in JavaScript (rare forms). */
  leftToJavaScript: readonly string[];
  /**
   * A hardware statement this long or longer is left to JavaScript, which
   * counts its octets (dhcpd keeps at most 20: see from-events.ts
   * hardwareTooLong).
   */
  longHardware: number;
}

interface Context {
  syntactic: boolean;
  fail: string;
  /**
   * Spaces were just skipped at p: a skip there finds none, and is left
   * out. (A skip is idempotent: it stops where the next one would.)
   */
  spaced?: boolean;
}

/** The grammar-specific parts of a recogniser, for emit-module.ts to place in the module. */
export interface EmittedRules {
  /** Terminals by number (`tend` reads them). */
  terminals: string[];
  /** Character tables by number: their codes, joined by commas. */
  tables: string[];
  /** The names of the tables of the characters a `space` starts with, and that are a `space` alone. */
  spaceTable: string;
  singleTable: string | null;
  /** The function of the `space` rule. */
  spaceRuleId: string;
  /** The lines of the ENTRIES object. */
  entries: string[];
  /** How far past the input's end the recogniser may read. */
  padding: number;
  /** The rule functions. */
  ruleCode: string;
}

export function emitRules(
  table: RuleTable,
  first: FirstSets,
  recursive: Set<string>,
  options: GenerateOptions,
): EmittedRules {
  const captureIds = new Map(options.captureRules.map((name, index) => [name, index]));
  /** The table of characters a \`space\` can start with (named before tables are numbered). */
  const spaceStart = 'SPACE_FIRST';
  const terminals: string[] = [];
  const tables: string[] = [];
  const tableIndex = new Map<string, number>();
  let label = 0;
  /** Rules some generated code calls (char-class rules are inlined and need no function). */
  const called = new Set<string>();
  const fresh = (prefix: string): string => `${prefix}${label++}`;

  const terminalId = (text: string): number => {
    const at = terminals.indexOf(text);
    if (at >= 0) return at;
    terminals.push(text);
    return terminals.length - 1;
  };

  const charTable = (chars: Set<number>): string => {
    const sorted = [...chars].filter((c) => c < 256).sort((a, b) => a - b);
    const key = sorted.join(',');
    let index = tableIndex.get(key);
    if (index === undefined) {
      index = tables.length;
      tables.push(key);
      tableIndex.set(key, index);
    }
    return `T${index}`;
  };

  /**
   * Skips spaces from the variable \`v\` as \`sk\` does. Most skips find no
   * space, and most of the rest only blanks and newlines: those are passed
   * here, in line; \`sk\` is called for a comment, or to note the end of the
   * input, exactly where it would have seen them.
   */
  const skipFrom = (v: string): string =>
    `if (${spaceStart}[b[${v}]] === 1) { while (SPACE_SINGLE[b[${v}]] === 1) ${v}++; if (${spaceStart}[b[${v}]] === 1 || ${v} >= n) ${v} = sk(${v}); }\n`;
  const skip = (ctx: Context): string => (ctx.syntactic && !ctx.spaced ? skipFrom('p') : '');
  /** The context after p may have moved. */
  const moved = (ctx: Context): Context => (ctx.spaced ? { ...ctx, spaced: false } : ctx);

  const charClass = charClasses(table, captureIds, recursive);
  const inlinable = inlinableRules(table, captureIds, recursive, charClass);

  const gen = (expr: Expr, ctx: Context): string => {
    const kind = expr.kind;
    if (kind === 'range' || kind === 'alt' || kind === 'apply' || kind === 'seq' || kind === 'any') {
      const set = charClass(expr);
      if (set) {
        return `${skip(ctx)}if (${charTable(set)}[b[p]] !== 1) { ${RFAIL} break ${ctx.fail}; }\np++;\n`;
      }
    }
    if ((kind === 'star' || kind === 'plus') && !ctx.syntactic) {
      const set = charClass(expr.expr);
      if (set) {
        const t = charTable(set);
        const first = kind === 'plus' ? `if (${t}[b[p]] !== 1) { ${RFAIL} break ${ctx.fail}; }\np++;\n` : '';
        return `${first}while (${t}[b[p]] === 1) p++;\n${RFAIL}\n`;
      }
    }
    if (kind === 'not') {
      const set = charClass(expr.expr);
      if (set) {
        const q = fresh('q');
        return `{ let ${q} = p; ${ctx.syntactic && !ctx.spaced ? skipFrom(q) : ''}if (${charTable(set)}[b[${q}]] === 1) { if (p > F) F = p; break ${ctx.fail}; } if (${q} >= n) H = true; }\n`;
      }
    }
    switch (kind) {
      case 'terminal': {
        const text = expr.text;
        if (text.length === 0) return '';
        const tests = [...text]
          .map((ch, i) => `b[p${i ? ` + ${i}` : ''}] !== ${ch.charCodeAt(0)}`)
          .join(' || ');
        return `${skip(ctx)}if (${tests}) { if (p > F) F = p; if (p + ${text.length} > n) tend(p, ${terminalId(text)}); break ${ctx.fail}; }\np += ${text.length};\n`;
      }
      case 'range': {
        const c = fresh('c');
        // A range reaching past 255 would take the end sentinel for a character.
        const inside = rangeTo(expr) < END_CODE ? '' : ' && p < n';
        return `${skip(ctx)}{ const ${c} = b[p]; if (!(${c} >= ${rangeFrom(expr)} && ${c} <= ${rangeTo(expr)}${inside})) { ${RFAIL} break ${ctx.fail}; } }\np++;\n`;
      }
      case 'any':
        return `${skip(ctx)}if (p >= n) { ${RFAIL} break ${ctx.fail}; }\np++;\n`;
      case 'end':
        return `${skip(ctx)}if (p < n) { if (p > F) F = p; break ${ctx.fail}; }\n`;
      case 'seq':
        return expr.factors.map((f, i) => gen(f, i === 0 ? ctx : moved(ctx))).join('');
      case 'alt':
        return genAlt(expr, ctx);
      case 'star':
        return genStar(expr.expr, moved(ctx));
      case 'plus':
        return gen(expr.expr, ctx) + genStar(expr.expr, moved(ctx));
      case 'opt': {
        const done = fresh('O');
        const attempt = fresh('A');
        const p0 = fresh('p');
        const e0 = fresh('e');
        return `${done}: { const ${p0} = p, ${e0} = ev;\n${attempt}: {\n${gen(expr.expr, { ...ctx, fail: attempt })}break ${done};\n}\np = ${p0}; ev = ${e0};\n}\n`;
      }
      case 'not': {
        const attempt = fresh('N');
        const [p0, e0, f0, ok] = [fresh('p'), fresh('e'), fresh('f'), fresh('ok')];
        return `{ const ${p0} = p, ${e0} = ev, ${f0} = F; let ${ok} = false;\n${attempt}: {\n${gen(expr.expr, { ...ctx, fail: attempt })}${ok} = true;\n}\np = ${p0}; ev = ${e0}; F = ${f0};\nif (${ok}) { if (${p0} > F) F = ${p0}; break ${ctx.fail}; }\n}\n`;
      }
      case 'lookahead': {
        const attempt = fresh('L');
        const [p0, e0, ok] = [fresh('p'), fresh('e'), fresh('ok')];
        return `{ const ${p0} = p, ${e0} = ev; let ${ok} = false;\n${attempt}: {\n${gen(expr.expr, { ...ctx, fail: attempt })}${ok} = true;\n}\np = ${p0}; ev = ${e0};\nif (!${ok}) break ${ctx.fail};\n}\n`;
      }
      case 'lex':
        return gen(expr.expr, { ...ctx, syntactic: false });
      case 'apply': {
        const rule = table.get(expr.key);
        if (!rule) throw new Error(`no rule for ${expr.key}`);
        if (inlinable(rule)) {
          // The body in place of a call: a failure breaks to the caller's
          // choice point, which restores the position, as after a call.
          const spaced = ctx.spaced === true || ctx.syntactic;
          return `${skip(ctx)}${gen(rule.body, { syntactic: rule.syntactic, fail: ctx.fail, spaced })}`;
        }
        called.add(rule.key);
        return `${skip(ctx)}p = ${rule.id}(p);\nif (p < 0) break ${ctx.fail};\n`;
      }
      default:
        throw new Error(`unsupported expression ${String(expr)}`);
    }
  };

  const genStar = (body: Expr, ctx: Context): string => {
    const attempt = fresh('S');
    const p0 = fresh('p');
    const e0 = fresh('e');
    return `for (;;) { const ${p0} = p, ${e0} = ev;\n${attempt}: {\n${gen(body, { ...ctx, fail: attempt })}continue;\n}\np = ${p0}; ev = ${e0};\nbreak;\n}\n`;
  };

  const genAlt = (expr: Extract<Expr, { kind: 'alt' }>, ctx: Context): string => {
    const terms = expr.terms;
    const done = fresh('C');
    const p0 = fresh('p');
    const e0 = fresh('e');
    const infos = terms.map((t) => first.of(t, ctx.syntactic));
    const dispatch = infos.map((i) => i.simple && !i.nullable && i.chars !== null);
    const anyDispatch = dispatch.some(Boolean);
    const q = fresh('q');
    const c = fresh('c');
    // An alternative skipped by dispatch fails at `q`. Its failure is
    // recorded once, when the choice ends: F only ever grows to a maximum
    // and H only turns true until a saving scope restores them, so the
    // record may move to the end of the choice, and one record stands for
    // every alternative skipped before the one that matched.
    const skippedAny = fresh('s');
    const record = anyDispatch ? `if (${skippedAny}) dfail(${q});\n` : '';
    let code = `{ const ${p0} = p, ${e0} = ev;\n`;
    if (anyDispatch) {
      code += `let ${q} = ${p0};\n${ctx.syntactic && !ctx.spaced ? skipFrom(q) : ''}const ${c} = b[${q}]; let ${skippedAny} = false;\n`;
    }
    code += `${done}: {\n`;
    terms.forEach((term, i) => {
      const attempt = fresh('A');
      // A dispatched alternative begins by skipping spaces from p0 (it is
      // `simple`), which ends at q: start it there, its skip then finds none.
      const from = dispatch[i] && ctx.syntactic ? `p = ${q};\n` : '';
      const spaced = ctx.spaced === true || from !== '';
      const body = `${attempt}: {\n${from}${gen(term, { ...ctx, fail: attempt, spaced })}break ${done};\n}\np = ${p0}; ev = ${e0};\n`;
      if (dispatch[i]) {
        code += `if (${charTable(infos[i]!.chars!)}[${c}] === 1) {\n${body}} else ${skippedAny} = true;\n`;
      } else {
        code += body;
      }
    });
    code += `${record}break ${ctx.fail};\n}\n${record}}\n`;
    return code;
  };

  const genRule = (rule: RuleInstance): string => {
    const isRecursive = recursive.has(rule.key);
    const capture = captureIds.get(rule.key);
    const ctx: Context = { syntactic: rule.syntactic, fail: 'B' };
    let code = '';
    if (isRecursive) {
      code += `if (DEEP || ++D > ${options.maxDepth}) { if (!DEEP) D--; DEEP = true; if (p > F) F = p; return -1; }\n`;
    }
    if (rule.description) code += 'const f0 = F; F = -1;\n';
    if (rule.description || capture !== undefined) code += 'const st = p;\n';
    code += `B: {\n${gen(rule.body, ctx)}`;
    if (rule.description) code += 'F = f0;\n';
    if (isRecursive) code += 'D--;\n';
    if (capture !== undefined) code += `push(${capture}, st, p);\n`;
    code += 'return p;\n}\n';
    if (rule.description) code += 'F = f0 > st ? f0 : st;\n';
    if (isRecursive) code += 'D--;\n';
    code += 'return -1;\n}\n';
    const head = `// ${rule.key}${rule.description ? ` (${rule.description})` : ''}\nfunction ${rule.id}(p: number): number {\n`;
    return head + openLocals(code) + code;
  };

  // Emit only the functions something calls: the entries, `space`, and what they reach.
  const emitted = new Map<string, string>();
  const queue = [...options.entryRules, 'space'];
  while (queue.length > 0) {
    const key = queue.shift()!;
    if (emitted.has(key)) continue;
    const rule = table.get(key);
    if (!rule) continue;
    called.clear();
    emitted.set(key, genRule(rule));
    queue.push(...called);
  }
  const ruleCode = [...table.keys()]
    .filter((key) => emitted.has(key))
    .map((key) => emitted.get(key)!)
    .join('\n');
  const spaceRule = table.get('space')!;
  const spaceFirst = first.ofRule('space');
  const spaceTable = spaceFirst.chars ? charTable(spaceFirst.chars) : null;
  if (!spaceTable) throw new Error('the space rule must start with known characters');
  // Characters that are a whole \`space\` by themselves: skipped in a tight loop.
  const spaceTerms = spaceRule.body.kind === 'alt' ? spaceRule.body.terms : [spaceRule.body];
  const singles = new Set(spaceTerms.flatMap((t) => [...(charClass(t) ?? [])]));
  const singleTable = singles.size > 0 ? charTable(singles) : null;

  const entries = options.entryRules.map((name) => {
    const rule = table.get(name);
    if (!rule) throw new Error(`entry rule ${name} missing`);
    return `  ${JSON.stringify(name)}: ${rule.id},`;
  });

  // The recogniser may look this far past the end of the input (a terminal
  // compared in full at the last position), so the code array is padded with
  // the end sentinel that far: no read ever falls outside the array.
  const padding = Math.max(1, ...terminals.map((text) => text.length)) + 1;

  return {
    terminals,
    tables,
    spaceTable,
    singleTable,
    spaceRuleId: spaceRule.id,
    entries,
    padding,
    ruleCode,
  };
}
