import type { LeaseSummaryRules } from '../emit-rules.js';
import { FunctionBuilder } from './function-builder.js';
import { codeAt, G, SUMMARY } from './layout.js';

/**
 * Pass (lease recogniser only): `summarise(from)`, which reads the events a
 * `many` left, from event number `from`, and writes a record for each lease
 * they hold: its address, its binding state's text (or none, or the
 * abandoned flag), where it starts and ends. A check of a large file needs
 * only these of each lease, and in JavaScript the loop over every event ran
 * in V8's slowest tiers for most of a file of a few MB; here it runs at the
 * module's speed from its first byte.
 *
 * It summarises only the usual lease, and stops at the first lease with
 * anything else in it: an address that is no plain dotted quad, a date in
 * another form than dhcpd's `W 20YY/MM/DD HH:MM:SS`, `epoch N` or `never`,
 * a long hardware statement, or an event of the rules left to JavaScript.
 * The summary in JavaScript (model/from-events.ts) reads that lease, and
 * decides what dhcpd makes of it: everything the module does here, that
 * one does too, so that a property test can hold the two against each
 * other (test/grammar/wasm-lease-summary.test.ts).
 *
 * It leaves, at the summary area (SUMMARY in layout.ts): the number of the
 * first event it did not summarise, how many of the dates of the leases it
 * summarised are in dhcpd's UTC form and how many `epoch N`, then the
 * records. Returns how many leases it summarised.
 */
