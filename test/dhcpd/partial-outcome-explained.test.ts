// The sentence check gives an admin about a partial last declaration, and the
// reason given for each lease's fate at start-up: whole, word for word, for each
// kind of outcome (loaded with a made-up state, loaded in state 0, moved at
// start-up and written or not, no subnet, dropped at a statement or at the head,
// dhcpd exiting, IAs, hosts, kinds not modelled). What dhcpd does in each case is
// compared with dhcpd -T in partial-lease-matches-real-dhcpd.test.ts and
// start-up-fate-per-lease.test.ts; this file holds the words that say it.
import { describe, expect, it } from 'vitest';
import {
  simulatePartialDeclaration,
  simulatePartialText,
  type PartialDeclarationInput,
} from '../../src/dhcpd/partial-declaration.js';
import { leaseFate, type KeepsInput } from '../../src/dhcpd/mdb.js';
import { cutLease } from './cut-lease.js';

const now = new Date('2026-11-28T13:00:00Z');
const t = now.getTime() / 1000;

const cut = (text: string, ranges?: () => boolean) =>
  simulatePartialDeclaration(cutLease(text), now, ranges);
const explained = (text: string, ranges?: () => boolean) => cut(text, ranges).outcome.explanation;
const head = 'lease 10.0.0.10 {\n';
const earlier = 'it replaces any earlier declaration of the address.';

describe('a partial lease dhcpd loads, explained', () => {
  it('with a binding state made up from `ends`: no ends, ends never, after now, not after now', () => {
    expect(explained(`${head}  starts 6 2026/11/28 12:5`)).toBe(
      'dhcpd loads the partial lease with no statements but without starts, ends, cltt, binding state, hardware, ' +
        'and makes up its binding state: free, as it has no `ends`; ' +
        `being free with no hardware address, uid or tsfp, it is not written back; ${earlier}`,
    );
    expect(explained(`${head}  ends never;\n`)).toBe(
      'dhcpd loads the partial lease with ends but without starts, cltt, binding state, hardware, ' +
        `and makes up its binding state: active, as its \`ends\` is never; ${earlier}`,
    );
    expect(explained(`${head}  ends 6 2026/11/28 14:00:00;\n`)).toBe(
      'dhcpd loads the partial lease with ends but without starts, cltt, binding state, hardware, ' +
        `and makes up its binding state: active, as its \`ends\` 6 2026/11/28 14:00:00 is after now; ${earlier}`,
    );
    expect(
      explained(`${head}  ends 6 2026/11/28 12:00:00;\n  hardware ethernet 00:11:22:33:44:55;\n`),
    ).toBe(
      'dhcpd loads the partial lease with ends, hardware but without starts, cltt, binding state, ' +
        `and makes up its binding state: free, as its \`ends\` 6 2026/11/28 12:00:00 is not after now; ${earlier}`,
    );
  });

  it('with what it kept of a cut statement', () => {
    expect(explained(`${head}  hardware ethernet 5e:fe:1`)).toBe(
      'dhcpd loads the partial lease with hardware (hardware address cut to 5e:fe:01) but without starts, ends, cltt, binding state, ' +
        `and makes up its binding state: free, as it has no \`ends\`; ${earlier}`,
    );
    expect(explained(`${head}  uid "\\001^\\37`)).toBe(
      'dhcpd loads the partial lease with uid (2 byte(s) of the uid) but without starts, ends, cltt, binding state, hardware, ' +
        `and makes up its binding state: free, as it has no \`ends\`; ${earlier}`,
    );
  });

  it('in state 0, when it read `binding` but no state', () => {
    expect(explained(`${head}  binding`)).toBe(
      'dhcpd loads the partial lease with no statements but without binding state, starts, ends, cltt, next binding state, hardware, ' +
        `in state 0 (it read \`binding\` but no state), which it can never queue or write; ${earlier}`,
    );
  });

  it('with its binding state, then what start-up does with it', () => {
    const expiring = `${head}  ends 6 2026/11/28 12:00:00;\n  binding state active;\n  next binding state free;\n`;
    expect(explained(expiring)).toBe(
      'dhcpd loads the partial lease as active with ends, binding state, next binding state but without starts, cltt, hardware; ' +
        `at start-up it moves to free and is not written back; ${earlier}`,
    );
    expect(explained(`${expiring}  hardware ethernet 00:11:22:33:44:55;\n`)).toBe(
      'dhcpd loads the partial lease as active with ends, binding state, next binding state, hardware but without starts, cltt; ' +
        `at start-up it moves to free and is written back; ${earlier}`,
    );
    expect(explained(`${head}  binding state free;\n`)).toBe(
      'dhcpd loads the partial lease as free with binding state but without starts, ends, cltt, next binding state, hardware; ' +
        `being free with no hardware address, uid or tsfp, it is not written back; ${earlier}`,
    );
    // Compared with dhcpd -T in lease-reading-matches-real-dhcpd (a refused `next` before the binding state).
    expect(
      explained(
        `${head}  ends 6 2026/11/28 12:00:00;\n  next state free;\n  binding state active;\n  hardware ethernet 00:11:22:33:44:55;\n`,
      ),
    ).toBe(
      'dhcpd loads the partial lease as active with ends, binding state, hardware but without starts, cltt, next binding state; ' +
        'its next binding state is 0 (a `next` statement dhcpd refused came before its `binding state`), and as its `ends` is not after now, ' +
        `start-up moves it to that state, which dhcpd cannot queue or write ("Lease with bogus binding state: 0"); ${earlier}`,
    );
    expect(explained(`${head}  binding state active;\n`, () => false)).toBe(
      'dhcpd loads the partial lease as active with binding state but without starts, ends, cltt, next binding state, hardware, ' +
        `then drops it: its address is in no configured range ("no subnet"); ${earlier}`,
    );
  });
});

