import { children, type Expr } from './ir.js';
import type { RuleTable } from './instantiate.js';

/**
 * Pass: the rules that can reach themselves through applications. Only these
 * need a depth counter, so that hostile input (100,000 nested `{`) gets a
 * clear error instead of overflowing the stack.
 */
export function findRecursiveRules(table: RuleTable): Set<string> {
  const calls = new Map<string, Set<string>>();
  const collect = (expr: Expr, into: Set<string>): void => {
    if (expr.kind === 'apply') into.add(expr.key);
    for (const child of children(expr)) collect(child, into);
  };
  for (const rule of table.values()) {
    const into = new Set<string>();
    collect(rule.body, into);
    calls.set(rule.key, into);
  }
  const recursive = new Set<string>();
  for (const start of table.keys()) {
    const seen = new Set<string>();
    const stack = [...(calls.get(start) ?? [])];
    while (stack.length > 0) {
      const key = stack.pop()!;
      if (key === start) {
        recursive.add(start);
        break;
      }
      if (seen.has(key)) continue;
      seen.add(key);
      stack.push(...(calls.get(key) ?? []));
    }
  }
  return recursive;
}
