import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGrammar, compileGrammarToWasm } from '../../src/grammar/compile/index.js';
import { leaseRecogniserOptions } from '../../src/grammar/lease-recogniser-options.js';
import { leaseGrammar } from '../../src/grammar/load.js';
import { run } from '../harness/exec.js';
import { repoRoot } from '../harness/leasecheck.js';

describe('the generated recogniser', () => {
  it('is up to date with grammar/dhcpd-leases.ohm (run `npm run generate` after editing the grammar)', () => {
    const result = compileGrammar(leaseGrammar(), leaseRecogniserOptions);
    expect('errors' in result ? result.errors : []).toEqual([]);
    const committed = readFileSync(
      new URL('../../src/grammar/generated/lease-recogniser.ts', import.meta.url),
      'utf8',
    );
    expect('code' in result && result.code === committed).toBe(true);
  });

  it('has its WebAssembly twin up to date too (run `npm run generate` after editing the grammar or the compiler)', () => {
    const result = compileGrammarToWasm(leaseGrammar(), leaseRecogniserOptions);
    expect('errors' in result ? result.errors : []).toEqual([]);
    const committed = readFileSync(
      new URL('../../src/grammar/generated/lease-recogniser-wasm.ts', import.meta.url),
      'utf8',
    );
    expect('code' in result && result.code === committed).toBe(true);
  });

  it('refuses grammar constructs it cannot compile, naming the rule', async () => {
    const ohm = await import('ohm-js');
    const grammar = ohm.grammar('G { Start = caseInsensitive<"x"> space := " " }');
    const result = compileGrammar(grammar, { ...leaseRecogniserOptions, entryRules: ['Start'], captureRules: [] });
    expect('errors' in result && result.errors.join('\n')).toMatch(/unsupported expression/);
  });

  it('keeps lastMatch, read several times per declaration, out of V8 dictionary mode', async () => {
    // A dictionary-mode object is read through the generic lookup even from
    // optimised code: it cost a check of a large file several percent.
    const script = [
      `const m = await import(${JSON.stringify(`${repoRoot}/dist/grammar/generated/lease-recogniser.js`)});`,
      `m.matchRule('LeaseFile', 'lease 10.0.0.1 { binding state free; }\\n', 0);`,
      'console.log(%HasFastProperties(m.lastMatch), m.lastMatch.eventCount > 0, m.lastMatch.examinedEnd);',
    ].join('\n');
    const result = await run(
      [process.execPath, '--allow-natives-syntax', '--input-type=module', '-e', script],
      { timeoutMs: 30_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('true true true');
  });

  it('gives the readers their rule numbers in objects out of V8 dictionary mode', async () => {
    // Readers compare each event's rule against these once per event; the conf
    // recogniser captures 55 rules, past where a key-by-key object turns into a dictionary.
    const script = [
      `const { capturedRuleIds } = await import(${JSON.stringify(`${repoRoot}/dist/grammar/captured-rules.js`)});`,
      `const lease = await import(${JSON.stringify(`${repoRoot}/dist/grammar/generated/lease-recogniser.js`)});`,
      `const conf = await import(${JSON.stringify(`${repoRoot}/dist/grammar/generated/conf-recogniser.js`)});`,
      'const ids = [lease, conf].map((m) => capturedRuleIds(m.CAPTURED_RULES));',
      'console.log(ids.map((t) => %HasFastProperties(t)).join(" "), conf.CAPTURED_RULES.length > 50, ids[1].Subnet === conf.CAPTURED_RULES.indexOf("Subnet"));',
    ].join('\n');
    const result = await run(
      [process.execPath, '--allow-natives-syntax', '--input-type=module', '-e', script],
      { timeoutMs: 30_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('true true true true');
  });
});
