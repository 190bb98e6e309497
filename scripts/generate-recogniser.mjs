// Compiles the grammars into their recognisers:
//   grammar/dhcpd-leases.ohm -> src/grammar/generated/lease-recogniser.ts
//                               src/grammar/generated/lease-recogniser-wasm.ts (WebAssembly)
//   grammar/dhcpd-conf.ohm   -> src/grammar/generated/conf-recogniser.ts
// Runs the compiler from dist/, so build first: `npm run generate` does both.
import { writeFileSync } from 'node:fs';
import { confGrammar } from '../dist/conf/grammar.js';
import { compileGrammar, compileGrammarToWasm } from '../dist/grammar/compile/index.js';
import { confRecogniserOptions } from '../dist/grammar/conf-recogniser-options.js';
import { leaseGrammar } from '../dist/grammar/load.js';
import { leaseRecogniserOptions } from '../dist/grammar/lease-recogniser-options.js';

const targets = [
  {
    grammar: leaseGrammar(),
    options: leaseRecogniserOptions,
    file: 'lease-recogniser.ts',
    compile: compileGrammar,
  },
  {
    grammar: leaseGrammar(),
    options: leaseRecogniserOptions,
    file: 'lease-recogniser-wasm.ts',
    compile: compileGrammarToWasm,
  },
  {
    grammar: confGrammar(),
    options: confRecogniserOptions,
    file: 'conf-recogniser.ts',
    compile: compileGrammar,
  },
];

for (const { grammar, options, file, compile } of targets) {
  const result = compile(grammar, options);
  if ('errors' in result) {
    console.error(`${options.source}:\n${result.errors.join('\n')}`);
    process.exit(1);
  }
  const target = new URL(`../src/grammar/generated/${file}`, import.meta.url);
  writeFileSync(target, result.code);
  console.log(`wrote ${target.pathname} (${result.code.length} bytes)`);
}
