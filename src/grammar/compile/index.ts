import type * as ohm from 'ohm-js';
import { checkSupported } from './check-supported.js';
import { FirstSets } from './first-set.js';
import { generateRecogniser, type GenerateOptions } from './generate.js';
import { instantiateRules, type RuleTable } from './instantiate.js';
import { findRecursiveRules } from './recursion.js';
import { CompileSession } from './session.js';
import { generateWasmRecogniser } from './wasm/generate-wasm.js';

/**
 * The grammar compiler: an Ohm grammar's rule tree in, the source of a
 * specialised recogniser out. The stages, in order:
 *
 * 1. instantiate  - collect reachable rules, one instance per argument list,
 *                   each read into the compiler's typed tree (ir.ts)
 * 2. check        - every construct is one the generator supports
 * 3. analyse      - first-character sets, recursive rules
 * 4. generate     - the rule functions as straight-line TypeScript
 *                   (emit-rules.ts), then the module around them with the
 *                   runtime (emit-module.ts, runtime.ts); or, with the same
 *                   analyses, as WebAssembly (wasm/, compileGrammarToWasm)
 */
export function compileGrammar(
  grammar: ohm.Grammar,
  options: GenerateOptions,
): { code: string } | { errors: string[] } {
  const analysed = analyseGrammar(grammar, options);
  if ('errors' in analysed) return analysed;
  const { table, first, recursive } = analysed;
  return { code: generateRecogniser(table, first, recursive, options) };
}

/**
 * The same compiler with the WebAssembly back end: the source of a module
 * that carries the recogniser's bytes and exports the JavaScript
 * recogniser's functions (wasm/emit-wasm-source.ts), and the bytes.
 */
export function compileGrammarToWasm(
  grammar: ohm.Grammar,
  options: GenerateOptions,
): { code: string; bytes: Uint8Array } | { errors: string[] } {
  const analysed = analyseGrammar(grammar, options);
  if ('errors' in analysed) return analysed;
  const { table, first, recursive } = analysed;
  const { module, code } = generateWasmRecogniser(table, first, recursive, options);
  return { code, bytes: module.bytes };
}

/** Stages 1-3, shared by both back ends. */
function analyseGrammar(
  grammar: ohm.Grammar,
  options: GenerateOptions,
): { table: RuleTable; first: FirstSets; recursive: Set<string> } | { errors: string[] } {
  const session = new CompileSession();
  const table = instantiateRules(grammar, options.entryRules, session);
  checkSupported(table, session);
  if (session.errors.length > 0) return { errors: session.errors };
  return { table, first: new FirstSets(table), recursive: findRecursiveRules(table) };
}
