import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGrammar } from '../../src/grammar/compile/index.js';
import { leaseRecogniserOptions } from '../../src/grammar/lease-recogniser-options.js';
import { leaseGrammar } from '../../src/grammar/load.js';

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

  it('refuses grammar constructs it cannot compile, naming the rule', async () => {
    const ohm = await import('ohm-js');
    const grammar = ohm.grammar('G { Start = caseInsensitive<"x"> space := " " }');
    const result = compileGrammar(grammar, { ...leaseRecogniserOptions, entryRules: ['Start'], captureRules: [] });
    expect('errors' in result && result.errors.join('\n')).toMatch(/unsupported expression/);
  });
});
