import { describe, expect, it } from 'vitest';
import {
  predictPartialLease,
  simulatePartialDeclaration,
  simulatePartialText,
} from '../../src/dhcpd/partial-declaration.js';
import { cutLease } from './cut-lease.js';

const now = new Date('2026-11-28T13:00:00Z');

/** A lease as dhcpd writes it (server/db.c write_lease), ends in 2037. */
const whole = `lease 10.0.0.10 {
  starts 6 2026/11/28 12:52:06;
  ends 4 2037/12/31 00:00:00;
  cltt 6 2026/11/28 12:52:06;
  binding state active;
  next binding state free;
  rewind binding state free;
  hardware ethernet 5e:fe:12:81:b6:ca;
  uid "\\001^\\376\\022";
  set ddns-txt = "31abc";
  client-hostname "vm";
}`;

/** The lease cut right after `ending` (its first occurrence). */
function cutAfter(ending: string, text = whole): ReturnType<typeof simulatePartialDeclaration> {
  const at = text.indexOf(ending);
  if (at < 0) throw new Error(`no ${ending}`);
  return simulatePartialDeclaration(cutLease(text.slice(0, at + ending.length)), now);
}

describe('a partial lease that dhcpd loads', () => {
  it('cut after `binding state active;`: active, with no hardware address', () => {
    const p = cutAfter('binding state active;');
    expect(p.outcome.action).toBe('loaded');
    expect(p.outcome.bindingState).toBe('active');
    expect(p.outcome.fields).toEqual(['starts', 'ends', 'cltt', 'binding state']);
    expect(p.outcome.missing).toContain('hardware');
    expect(p.fate?.written).toBe(true);
    expect(p.warnings).toEqual(['unexpected end of file']);
  });

  it('cut inside `starts`: loaded without it, binding state made up as free (no ends)', () => {
    const p = cutAfter('starts 6 2026/11/28 12:5');
    expect(p.outcome.action).toBe('loaded');
    expect(p.outcome.bindingState).toBe('free');
    expect(p.outcome.fields).toEqual([]);
    expect(p.parse?.lease?.bindingStateMadeUp).toBe(true);
    expect(p.fate?.written).toBe(false);
    expect(p.outcome.explanation).toMatch(/makes up its binding state: free/);
  });

  it('cut before `binding state`: state made up from `ends` and the clock', () => {
    const p = cutAfter('cltt 6 2026/11/28 12:52:06;');
    expect(p.outcome.bindingState).toBe('active');
    const later = simulatePartialDeclaration(
      cutLease(whole.slice(0, whole.indexOf('  binding state'))),
      new Date('2038-01-02T00:00:00Z'),
    );
    expect(later.outcome.bindingState).toBe('free');
  });

  it('cut inside the hardware address: keeps the bytes it has (`5e:fe:1` becomes 5e:fe:01)', () => {
    const p = cutAfter('hardware ethernet 5e:fe:1');
    expect(p.parse?.lease?.hardware).toEqual({ type: 1, bytes: [0x5e, 0xfe, 0x01] });
    expect(p.outcome.fields).toContain('hardware');
    expect(p.outcome.missing).not.toContain('hardware');
    expect(p.outcome.explanation).toMatch(/cut to 5e:fe:01/);
    expect(p.warnings).toEqual(['expecting semicolon.', 'unexpected end of file']);
  });

  it('cut after `hardware ethernet`: a hardware type with no address, which still counts as hardware', () => {
    const p = cutAfter('hardware ethernet ');
    expect(p.parse?.lease?.hardware).toEqual({ type: 1, bytes: [] });
  });

  it('cut after `hardware`: no hardware at all', () => {
    const p = cutAfter('  hardware');
    expect(p.outcome.action).toBe('loaded');
    expect(p.parse?.lease?.hardware).toBeNull();
  });

  it('cut inside the uid string: keeps the bytes before the cut', () => {
    const p = cutAfter('uid "\\001^\\37');
    expect(p.parse?.lease?.uid).toBe('\x01^');
    expect(p.warnings[0]).toBe('eof in string constant');
  });

  it('cut inside `next binding state`: the keyword error is skipped, the lease kept', () => {
    const p = cutAfter('next bindin');
    expect(p.outcome.action).toBe('loaded');
    expect(p.warnings).toEqual(["expecting 'binding'", 'unexpected end of file']);
  });

  it('cut after `binding`: loaded in state 0, which dhcpd can never queue or write', () => {
    const p = cutAfter('  binding');
    expect(p.outcome.action).toBe('loaded');
    expect(p.outcome.bindingState).toBeNull();
    expect(p.fate?.written).toBe(false);
  });

  it('a whole `set` whose string is cut still stores the variable', () => {
    const p = cutAfter('set ddns-txt = "31a');
    expect(p.outcome.action).toBe('loaded');
    expect(p.parse?.lease?.bindings).toEqual(['ddns-txt']);
  });
});

