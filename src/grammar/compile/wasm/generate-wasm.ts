import type { GenerateOptions } from '../emit-rules.js';
import type { FirstSets } from '../first-set.js';
import type { RuleTable } from '../instantiate.js';
import { leaseSummaryFunction } from './emit-lease-summary.js';
import { emitWasmModule, type WasmModule } from './emit-wasm-module.js';
import { emitWasmRules } from './emit-wasm-rules.js';
import { emitWasmSource } from './emit-wasm-source.js';

/** Pass: generate the recogniser as a WebAssembly module, and the TypeScript module that carries it. */
export function generateWasmRecogniser(
  table: RuleTable,
  first: FirstSets,
  recursive: Set<string>,
  options: GenerateOptions,
): { module: WasmModule; code: string } {
  const rules = emitWasmRules(table, first, recursive, options);
  const summary = options.leaseSummary
    ? leaseSummaryFunction(options.leaseSummary, (name) => {
        const number = options.captureRules.indexOf(name);
        if (number < 0) throw new Error(`the lease summary reads ${name}, which is not captured`);
        return number;
      })
    : undefined;
  const module = emitWasmModule(rules, options.captureRules.length, summary);
  return { module, code: emitWasmSource(module, rules.padding, options) };
}
