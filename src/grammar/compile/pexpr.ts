import type * as ohm from 'ohm-js';
import { ohmLibrary } from '../ohm-lazy.js';

/**
 * A typed view of Ohm's parsing expressions (`ohm.pexprs`), so that the
 * compiler passes can switch on a kind instead of probing classes.
 */
export type PExpr = ohm.PExpr & Record<string, unknown>;

export type PExprKind =
  | 'any'
  | 'end'
  | 'terminal'
  | 'range'
  | 'param'
  | 'alt'
  | 'seq'
  | 'star'
  | 'plus'
  | 'opt'
  | 'not'
  | 'lookahead'
  | 'lex'
  | 'apply'
  | 'unsupported';

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

export function kindOf(expr: PExpr): PExprKind {
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

export const terminalText = (expr: PExpr): string => expr.obj as string;
export const rangeFrom = (expr: PExpr): number => (expr.from as string).charCodeAt(0);
export const rangeTo = (expr: PExpr): number => (expr.to as string).charCodeAt(0);
export const children = (expr: PExpr): PExpr[] => {
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

/** The memo key Ohm itself uses for an application, e.g. `kw<"lease">`. */
export const applicationKey = (expr: PExpr): string =>
  (expr as unknown as { toMemoKey(): string }).toMemoKey();

export const ruleNameOf = (expr: PExpr): string => expr.ruleName as string;

export const isSyntacticName = (name: string): boolean => /^[A-Z]/.test(name);

/** Replaces a parameterised rule's formals by the actual arguments (Ohm's own operation). */
export function substituteParams(body: PExpr, args: PExpr[]): PExpr {
  return (body as unknown as { substituteParams(a: PExpr[]): PExpr }).substituteParams(args);
}
