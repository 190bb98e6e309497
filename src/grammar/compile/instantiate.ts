import type * as ohm from 'ohm-js';
import { isSyntacticName, type Expr } from './ir.js';
import {
  applicationKey,
  isApplication,
  ohmChildren,
  ruleNameOf,
  substituteParams,
  toIr,
  type PExpr,
} from './pexpr.js';
import type { CompileSession } from './session.js';

/** One rule as the generator sees it: parameters already replaced by their arguments. */
export interface RuleInstance {
  /** Ohm's memo key: `Date`, `kw<"lease">`. */
  key: string;
  name: string;
  body: Expr;
  syntactic: boolean;
  description: string | null;
  /** A valid JavaScript identifier for the generated function. */
  id: string;
}

export type RuleTable = Map<string, RuleInstance>;

interface OhmRuleInfo {
  body: PExpr;
  formals: string[];
  description?: string;
}

/**
 * Pass: starting from the entry rules (and `spaces`, which syntactic rules
 * apply implicitly), collect every rule application reachable, with each
 * parameterised rule instantiated once per distinct argument list.
 */
export function instantiateRules(
  grammar: ohm.Grammar,
  entryRules: readonly string[],
  session: CompileSession,
): RuleTable {
  const rules = grammar.rules as unknown as Record<string, OhmRuleInfo>;
  const table: RuleTable = new Map();
  const usedIds = new Set<string>();
  const pending: Array<{ name: string; args: PExpr[]; key: string }> = [];

  const identifierFor = (key: string): string => {
    const base = `r_${key.replace(/[^A-Za-z0-9_]+/g, '_').replace(/_+$/, '')}`;
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}_${n}`;
    usedIds.add(id);
    return id;
  };

  const enqueue = (name: string, args: PExpr[], key: string): void => {
    if (table.has(key) || pending.some((p) => p.key === key)) return;
    pending.push({ name, args, key });
  };

  // `space` is what syntactic rules skip implicitly (Ohm's `spaces` is `space*`).
  for (const name of [...entryRules, 'space']) {
    if (!rules[name]) session.error(`entry rule ${name} is not in the grammar`);
    else enqueue(name, [], name);
  }

  const visit = (expr: PExpr): void => {
    if (isApplication(expr)) {
      const name = ruleNameOf(expr);
      if (!rules[name]) {
        session.error(`rule ${name} is applied but not defined`);
        return;
      }
      enqueue(name, (expr.args as PExpr[]) ?? [], applicationKey(expr));
    }
    for (const child of ohmChildren(expr)) visit(child);
  };

  while (pending.length > 0) {
    const { name, args, key } = pending.shift()!;
    const info = rules[name];
    if (!info) continue;
    if (info.formals.length !== args.length) {
      session.error(`rule ${name} expects ${info.formals.length} arguments, got ${args.length}`);
      continue;
    }
    const body = args.length > 0 ? substituteParams(info.body, args) : info.body;
    table.set(key, {
      key,
      name,
      body: toIr(body),
      syntactic: isSyntacticName(name),
      description: info.description ?? null,
      id: identifierFor(key),
    });
    visit(body);
  }
  return table;
}
