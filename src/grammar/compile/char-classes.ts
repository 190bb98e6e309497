import { rangeFrom, rangeTo, type Expr } from './ir.js';
import type { RuleTable } from './instantiate.js';

/**
 * Analysis: character classes.
 *
 * The set of characters when `expr` matches exactly one character from a
 * fixed set (a range, a one-character terminal, a choice of those, or a
 * plain lexical rule made of them), else null. Such expressions compile to
 * a table lookup instead of calls: same result, same failure position.
 */
export function charClasses(
  table: RuleTable,
  captured: ReadonlyMap<string, number>,
  recursive: ReadonlySet<string>,
): (expr: Expr) => Set<number> | null {
  const classMemo = new Map<Expr, Set<number> | null>();
  const charClass = (expr: Expr): Set<number> | null => {
    if (classMemo.has(expr)) return classMemo.get(expr)!;
    classMemo.set(expr, null);
    let result: Set<number> | null = null;
    switch (expr.kind) {
      case 'range': {
        result = new Set();
        for (let c = rangeFrom(expr); c <= Math.min(rangeTo(expr), 255); c++) result.add(c);
        break;
      }
      case 'terminal': {
        const text = expr.text;
        if (text.length === 1) result = new Set([text.charCodeAt(0)]);
        break;
      }
      case 'alt': {
        const sets = expr.terms.map(charClass);
        if (sets.every((set) => set !== null)) result = new Set(sets.flatMap((set) => [...set!]));
        break;
      }
      case 'apply': {
        const rule = table.get(expr.key);
        if (rule && !rule.syntactic && !captured.has(rule.key) && !recursive.has(rule.key)) {
          result = charClass(rule.body);
        }
        break;
      }
      case 'any': {
        // Any byte: the input is latin1, and the end sentinel is no byte.
        result = new Set<number>();
        for (let c = 0; c < 256; c++) result.add(c);
        break;
      }
      case 'seq': {
        // `~x y` with x and y classes (typically `~"\n" any`): y but not x
        // (fails where Ohm fails, at the same position, whichever part fails).
        const [not, then] = expr.factors;
        if (expr.factors.length === 2 && not!.kind === 'not') {
          const excluded = charClass(not.expr);
          const allowed = charClass(then!);
          if (excluded && allowed) result = new Set([...allowed].filter((c) => !excluded.has(c)));
        }
        break;
      }
      default:
        break;
    }
    classMemo.set(expr, result);
    return result;
  };
  return charClass;
}
