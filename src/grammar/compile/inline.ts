import { children, type Expr } from './ir.js';
import type { RuleInstance, RuleTable } from './instantiate.js';

/**
 * Analysis: which rules the generator writes out where they are applied.
 */
export function inlinableRules(
  table: RuleTable,
  captured: ReadonlyMap<string, number>,
  recursive: ReadonlySet<string>,
  charClass: (expr: Expr) => Set<number> | null,
): (rule: RuleInstance) => boolean {
  /** How many applications of each rule the grammar's reachable rules hold. */
  const applicationSites = new Map<string, number>();
  const countApplications = (expr: Expr): void => {
    if (expr.kind === 'apply') {
      const key = expr.key;
      applicationSites.set(key, (applicationSites.get(key) ?? 0) + 1);
    }
    children(expr).forEach(countApplications);
  };
  for (const rule of table.values()) countApplications(rule.body);

  /**
   * Rules written out where they are applied instead of called: lexical
   * rules that only compare characters (keywords: a terminal and `~` of a
   * class), and rules applied in one place only. Applying one adds nothing
   * to its body in Ohm's semantics when it has no description (which would
   * reset the failure position), is not captured (no event) and is not
   * recursive. As functions, V8 compiled each on its own and again inside
   * every caller. (`space` stays a function: the space skipper calls it.)
   */
  const inlinable = (rule: RuleInstance): boolean =>
    rule.description === null &&
    !captured.has(rule.key) &&
    !recursive.has(rule.key) &&
    rule.key !== 'space' &&
    ((!rule.syntactic && comparesOnly(rule.body)) || applicationSites.get(rule.key) === 1);

  const comparesOnly = (expr: Expr): boolean => {
    switch (expr.kind) {
      case 'terminal':
        return true;
      case 'not':
        return charClass(expr.expr) !== null;
      case 'seq':
        return expr.factors.every(comparesOnly);
      default:
        return false;
    }
  };
  return inlinable;
}
