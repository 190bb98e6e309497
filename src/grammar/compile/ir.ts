/**
 * The compiler's own parsing expressions: a small typed tree the passes
 * switch on (`expr.kind`), read once from Ohm's rule tree (pexpr.ts), after
 * parameterised rules were instantiated. Nothing past instantiation sees
 * Ohm's classes.
 */
export type Expr =
  | { kind: 'any' }
  | { kind: 'end' }
  | { kind: 'terminal'; text: string }
  /** `from` and `to` as written: single characters once checked. */
  | { kind: 'range'; from: string; to: string }
  | { kind: 'param'; index: number }
  | { kind: 'alt'; terms: Expr[] }
  | { kind: 'seq'; factors: Expr[] }
  | { kind: 'star' | 'plus' | 'opt' | 'not' | 'lookahead' | 'lex'; expr: Expr }
  /** `key`: Ohm's memo key of the application, e.g. `kw<"lease">`, the rule instance it names. */
  | { kind: 'apply'; ruleName: string; key: string; args: Expr[] }
  /** A construct the generator does not support, named by Ohm's class. */
  | { kind: 'unsupported'; what: string };

export type ExprKind = Expr['kind'];

/** The sub-expressions of an expression, in order. */
export function children(expr: Expr): Expr[] {
  // star, plus, opt, not, lookahead, lex: one sub-expression.
  if ('expr' in expr) return [expr.expr];
  switch (expr.kind) {
    case 'alt':
      return expr.terms;
    case 'seq':
      return expr.factors;
    case 'apply':
      return expr.args;
    default:
      return [];
  }
}

/** A range's first and last character code. */
export const rangeFrom = (expr: { from: string }): number => expr.from.charCodeAt(0);
export const rangeTo = (expr: { to: string }): number => expr.to.charCodeAt(0);

export const isSyntacticName = (name: string): boolean => /^[A-Z]/.test(name);
