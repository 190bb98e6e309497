import { rangeFrom, rangeTo, type Expr } from './ir.js';
import type { RuleTable } from './instantiate.js';

/**
 * What an expression can begin with, for first-character dispatch.
 *
 * `simple` means: when the character at the (space-skipped) start is not in
 * `chars`, the expression fails, records its failure exactly at that
 * position, and examines nothing else. Only then may the generator skip it
 * without running it and still keep Ohm's failure positions.
 */
export interface FirstInfo {
  /** Character codes 0-255 the expression can start with; null = any character. */
  chars: Set<number> | null;
  nullable: boolean;
  simple: boolean;
}

const ANY: FirstInfo = { chars: null, nullable: false, simple: false };

function union(a: Set<number> | null, b: Set<number> | null): Set<number> | null {
  if (a === null || b === null) return null;
  return new Set([...a, ...b]);
}

export class FirstSets {
  private readonly memo = new Map<string, FirstInfo>();
  private readonly active = new Set<string>();

  constructor(private readonly table: RuleTable) {}

  /** First information of an expression evaluated in a syntactic (true) or lexical context. */
  of(expr: Expr, syntactic: boolean): FirstInfo {
    switch (expr.kind) {
      case 'terminal': {
        const text = expr.text;
        if (text.length === 0) return { chars: new Set(), nullable: true, simple: false };
        return { chars: new Set([text.charCodeAt(0)]), nullable: false, simple: true };
      }
      case 'range': {
        const chars = new Set<number>();
        for (let c = rangeFrom(expr); c <= Math.min(rangeTo(expr), 255); c++) chars.add(c);
        return { chars, nullable: false, simple: true };
      }
      case 'any':
        return ANY;
      case 'end':
      case 'not':
      case 'lookahead':
      case 'star':
      case 'opt':
        return { chars: null, nullable: true, simple: false };
      case 'plus':
        return this.of(expr.expr, syntactic);
      case 'lex': {
        // Inside `#(...)` no spaces are skipped: in a syntactic context the
        // start position differs from the caller's, so do not dispatch on it.
        const inner = this.of(expr.expr, false);
        return syntactic ? { ...inner, simple: false } : inner;
      }
      case 'seq': {
        const factors = expr.factors;
        if (factors.length === 0) return { chars: new Set(), nullable: true, simple: false };
        const first = this.of(factors[0]!, syntactic);
        return first.nullable ? { chars: null, nullable: true, simple: false } : first;
      }
      case 'alt': {
        let chars: Set<number> | null = new Set();
        let nullable = false;
        let simple = true;
        for (const term of expr.terms) {
          const info = this.of(term, syntactic);
          chars = union(chars, info.chars);
          nullable ||= info.nullable;
          simple &&= info.simple;
        }
        return { chars, nullable, simple: simple && !nullable };
      }
      case 'apply':
        return this.ofRule(expr.key);
      default:
        return ANY;
    }
  }

  ofRule(key: string): FirstInfo {
    const cached = this.memo.get(key);
    if (cached) return cached;
    const rule = this.table.get(key);
    if (!rule || this.active.has(key)) return ANY;
    this.active.add(key);
    const info = this.of(rule.body, rule.syntactic);
    this.active.delete(key);
    this.memo.set(key, info);
    return info;
  }
}