describe('a partial lease dhcpd drops, explained', () => {
  const stays = 'an earlier declaration of the address, if any, stays in effect.';
  it('at the statement that made it give up, or at its head', () => {
    expect(explained(`${head}  client-hostname "v`)).toBe(
      'dhcpd drops the partial lease ("possibly corrupt lease file") at its `client-hostname`: ' +
        `its \`client-hostname\` string is not closed by \`;\`; ${stays}`,
    );
    expect(explained('lease 10.0.')).toBe(
      'dhcpd drops the partial lease ("possibly corrupt lease file") at its head: ' +
        `the file ends before the \`{\` that opens the lease; ${stays}`,
    );
  });

  it('from the text check reports, naming the statements it was given', () => {
    const p = simulatePartialText(
      'lease',
      `${head}  starts 6 2026/11/28 12:00:00;\n  ends 6 2026/11/28 14:00:00;\n  cl`,
      now,
      { completeStatements: ['starts', 'ends'], cutInside: 'cltt' },
    );
    expect(p.outcome).toEqual({
      action: 'dropped',
      bindingState: null,
      fields: [],
      missing: ['starts', 'ends', 'cltt'],
      explanation:
        'dhcpd drops the partial lease ("possibly corrupt lease file") at its `cltt`: ' +
        `\`cl\` is not a lease statement (a keyword cut short?); ${stays}`,
    });
    expect(p.warnings).toEqual(['Unexpected configuration directive.']);
    expect(p.exact).toBe(true);
  });

  it('dhcpd exits on `timestamp`', () => {
    const p = cut(`${head}  timestamp 1 2001/01/01 00:00:00;`);
    expect(p.outcome.explanation).toBe(
      'dhcpd does not start: `timestamp` in a lease makes dhcpd exit ("Impossible error").',
    );
    expect(p.outcome.missing).toEqual(['timestamp']);
    expect(p.parse).toBeNull();
    expect(p.exact).toBe(true);
  });
});