describe('a partial lease that dhcpd drops', () => {
  it.each([
    ['inside a statement keyword', '  star'],
    ['after `binding state`', 'binding state '],
    ['inside the client-hostname string', 'client-hostname "v'],
    ['after the client-hostname string, before `;`', 'client-hostname "vm"'],
    ['after `uid`', '  uid '],
    ['after `set`', '  set '],
    ['after `set NAME`', 'set ddns-txt'],
    ['after `set NAME =`', 'set ddns-txt ='],
    ['inside the address', 'lease 10.0.'],
    ['before the `{`', 'lease 10.0.0.10 '],
  ])('cut %s', (_what, ending) => {
    const p = cutAfter(ending);
    expect(p.outcome.action).toBe('dropped');
    expect(p.outcome.fields).toEqual([]);
    expect(p.outcome.explanation).toMatch(/drops the partial lease/);
  });

  it('cut inside an `on` block', () => {
    const text = `lease 10.0.0.11 {
  ends 4 2037/12/31 00:00:00;
  on expiry {
    set gone = "yes";
  }
}`;
    const p = cutAfter('set gone', text);
    expect(p.outcome.action).toBe('dropped');
    expect(p.exact).toBe(false); // the block's own warnings are not modelled
  });

  it('`timestamp` in a lease stops dhcpd (log_fatal)', () => {
    const p = simulatePartialDeclaration(
      {
        kind: 'lease',
        head: 'lease 10.0.0.1 {',
        completeStatements: [{ name: 'timestamp', text: 'timestamp 1 2001/01/01 00:00:00;' }],
        cutInside: null,
      },
      now,
    );
    expect(p.outcome.explanation).toMatch(/does not start/);
  });
});

describe('the input shape of check (statements by name)', () => {
  it('names fields with the names it was given', () => {
    const outcome = predictPartialLease(
      {
        kind: 'lease',
        completeStatements: [
          { name: 'starts', text: '  starts 6 2026/11/28 12:52:06;' },
          { name: 'ends', text: '  ends 6 2026/11/28 13:02:06;' },
        ],
        cutInside: { name: 'cltt', text: '  cltt ' },
      },
      now,
    );
    expect(outcome.action).toBe('loaded');
    // ends 13:02:06 is after now (13:00): made up as active.
    expect(outcome.bindingState).toBe('active');
    expect(outcome.fields).toEqual(['starts', 'ends']);
    expect(outcome.missing).toContain('cltt');
  });

  it('an IA cut anywhere is never entered', () => {
    const outcome = predictPartialLease(
      {
        kind: 'ia-na',
        completeStatements: [{ name: 'cltt', text: 'cltt 6 2026/11/28 12:52:06;' }],
        cutInside: { name: 'iaaddr', text: 'iaaddr fd00::' },
      },
      now,
    );
    expect(outcome.action).toBe('dropped');
  });

  it('a host cut after its head is entered with its complete statements', () => {
    const outcome = predictPartialLease(
      {
        kind: 'host',
        completeStatements: [{ name: 'dynamic', text: 'dynamic;' }],
        cutInside: { name: 'hardware', text: 'hardware ether' },
      },
      now,
    );
    expect(outcome.action).toBe('loaded');
    expect(outcome.fields).toEqual(['dynamic']);
  });
});

describe('the same prediction from the text check reports (TruncatedReport)', () => {
  it('agrees with the statement-by-statement input at every cut of a lease', () => {
    for (let k = 'lease 1'.length; k < whole.length; k++) {
      const text = whole.slice(0, k);
      const byStatements = simulatePartialDeclaration(cutLease(text), now);
      const cut = cutLease(text);
      const byText = simulatePartialText('lease', text, now, {
        completeStatements: cut.completeStatements.map((s) => s.name),
        cutInside: cut.cutInside?.name ?? null,
      });
      expect(byText.outcome.action, text).toBe(byStatements.outcome.action);
      expect(byText.outcome.bindingState, text).toBe(byStatements.outcome.bindingState);
      expect(byText.warnings, text).toEqual(byStatements.warnings);
    }
  });
});
