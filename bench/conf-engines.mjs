// Times reading one large generated dhcpd.conf with each engine: the compiled
// recogniser with statements built from its events (what `parseConfText`
// does for a valid file), and Ohm's interpreter with its semantics (what it
// did before, and still does for messages). A measurement, not a test:
//   npm run build && node bench/conf-engines.mjs [HOSTS]
import { confGrammar, foldCase } from '../dist/conf/grammar.js';
import { parseConfText } from '../dist/conf/parse.js';
import { statementsOf } from '../dist/conf/semantics.js';
import { sourceText } from '../dist/conf/source.js';

const hosts = Number(process.argv[2] ?? 20000);
const lines = [
  'authoritative;',
  'default-lease-time 600;',
  'subnet 10.0.0.0 netmask 255.0.0.0 {',
  '  pool {',
  '    range 10.0.0.10 10.0.255.250;',
  '  }',
  '}',
];
for (let i = 0; i < hosts; i++) {
  const mac = [0, 0x16, 0x3e, (i >> 16) & 255, (i >> 8) & 255, i & 255]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join(':');
  lines.push(
    `host Host-${i} { # machine ${i}`,
    `  hardware ethernet ${mac};`,
    `  fixed-address 10.1.${(i >> 8) & 255}.${i & 255};`,
    `  option host-name "host-${i}";`,
    '}',
  );
}
const text = lines.join('\n') + '\n';

const time = (run) => {
  const start = process.hrtime.bigint();
  const result = run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
};

const compiled = time(() => parseConfText(text, 'large.conf'));
const ohm = time(() => {
  const grammar = confGrammar();
  const match = grammar.match(foldCase(text), 'Config');
  return statementsOf(grammar, match, sourceText(text));
});
const same = JSON.stringify(compiled.result) === JSON.stringify(ohm.result);
console.log(
  `${hosts} host declarations, ${text.length} bytes, ${compiled.result.length} top-level statements`,
);
console.log(`compiled recogniser + events: ${compiled.ms.toFixed(0)} ms`);
console.log(`Ohm interpreter + semantics:  ${ohm.ms.toFixed(0)} ms (including loading Ohm)`);
console.log(`same statements: ${same}`);