describe('other kinds, explained', () => {
  const input = (
    kind: PartialDeclarationInput['kind'],
    names: string[],
    cutName: string | null,
    headText?: string,
  ): PartialDeclarationInput => ({
    kind,
    completeStatements: names.map((name) => ({ name, text: '' })),
    cutInside: cutName === null ? null : { name: cutName, text: '' },
    ...(headText === undefined ? {} : { head: headText }),
  });

  it('an IA is never entered; complete iaaddr or iaprefix blocks still reach their pools', () => {
    const ia = simulatePartialDeclaration(input('ia-na', ['iaaddr fd00::1'], null), now);
    expect(ia.outcome.explanation).toBe(
      'dhcpd never enters a partial IA: at the end of the file it warns "corrupt lease file" and returns, ' +
        'so an earlier declaration of this IA stays in effect (its complete iaaddr/iaprefix blocks are still added to their pools).',
    );
    expect(ia.exact).toBe(false);
    const pd = simulatePartialDeclaration(input('ia-pd', ['cltt'], 'iaprefix'), now);
    expect(pd.outcome).toMatchObject({ action: 'dropped', missing: ['cltt', 'iaprefix'] });
    expect(pd.outcome.explanation).toBe(
      'dhcpd never enters a partial IA: at the end of the file it warns "corrupt lease file" and returns, ' +
        'so an earlier declaration of this IA stays in effect.',
    );
    expect(
      simulatePartialDeclaration(input('ia-ta', ['iaprefix 2001:db8::/64'], null), now).outcome
        .explanation,
    ).toMatch(/still added to their pools\)\.$/);
  });

  it('an IA from the text check reports: its head up to the `{`', () => {
    const p = simulatePartialText(
      'ia-na',
      'ia-na "abcdefgh" {\n  cltt 1 2001/01/01 00:00:00;\n  iaaddr fd00::1 {',
      now,
      {
        completeStatements: ['cltt'],
        cutInside: 'iaaddr',
      },
    );
    expect(p.outcome).toMatchObject({ action: 'dropped', fields: [], missing: ['cltt', 'iaaddr'] });
  });

  it('a host: entered with its statements, deleted, or dropped before its `{`', () => {
    const host = simulatePartialDeclaration(input('host', ['dynamic', 'dynamic'], 'hardware'), now);
    expect(host.outcome).toEqual({
      action: 'loaded',
      bindingState: null,
      fields: ['dynamic'],
      missing: ['hardware'],
      explanation:
        'dhcpd enters the partial host with dynamic (what it keeps of the cut `hardware` is not modelled).',
    });
    expect(host.warnings).toEqual(['unexpected end of file']);
    expect(host.exact).toBe(false);
    expect(simulatePartialDeclaration(input('host', [], null), now).outcome).toMatchObject({
      missing: [],
      explanation: 'dhcpd enters the partial host with no statements.',
    });
    expect(
      simulatePartialDeclaration(input('host', ['deleted'], null), now).outcome.explanation,
    ).toBe(
      'dhcpd reads the partial host and, since it says `deleted;`, deletes the host of that name.',
    );
    const headless = simulatePartialDeclaration(input('host', [], null, 'host foo '), now);
    expect(headless.outcome).toMatchObject({
      action: 'dropped',
      explanation: 'dhcpd drops a host declaration cut before its `{`.',
    });
    expect(simulatePartialText('host', 'host foo', now).outcome.action).toBe('dropped');
    expect(
      simulatePartialText('host', 'host foo {\n  dynamic;\n', now, {
        completeStatements: ['dynamic'],
      }).outcome,
    ).toMatchObject({
      action: 'loaded',
      fields: ['dynamic'],
    });
  });

  it('a kind not modelled is treated as lost', () => {
    const p = simulatePartialDeclaration(input('class', ['match'], 'x'), now);
    expect(p.outcome).toEqual({
      action: 'dropped',
      bindingState: null,
      fields: [],
      missing: ['match', 'x'],
      explanation:
        'leasecheck does not model what dhcpd does with a partial class declaration; treat it as lost.',
    });
    expect(p.exact).toBe(false);
    expect(p.fate).toBeNull();
  });
});

describe("a lease's fate at start-up, explained (leaseFate's reason)", () => {
  const lease = (over: Partial<KeepsInput>): KeepsInput => ({
    kind: 'lease',
    key: '10.0.0.10',
    bindingState: 'active',
    nextBindingState: 'free',
    ends: t + 3600,
    hardware: null,
    uid: null,
    tsfp: null,
    ...over,
  });
  const reason = (over: Partial<KeepsInput>, ranges?: () => boolean) =>
    leaseFate(lease(over), t, ranges).reason;

  it('names what makes a free lease worth writing, and the move at start-up', () => {
    expect(reason({})).toBe('written: it is active');
    const expired = { ends: t - 3600 };
    expect(reason({ ...expired, hardware: 'ethernet 00:11:22:33:44:55' })).toBe(
      'written: it is free but has a hardware address, having moved from active at start-up',
    );
    expect(reason({ ...expired, uid: '"\\001abc"' })).toBe(
      'written: it is free but has a uid, having moved from active at start-up',
    );
    expect(reason({ ...expired, tsfp: t - 60 })).toBe(
      'written: it is free but has a tsfp, having moved from active at start-up',
    );
    expect(reason(expired)).toBe(
      'not written: it is free with no hardware address, uid or tsfp, having moved from active at start-up',
    );
    expect(reason({ bindingState: 'free', nextBindingState: null })).toBe(
      'not written: it is free with no hardware address, uid or tsfp',
    );
  });

  it('an empty uid (`uid "";`) or a tsfp of 0 is no reason to write a free lease', () => {
    const free = { bindingState: 'free' as const, nextBindingState: null };
    expect(leaseFate(lease({ ...free, uid: '""' }), t).written).toBe(false);
    expect(leaseFate(lease({ ...free, uid: '' }), t).written).toBe(false);
    expect(leaseFate(lease({ ...free, tsfp: 0 }), t).written).toBe(false);
    expect(leaseFate(lease({ ...free, uid: '"a"' }), t).written).toBe(true);
  });

  it('state 0 and no subnet', () => {
    expect(reason({ bindingState: null, stateZero: true })).toBe(
      'not written: it was read with `binding` but no state, and dhcpd cannot queue a lease in state 0 ("Lease with bogus binding state: 0")',
    );
    expect(reason({}, () => false)).toBe('its address is in no range of dhcpd.conf ("no subnet")');
  });

  it('a next state of 0 (a refused `next` before the binding state) once `ends` has passed', () => {
    // Compared with dhcpd -T in lease-reading-matches-real-dhcpd (such a lease is not written).
    expect(reason({ ends: t - 3600, nextBindingState: null, nextStateZero: true })).toBe(
      'not written: its next binding state is 0 (a `next` statement dhcpd refused, before its `binding state`), ' +
        'and as its `ends` is not after now dhcpd moves it to that state at start-up, which it cannot queue ("Lease with bogus binding state: 0")',
    );
  });
});

