// The README's example, runnable as it stands (with `leasecheck/arbitraries` as the import
// path in a project that depends on leasecheck).
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { leasesFile, truncatedLeasesFile } from '../../src/arbitraries/index.js';

/** A toy reader to test: counts `lease` declarations and says whether the file ends whole. */
function countLeases(text: string): { leases: number; whole: boolean } {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
  }
  const ended = /[};]\s*$/.test(text); // the last declaration's `}` or `;` is there
  return {
    leases: (text.match(/^lease /gm) ?? []).length,
    whole: depth === 0 && !inString && ended,
  };
}

it('my reader finds every file dhcpd writes whole', () => {
  fc.assert(
    fc.property(leasesFile({ family: 'v4' }), (text) => {
      expect(countLeases(text).whole).toBe(true);
    }),
  );
});

it('my reader notices a file cut inside its last declaration', () => {
  fc.assert(
    fc.property(truncatedLeasesFile({ family: 'v4' }), ({ text }) => {
      expect(countLeases(text).whole).toBe(false);
    }),
  );
});
