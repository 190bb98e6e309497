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

/**
 * Ohm's classes and the kind each is, most specific first: Star/Plus/Opt
 * extend Iter, Extend/Splice extend Alt, and a case-insensitive terminal is
 * no plain Terminal to the generator.
 */
const kindsByClass: ReadonlyArray<readonly [string, ExprKind]> = [
  ['CaseInsensitiveTerminal', 'unsupported'],
  ['UnicodeChar', 'unsupported'],
  ['Terminal', 'terminal'],
  ['Range', 'range'],
  ['Param', 'param'],
  ['Alt', 'alt'],
  ['Seq', 'seq'],
  ['Star', 'star'],
  ['Plus', 'plus'],
  ['Opt', 'opt'],
  ['Not', 'not'],
  ['Lookahead', 'lookahead'],
  ['Lex', 'lex'],
  ['Apply', 'apply'],
];

function kindOf(expr: PExpr): ExprKind {
  if (expr === P.any) return 'any';
  if (expr === P.end) return 'end';
  return kindsByClass.find(([className]) => isA(expr, className))?.[1] ?? 'unsupported';
}

/** Where Ohm's node of each kind holds its sub-expressions (one, or a list). */
const childrenProperty: Partial<Record<ExprKind, string>> = {
  alt: 'terms',
  seq: 'factors',
  star: 'expr',
  plus: 'expr',
  opt: 'expr',
  not: 'expr',
  lookahead: 'expr',
  lex: 'expr',
  apply: 'args',
};

/** The sub-expressions Ohm's tree holds, in order. */
export const ohmChildren = (expr: PExpr): PExpr[] => {
  const property = childrenProperty[kindOf(expr)];
  const held = property === undefined ? undefined : (expr[property] as PExpr | PExpr[] | undefined);
  if (held === undefined) return [];
  return Array.isArray(held) ? held : [held];
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