describe('details of the explanation', () => {
  it('names the fields with the names check gave, not the parser’s', () => {
    const p = simulatePartialDeclaration(
      {
        kind: 'lease',
        head: 'lease 10.0.0.10 {',
        completeStatements: [
          { name: 'start time', text: '  starts 6 2026/11/28 12:00:00;' },
          { name: 'end time', text: '  ends 6 2026/11/28 14:00:00;' },
        ],
        cutInside: { name: 'last one', text: '  binding state active' },
      },
      now,
    );
    expect(p.outcome.fields).toEqual(['start time', 'end time', 'last one']);
    expect(p.exact).toBe(true);
  });

  it('says nothing is missing when every usual statement is there, and notes a cut kept without a note', () => {
    const all =
      `${head}  starts 6 2026/11/28 12:00:00;\n  ends 6 2026/11/28 14:00:00;\n  cltt 6 2026/11/28 12:00:00;\n` +
      '  binding state active;\n  next binding state free;\n  hardware ethernet 00:11:22:33:44:55;\n';
    expect(explained(all)).toBe(
      `dhcpd loads the partial lease as active with starts, ends, cltt, binding state, next binding state, hardware; ${earlier}`,
    );
    expect(explained(`${head}  binding state active`)).toBe(
      'dhcpd loads the partial lease as active with binding state but without starts, ends, cltt, next binding state, hardware; ' +
        earlier,
    );
  });

  it('an `ends` at the very second of the clock is not after now', () => {
    expect(explained(`${head}  ends 6 2026/11/28 13:00:00;\n`)).toBe(
      'dhcpd loads the partial lease with ends but without starts, cltt, binding state, hardware, ' +
        'and makes up its binding state: free, as its `ends` 6 2026/11/28 13:00:00 is not after now; ' +
        `being free with no hardware address, uid or tsfp, it is not written back; ${earlier}`,
    );
  });

  it('looks the address up whole', () => {
    const text = 'lease 10.20.30.40 {\n  binding state active;\n';
    const p = simulatePartialDeclaration(cutLease(text), now, (a) => a !== '10.20.30.40');
    expect(p.fate?.inRange).toBe(false);
  });

  it('without the optional labels: nothing named missing, no warnings where dhcpd exits', () => {
    expect(simulatePartialText('lease', 'lease 10.0.', now).outcome.missing).toEqual([]);
    expect(simulatePartialText('host', 'host foo', now).outcome.missing).toEqual([]);
    const fatal = cut(`${head}  timestamp 1 2001/01/01 00:00:00;`);
    expect(fatal.warnings).toEqual([]);
  });

  it('a host cut before its `{` is not exact; a host with several statements lists them all', () => {
    expect(
      simulatePartialDeclaration(
        { kind: 'host', head: 'host foo ', completeStatements: [], cutInside: null },
        now,
      ).exact,
    ).toBe(false);
    expect(
      simulatePartialDeclaration(
        {
          kind: 'host',
          completeStatements: [
            { name: 'dynamic', text: '' },
            { name: 'hardware', text: '' },
          ],
          cutInside: null,
        },
        now,
      ).outcome.explanation,
    ).toBe('dhcpd enters the partial host with dynamic, hardware.');
  });

  it('an IA with a complete iaaddr among other statements says the block still reaches its pool', () => {
    const p = simulatePartialDeclaration(
      {
        kind: 'ia-na',
        completeStatements: [
          { name: 'cltt', text: '' },
          { name: 'iaaddr fd00::1', text: '' },
        ],
        cutInside: null,
      },
      now,
    );
    expect(p.outcome.explanation).toMatch(/still added to their pools\)\.$/);
  });
});