export function leaseSummaryFunction(
  spec: LeaseSummaryRules,
  ruleNumber: (name: string) => number,
): FunctionBuilder {
  const rule = {
    lease: ruleNumber(spec.lease),
    address: ruleNumber(spec.address),
    bindingState: ruleNumber(spec.bindingState),
    bindingStateStmt: ruleNumber(spec.bindingStateStmt),
    abandoned: ruleNumber(spec.abandoned),
    date: ruleNumber(spec.date),
    hardware: ruleNumber(spec.hardware),
  };
  const leftToJavaScript = spec.leftToJavaScript.map(ruleNumber);

  const f = new FunctionBuilder(1);
  const from = 0;
  const e = f.local();
  const r = f.local();
  const s = f.local();
  const t = f.local();
  const c = f.local();
  const adj = f.local();
  const area = f.local();
  const taken = f.local();
  const next = f.local();
  const utc = f.local();
  const epoch = f.local();
  // The lease being read: its address (and whether one was read), its binding state's text.
  const address = f.local();
  const hasAddress = f.local();
  const stateStart = f.local();
  const stateEnd = f.local();
  const lastStart = f.local();
  const lastEnd = f.local();
  const leaseUtc = f.local();
  const leaseEpoch = f.local();
  // The dotted quad's parts.
  const octet = f.local();
  const digits = f.local();
  const dots = f.local();
  const i = f.local();

  /** The code at position (local) p, `offset` further on. */
  const code = (p: number, offset = 0): void => codeAt(f, p, adj, offset);
  /** The i32 at `array` (0 rules, 1 starts, 2 ends) of the events, index e. */
  const eventField = (array: number): void => {
    f.get(e).const(2).shl().globalGet(G.EV0).add();
    if (array > 0) f.globalGet(G.CAP).const(2 + array - 1).shl().add();
    f.load();
  };
  /** Stores local `value` at word `word` from the address in local `base`. */
  const storeWord = (base: number, word: number, value: number): void => {
    f.get(base)
      .get(value)
      .store(4 * word);
  };
  const resetLease = (): void => {
    f.const(0).set(hasAddress);
    f.const(SUMMARY.NO_STATE).set(stateStart).const(0).set(stateEnd);
    f.const(SUMMARY.NO_STATE).set(lastStart).const(0).set(lastEnd);
    f.const(0).set(leaseUtc).const(0).set(leaseEpoch);
  };

  f.globalGet(G.ADJ).set(adj);
  // The summary area follows the events: EV0 + 12 CAP.
  f.globalGet(G.EV0).globalGet(G.CAP).const(12).mul().add().set(area);
  f.get(from).set(e).get(from).set(next);
  resetLease();
  f.block('stop', () => {
    f.loop('event', () => {
      f.get(e).globalGet(G.EV).geS().brIf('stop');
      eventField(0);
      f.set(r);
      eventField(1);
      f.set(s);
      eventField(2);
      f.set(t);
      // One jump on the event's rule (br_table), to its case or past them all.
      const cases: [readonly number[], () => void][] = [
        [[rule.date], date],
        [[rule.bindingState], () => f.get(s).set(lastStart).get(t).set(lastEnd)],
        [[rule.bindingStateStmt], () => f.get(lastStart).set(stateStart).get(lastEnd).set(stateEnd)],
        [[rule.address], dottedQuad],
        [
          [rule.hardware],
          () => f.get(t).get(s).sub().const(spec.longHardware).geS().brIf('stop'),
        ],
        [
          [rule.lease],
          () => {
            f.get(hasAddress).eqz().brIf('stop');
            record();
          },
        ],
        [[rule.abandoned], () => f.const(SUMMARY.ABANDONED).set(stateStart).const(0).set(stateEnd)],
        // A rule left to JavaScript: stop before its lease.
        [leftToJavaScript, () => f.br('stop')],
      ];
      const targets: string[] = [];
      cases.forEach(([rules], k) => {
        for (const number of rules) targets[number] = `case ${k}`;
      });
      const table = Array.from(targets, (target) => target ?? 'done');
      f.block('done', () => {
        const open = (k: number): void => {
          if (k === cases.length) {
            f.get(r).brTable(table, 'done');
            return;
          }
          // Block k ends where case k's code begins: a jump to it runs that code.
          f.block(`case ${k}`, () => open(k + 1));
          cases[k]![1]();
          f.br('done');
        };
        open(0);
      });
      f.get(e).const(1).add().set(e);
      f.br('event');
    });
  });
  storeWord(area, SUMMARY.NEXT, next);
  storeWord(area, SUMMARY.UTC, utc);
  storeWord(area, SUMMARY.EPOCH, epoch);
  f.get(taken);
  return f;

  /**
   * The address in [s, t): a dotted quad of octets of one to three digits,
   * 0-255 (as model/ipv4.ts ipv4NumberIn reads it); anything else stops.
   */
  function dottedQuad(): void {
    f.const(0).set(address).const(0).set(octet).const(0).set(digits).const(0).set(dots);
    f.get(s).set(i);
    f.block('read', () => {
      f.loop('char', () => {
        f.get(i).get(t).geS().brIf('read');
        code(i);
        f.set(c);
        f.get(c)
          .const(46 /* . */)
          .eq()
          .if(
            () => {
              f.get(digits).eqz().brIf('stop');
              f.get(dots).const(3).eq().brIf('stop');
              f.get(dots).const(1).add().set(dots);
              f.get(address).const(8).shl().get(octet).or().set(address);
              f.const(0).set(octet).const(0).set(digits);
            },
            () => {
              // A digit (c - 48 below 10, unsigned), and a fourth digit is none.
              f.get(c).const(48).sub().const(10).geU().brIf('stop');
              f.get(digits).const(3).eq().brIf('stop');
              f.get(octet).const(10).mul().get(c).add().const(48).sub().set(octet);
              f.get(octet).const(255).gtS().brIf('stop');
              f.get(digits).const(1).add().set(digits);
            },
          );
        f.get(i).const(1).add().set(i);
        f.br('char');
      });
    });
    f.get(dots).const(3).ne().brIf('stop');
    f.get(digits).eqz().brIf('stop');
    f.get(address).const(8).shl().get(octet).or().set(address);
    f.const(1).set(hasAddress);
  }

  /**
   * A date at [s, t): `epoch N` and `never` are never before 1970; one in
   * dhcpd's own form, `W 20YY/MM/DD HH:MM:SS;`, is not either; any other
   * stops (from-events.ts dateMayBeNegative reads it). Counted by form.
   */
  function date(): void {
    code(s);
    f.set(c);
    f.get(c)
      .const(101 /* e */)
      .eq()
      .if(() => {
        f.get(leaseEpoch).const(1).add().set(leaseEpoch).br('done');
      });
    f.get(c)
      .const(110 /* n */)
      .eq()
      .brIf('done');
    code(s, 2);
    f.const(50 /* 2 */).ne().brIf('stop');
    code(s, 3);
    f.const(48 /* 0 */).ne().brIf('stop');
    // Four back from the end: a load's offset cannot be negative.
    f.get(t).const(4).sub().set(i);
    code(i);
    f.const(58 /* : */).ne().brIf('stop');
    f.get(leaseUtc).const(1).add().set(leaseUtc);
  }

  /** The lease ends at event e: its record, its dates counted, and the next lease begins. */
  function record(): void {
    // The record's address: RECORDS words into the area, RECORD_WORDS words a record.
    const at = i;
    f.get(taken)
      .const(4 * SUMMARY.RECORD_WORDS)
      .mul()
      .get(area)
      .add()
      .const(4 * SUMMARY.RECORDS)
      .add()
      .set(at);
    storeWord(at, SUMMARY.ADDRESS, address);
    storeWord(at, SUMMARY.STATE_START, stateStart);
    storeWord(at, SUMMARY.STATE_END, stateEnd);
    storeWord(at, SUMMARY.START, s);
    storeWord(at, SUMMARY.END, t);
    f.get(taken).const(1).add().set(taken);
    f.get(utc).get(leaseUtc).add().set(utc);
    f.get(epoch).get(leaseEpoch).add().set(epoch);
    f.get(e).const(1).add().set(next);
    resetLease();
  }
}
