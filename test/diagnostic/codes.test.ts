import { describe, expect, it } from 'vitest';
import { checkProblemCodes } from '../../src/check/codes.js';
import { configFindingCodes } from '../../src/conf/index.js';
import { pairAreas, pairFindingCodes } from '../../src/pair/codes.js';
import { verifyFindingCodes } from '../../src/verify/codes.js';

describe('the code lists of the diagnostics (the public codes scripts switch on)', () => {
  it.each([
    ['check', checkProblemCodes],
    ['verify', verifyFindingCodes],
    ['pair', pairFindingCodes],
    ['pair areas', pairAreas],
    ['conf', configFindingCodes],
  ] as const)('%s: each code once, in lower-case words joined by hyphens', (_area, codes) => {
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('a verify code never takes the form of a configuration finding after config-', () => {
    const configForms = new Set(configFindingCodes.map((code) => `config-${code}`));
    expect(verifyFindingCodes.filter((code) => configForms.has(code))).toEqual([]);
  });
});
