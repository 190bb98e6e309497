import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as jsRecogniser from '../../src/grammar/generated/lease-recogniser.js';
import * as wasmRecogniser from '../../src/grammar/generated/lease-recogniser-wasm.js';
import { leaseGrammar } from '../../src/grammar/load.js';
import { recogniseWholeFile as recogniseWith, type WholeFileRecogniser } from '../../src/grammar/whole-file.js';
import { propertyParameters, readFixture } from '../helpers.js';
import { mutatedText } from './byte-mutations.js';

/**
 * The compiled recognisers, the JavaScript one and the WebAssembly one, must
 * each agree with Ohm's interpreter, the reference, on success and on the
 * rightmost failure position, for every input.
 */
function ohmVerdict(text: string): { succeeded: boolean; failure: number } {
  const match = leaseGrammar().match(text, 'LeaseFile') as unknown as {
    succeeded(): boolean;
    getRightmostFailurePosition(): number;
  };
  return match.succeeded()
    ? { succeeded: true, failure: -1 }
    : { succeeded: false, failure: match.getRightmostFailurePosition() };
}

const small = ['srv.leases', 'v6.leases', 'fo-secondary.leases'];

const engines: [string, WholeFileRecogniser][] = [
  ['JavaScript', jsRecogniser],
  ['WebAssembly', wasmRecogniser],
];

describe.each(engines)('compiled recogniser (%s) vs Ohm interpreter', (_name, engine) => {
  const recogniseWholeFile = (text: string): { succeeded: boolean; failure: number } => recogniseWith(text, engine);

  it.each(['srv.leases', 'v6.leases', 'fo-secondary.leases', 'fo-primary.leases', 'enospc-truncated.leases'])(
    'agrees on the real fixture %s',
    (name) => {
      const text = readFixture(name);
      expect(recogniseWholeFile(text)).toEqual(ohmVerdict(text));
    },
  );

  it.each(small)('agrees on truncations of %s (every byte of small files, 400 spread over larger ones)', (name) => {
    const text = readFixture(name);
    const step = Math.max(1, Math.floor(text.length / 400));
    for (let cut = 0; cut <= text.length; cut += step) {
      const prefix = text.slice(0, cut);
      const fast = recogniseWholeFile(prefix);
      const reference = ohmVerdict(prefix);
      if (fast.succeeded !== reference.succeeded || fast.failure !== reference.failure) {
        expect({ cut, ...fast }).toEqual({ cut, ...reference });
      }
    }
  });

  it('agrees on random byte mutations of real files', () => {
    const texts = small.map(readFixture);
    fc.assert(
      fc.property(mutatedText(texts), (text) => {
        expect(recogniseWholeFile(text)).toEqual(ohmVerdict(text));
      }),
      propertyParameters(150),
    );
  });
});
