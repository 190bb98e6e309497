import type * as ohm from 'ohm-js';
import { ohmLibrary } from '../ohm-lazy.js';
import type { Expr, ExprKind } from './ir.js';

/**
 * Ohm's parsing expressions (`ohm.pexprs`), the only place that knows their
 * classes: instantiation walks them and substitutes parameters with Ohm's
 * own operation, and `toIr` reads an instantiated body into the compiler's
 * typed tree (ir.ts) that every later pass works on.
 */
export type PExpr = ohm.PExpr & Record<string, unknown>;

// The same copy of Ohm that built the grammar (its CommonJS build), or instanceof fails.
const P = ohmLibrary().pexprs as unknown as Record<string, unknown> & {
  any: unknown;
  end: unknown;
  [name: string]: unknown;
};

function isA(expr: unknown, className: string): boolean {
  const ctor = P[className] as (abstract new (...args: never[]) => unknown) | undefined;
  return typeof ctor === 'function' && expr instanceof ctor;
}

function kindOf(expr: PExpr): ExprKind {
  if (expr === P.any) return 'any';
  if (expr === P.end) return 'end';
  // Order matters: Star/Plus/Opt extend Iter; Extend/Splice extend Alt.
  if (isA(expr, 'CaseInsensitiveTerminal') || isA(expr, 'UnicodeChar')) return 'unsupported';
  if (isA(expr, 'Terminal')) return 'terminal';
  if (isA(expr, 'Range')) return 'range';
  if (isA(expr, 'Param')) return 'param';
  if (isA(expr, 'Alt')) return 'alt';
  if (isA(expr, 'Seq')) return 'seq';
  if (isA(expr, 'Star')) return 'star';
  if (isA(expr, 'Plus')) return 'plus';
  if (isA(expr, 'Opt')) return 'opt';
  if (isA(expr, 'Not')) return 'not';
  if (isA(expr, 'Lookahead')) return 'lookahead';
  if (isA(expr, 'Lex')) return 'lex';
  if (isA(expr, 'Apply')) return 'apply';
  return 'unsupported';
}

/** The sub-expressions Ohm's tree holds, in order. */
export const ohmChildren = (expr: PExpr): PExpr[] => {
  switch (kindOf(expr)) {
    case 'alt':
      return expr.terms as PExpr[];
    case 'seq':
      return expr.factors as PExpr[];
    case 'star':
    case 'plus':
    case 'opt':
    case 'not':
    case 'lookahead':
    case 'lex':
      return [expr.expr as PExpr];
    case 'apply':
      return (expr.args as PExpr[]) ?? [];
    default:
      return [];
  }
};

export const isApplication = (expr: PExpr): boolean => kindOf(expr) === 'apply';

/** The memo key Ohm itself uses for an application, e.g. `kw<"lease">`. */
export const applicationKey = (expr: PExpr): string =>
  (expr as unknown as { toMemoKey(): string }).toMemoKey();

export const ruleNameOf = (expr: PExpr): string => expr.ruleName as string;


/** Replaces a parameterised rule's formals by the actual arguments (Ohm's own operation). */
export function substituteParams(body: PExpr, args: PExpr[]): PExpr {
  return (body as unknown as { substituteParams(a: PExpr[]): PExpr }).substituteParams(args);
}

/** The compiler's tree of an (instantiated) Ohm expression. */
export function toIr(expr: PExpr): Expr {
  const kind = kindOf(expr);
  switch (kind) {
    case 'any':
    case 'end':
      return { kind };
    case 'terminal':
      return { kind, text: expr.obj as string };
    case 'range':
      return { kind, from: expr.from as string, to: expr.to as string };
    case 'param':
      return { kind, index: expr.index as number };
    case 'alt':
      return { kind, terms: ohmChildren(expr).map(toIr) };
    case 'seq':
      return { kind, factors: ohmChildren(expr).map(toIr) };
    case 'star':
    case 'plus':
    case 'opt':
    case 'not':
    case 'lookahead':
    case 'lex':
      return { kind, expr: toIr(expr.expr as PExpr) };
    case 'apply':
      return {
        kind,
        ruleName: ruleNameOf(expr),
        key: applicationKey(expr),
        args: ohmChildren(expr).map(toIr),
      };
    case 'unsupported':
      return { kind, what: expr.constructor.name };
  }
}
