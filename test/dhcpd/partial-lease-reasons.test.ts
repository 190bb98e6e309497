// Why dhcpd drops a partial last lease, in the words check gives an admin
// ("What dhcpd does with it now"): for each statement parse_lease_declaration
// gives up at when the file ends in it or after it, the explanation names the
// statement and says what was wrong with it. That dhcpd drops each of them (with
// the same warnings), so that an earlier declaration of the address stays in
// effect, is compared with dhcpd -T. (An `on` block the file ends inside is in
// partial-lease-approximate.test.ts.)
import { describe, expect, it } from 'vitest';
import { simulatePartialDeclaration } from '../../src/dhcpd/partial-declaration.js';
import { requireRealDhcpd } from '../harness/index.js';
import { cachedDhcpdTests } from './cached-dhcpd-test.js';
import { cutLease } from './cut-lease.js';

const now = new Date('2026-11-28T13:00:00Z');
const head = 'lease 10.0.1.10 {\n  ends 4 2037/12/31 00:00:00;\n';
const stays = 'an earlier declaration of the address, if any, stays in effect.';

/** The end of a partial lease (after `head`, or the whole of it), the statement named, and why dhcpd gives up. */
const cases: Array<[string, string, string]> = [
  ['  uid ', 'uid', 'its `uid` has no bytes dhcpd can read'],
  ['  class ', 'class', '`class` has no name'],
  ['  binding state ', 'binding state', 'the file ends before its binding state is named'],
  ['  binding state bogus;\n', 'binding state', '`bogus` is not a binding state'],
  [
    '  client-hostname "abc"',
    'client-hostname',
    'its `client-hostname` string is not closed by `;`',
  ],
  ['  client-hostname ', 'client-hostname', '`client-hostname` has no name'],
  ['  on ', 'on', '`on` has no event name'],
  ['  on expiry ', 'on', '`on` has no `{`'],
  ['  set ', 'set', '`set` has no variable name'],
  ['  set x ', 'set', '`set x` has no `=`'],
  ['  set x = ', 'set', '`set x` has no value'],
  ['  set x = %', 'set', '`set x` has no number after %'],
  ['  set x = maybe', 'set', '`set x` has a value that is neither true nor false'],
  ['  set x = 0a:;\n', 'set', '`set x` has no value dhcpd can read'],
  ['  foo', 'foo', '`foo` is not a lease statement (a keyword cut short?)'],
  ['lease 10.0.1 {\n', 'head', 'the lease address is incomplete'],
  ['lease 10.0.1.10 ', 'head', 'the file ends before the `{` that opens the lease'],
  ['lease 10.0.1.10 x;\n', 'head', '`x` stands where the `{` that opens the lease belongs'],
];

const partial = (end: string): string => (end.startsWith('lease') ? end : head + end);
const predicted = (end: string) => simulatePartialDeclaration(cutLease(partial(end)), now);

describe('a partial lease dhcpd drops: the statement it gives up at, and why', () => {
  it.each(cases)('%j: at its %s', (end, name, why) => {
    const p = predicted(end);
    expect(p.outcome.action).toBe('dropped');
    expect(p.outcome.explanation).toBe(
      `dhcpd drops the partial lease ("possibly corrupt lease file") at its ${name === 'head' ? 'head' : `\`${name}\``}: ${why}; ${stays}`,
    );
  });
});

const gate = requireRealDhcpd(['strace']);
const conf =
  'authoritative;\nsubnet 10.0.0.0 netmask 255.255.0.0 {\n  range 10.0.1.0 10.0.1.250;\n}\n';
const earlier =
  'lease 10.0.1.10 {\n  ends 4 2037/12/31 00:00:00;\n  binding state active;\n  hardware ethernet 0:1;\n}\n';

describe.skipIf(gate.skip)('the same partial leases under dhcpd -T', () => {
  it('dhcpd gives the same warnings, gives up on each ("possibly corrupt lease file") and keeps the earlier declaration', async () => {
    const results = await cachedDhcpdTests(
      'partial-lease-reasons',
      cases.map(([end]) => ({
        conf: { content: conf },
        leases: { content: earlier + partial(end) },
        keepRewrite: true,
      })),
    );
    const wrong = cases.flatMap(([end], i) => {
      const r = results[i]!;
      const want = {
        warnings: r.warnings.map((w) => w.message.trim()),
        earlierKept: /hardware ethernet 00:01;/.test(r.rewrite ?? ''),
      };
      const got = {
        warnings: [...predicted(end).warnings.map((w) => w.trim()), 'possibly corrupt lease file'],
        earlierKept: true,
      };
      return JSON.stringify(want) === JSON.stringify(got)
        ? []
        : [
            `${JSON.stringify(end)}:\n  dhcpd ${JSON.stringify(want)}\n  model ${JSON.stringify(got)}`,
          ];
    });
    expect(wrong).toEqual([]);
  }, 60_000);
});
