import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  corruptedLeasesFile,
  crlfLeasesFile,
  lease,
  host,
  group,
  classDeclaration,
  failoverState,
  ia,
  leasesFile,
  renderedLeasesFile,
  truncatedLeasesFile,
} from '../../src/arbitraries/index.js';
import { ohmAccepts, ohmMessage } from './ohm-oracle.js';
import { fcParams } from './prerequisites.js';

/** Ohm's interpreter on the lead's grammar: the reference for "is this text a valid lease file". */
const valid = (text: string): boolean => ohmAccepts(text);

describe('generated files are valid lease files (Ohm interpreter on grammar/dhcpd-leases.ohm)', () => {
  it('whole files, v4 and v6, every statement dhcpd writes, both time and lease-id formats', () => {
    fc.assert(
      fc.property(leasesFile(), (text) => {
        expect(ohmMessage(text)).toBe('accepted');
      }),
      fcParams(60),
    );
  });

  it('with the 3.x forms dhcpd still reads and raw high bytes in strings', () => {
    fc.assert(
      fc.property(leasesFile({ legacy: true, rawHighBytes: true }), (text) => {
        expect(ohmMessage(text)).toBe('accepted');
      }),
      fcParams(60),
    );
  });

  it('each declaration arbitrary alone', () => {
    const one = fc.oneof(lease(), host(), group(), classDeclaration(), failoverState(), ia());
    fc.assert(
      fc.property(one, (text) => {
        expect(ohmMessage(`${text}\n`)).toBe('accepted');
      }),
      fcParams(300),
    );
  });

  it('with CRLF line ends', () => {
    fc.assert(
      fc.property(crlfLeasesFile(), (text) => valid(text)),
      fcParams(50),
    );
  });
});

describe('the transforms damage files where they say', () => {
  it('a cut inside the last declaration leaves a file the grammar rejects, and the cut lies inside that declaration', () => {
    fc.assert(
      fc.property(truncatedLeasesFile(), (t) => {
        expect(t.cut).toBeGreaterThan(t.declarationStart);
        expect(t.text).toBe(t.original.slice(0, t.cut));
        expect(valid(t.text)).toBe(false);
        // Everything before the partial declaration is whole.
        expect(valid(t.original.slice(0, t.declarationStart))).toBe(true);
      }),
      fcParams(100),
    );
  });

  it('mid-file damage stays before the last declaration', () => {
    fc.assert(
      fc.property(corruptedLeasesFile(), (c) => {
        expect(c.offset).toBeLessThan(c.lastDeclarationStart);
        expect(c.text).toBe(
          c.original.slice(0, c.offset) + c.inserted + c.original.slice(c.offset + c.removed),
        );
      }),
      fcParams(100),
    );
  });
});

describe('determinism and shrinking', () => {
  it('the same seed gives the same files', () => {
    const a = fc.sample(leasesFile(), { numRuns: 20, seed: 1234 });
    const b = fc.sample(leasesFile(), { numRuns: 20, seed: 1234 });
    expect(a).toEqual(b);
    expect(new Set(a).size).toBeGreaterThan(10);
  });

  it('a failure shrinks to a small readable file', () => {
    // Fails on any file holding a lease with a uid: the shrunk file should hold little else.
    const details = fc.check(
      fc.property(renderedLeasesFile({ family: 'v4' }), (f) => !/\n {2}uid /.test(f.text)),
      { seed: 42, numRuns: 200 },
    );
    expect(details.failed).toBe(true);
    const [shrunk] = details.counterexample!;
    expect(shrunk.text).toMatch(/\n {2}uid /);
    expect(shrunk.text.split('\n').length).toBeLessThanOrEqual(12);
    expect(shrunk.declarations.filter((d) => d.kind === 'lease')).toHaveLength(1);
  });
});
