import { children, type Expr } from './ir.js';
import type { RuleTable } from './instantiate.js';
import type { CompileSession } from './session.js';

/**
 * Pass: every construct in the instantiated rules must be one the generator
 * supports; Unicode categories and case-insensitive terminals are not (lease
 * files are bytes), and no parameter may survive instantiation.
 */
export function checkSupported(table: RuleTable, session: CompileSession): void {
  const visit = (expr: Expr, rule: string): void => {
    if (expr.kind === 'unsupported') {
      session.error(`rule ${rule}: unsupported expression (${expr.what})`);
    } else if (expr.kind === 'param') {
      session.error(`rule ${rule}: parameter left after instantiation`);
    } else if (expr.kind === 'range' && (expr.from.length !== 1 || expr.to.length !== 1)) {
      session.error(`rule ${rule}: ranges must be single characters`);
    }
    for (const child of children(expr)) visit(child, rule);
  };
  for (const rule of table.values()) visit(rule.body, rule.key);
}
