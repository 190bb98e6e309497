// Compiles grammar/dhcpd-leases.ohm into src/grammar/generated/lease-recogniser.ts.
// Runs the compiler from dist/, so build first: `npm run generate` does both.
import { writeFileSync } from 'node:fs';
import { compileGrammar } from '../dist/grammar/compile/index.js';
import { leaseGrammar } from '../dist/grammar/load.js';
import { leaseRecogniserOptions } from '../dist/grammar/lease-recogniser-options.js';

const result = compileGrammar(leaseGrammar(), leaseRecogniserOptions);
if ('errors' in result) {
  console.error(result.errors.join('\n'));
  process.exit(1);
}
const target = new URL('../src/grammar/generated/lease-recogniser.ts', import.meta.url);
writeFileSync(target, result.code);
console.log(`wrote ${target.pathname} (${result.code.length} bytes)`);
