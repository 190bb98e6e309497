// The line dhcpd names in a warning at the end of the file is the line of
// the last token it read, whatever white space, blank lines or comments
// follow it. The model's located warnings must name the same line as dhcpd -T.
import { describe, expect, it } from 'vitest';
import { DhcpdLexer } from '../../src/dhcpd/conflex.js';
import { parseLeaseDeclaration } from '../../src/dhcpd/confpars-lease.js';
import { requireRealDhcpd } from '../harness/index.js';
import { cachedDhcpdTests } from './cached-dhcpd-test.js';
import { plainConf } from './leases-for-cuts.js';

const gate = requireRealDhcpd();

const head = 'lease 10.0.0.19 {\n  binding state active;';
const tails = [
  '',
  '\n',
  '\n\n\n',
  '  \t',
  ' # note',
  ' # note\n',
  '\n\n# note\n',
  '\n# a\n\n# b',
  '\n# a\n  \n',
];

function modelLines(text: string): Array<{ line: number; message: string }> {
  const lx = new DhcpdLexer(text);
  lx.next(); // `lease`, as lease_file_subparse reads it
  parseLeaseDeclaration('', 0, lx);
  return lx.located.map((w) => ({
    line: text.slice(0, w.offset).split('\n').length,
    message: w.message,
  }));
}

describe.skipIf(gate.skip)('the line of a warning at the end of the file (dhcpd -T)', () => {
  it('is the line of the last token, whatever follows it', async () => {
    const texts = tails.map((t) => head + t);
    const real = await cachedDhcpdTests(
      'eof-warning-line',
      texts.map((t) => ({ conf: { content: plainConf }, leases: { content: t } })),
    );
    const got = texts.map((t) => modelLines(t));
    const want = real.map((r) =>
      r.warnings.map((w) => ({ line: w.line, message: w.message.trim() })),
    );
    expect(got).toEqual(want);
    expect(want.map((w) => w.map((x) => x.line))).toEqual(tails.map(() => [2]));
  }, 60_000);
});
