import { emitModule } from './emit-module.js';
import { emitRules, type GenerateOptions } from './emit-rules.js';
import type { FirstSets } from './first-set.js';
import type { RuleTable } from './instantiate.js';

export type { GenerateOptions } from './emit-rules.js';

/** Pass: generate the recogniser as TypeScript source: its rule functions, then the module around them. */
export function generateRecogniser(
  table: RuleTable,
  first: FirstSets,
  recursive: Set<string>,
  options: GenerateOptions,
): string {
  return emitModule(emitRules(table, first, recursive, options), options);
}
