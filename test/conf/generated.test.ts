import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { confGrammar } from '../../src/conf/grammar.js';
import { compileGrammar } from '../../src/grammar/compile/index.js';
import { confRecogniserOptions } from '../../src/grammar/conf-recogniser-options.js';

describe('the generated dhcpd.conf recogniser', () => {
  it('is up to date with grammar/dhcpd-conf.ohm (run `npm run generate` after editing the grammar)', () => {
    const result = compileGrammar(confGrammar(), confRecogniserOptions);
    expect('errors' in result ? result.errors : []).toEqual([]);
    const committed = readFileSync(
      new URL('../../src/grammar/generated/conf-recogniser.ts', import.meta.url),
      'utf8',
    );
    expect('code' in result && result.code === committed).toBe(true);
  });
});
