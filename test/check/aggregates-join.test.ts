// The check's running aggregates, fed one declaration at a time, and joined
// when two threads each scan a part of the file: the joined aggregates must
// be those of one scan of the whole file, at every cut between declarations
// (declaration counts, each address's last state and offset, IAs and
// failover blocks with their lines, the first `hardware TYPE ;`). The
// parallel scan itself runs in worker threads; this holds the joining in the
// test process, where a change to it is seen.
import { describe, expect, it } from 'vitest';
import { Aggregates } from '../../src/check/aggregate.js';
import { declarationAt } from '../../src/check/truncated.js';
import { bindingStates, type Declaration } from '../../src/model/types.js';
import { ipv4Number } from '../../src/model/ipv4.js';

const duid = String.raw`:\336R\335\000\001\000\0012\235\213hz%\335R\336:`;
const ia = (kind: string, state: string, address: string) =>
  `${kind} "${duid}" {\n  cltt 6 2026/11/28 12:54:02;\n  ${kind === 'ia-pd' ? 'iaprefix' : 'iaaddr'} ${address} {\n    binding state ${state};\n    preferred-life 375;\n    max-life 600;\n    ends 6 2026/11/28 13:04:02;\n  }\n}\n`;
const failover = (peer: string, state: string) =>
  `failover peer "${peer}" state {\n  my state ${state} at 6 2026/11/28 12:52:46;\n  partner state normal at 6 2026/11/28 12:52:46;\n}\n`;

const declarations = [
  'authoring-byte-order little-endian;\n',
  'lease 10.0.0.1 {\n  binding state active;\n}\n',
  'lease 10.0.0.2 {\n  binding state free;\n  hardware ethernet ;\n}\n',
  failover('a', 'normal'),
  ia('ia-na', 'active', 'fd00::1'),
  'lease 10.0.0.1 {\n  binding state expired;\n}\n',
  'lease 10.0.0.3 {\n  ends 6 2026/11/28 14:00:00;\n}\n',
  failover('b', 'recover'),
  ia('ia-pd', 'active', 'fd00:0:0:1ff::/64'),
  'host h {\n  dynamic;\n  hardware token-ring ;\n}\n',
  failover('a', 'communications-interrupted'),
  ia('ia-na', 'released', 'fd00::1'),
  'lease 10.0.0.2 {\n  binding state backup;\n}\n',
  'lease 300.0.0.4 {\n  binding state active;\n}\n',
  'lease 10.0.0.5 {\n  binding state abandoned;\n  hardware ethernet ;\n}\n',
];

/** Parses `parts` as one file starting at `base` (offsets) and `line`; returns its declarations. */
function parse(parts: string[], base: number, line: number): Declaration[] {
  const text = parts.join('');
  const readAt = (offset: number, length: number) =>
    text.slice(offset - base, offset - base + length);
  const out: Declaration[] = [];
  let offset = base;
  let at = line;
  for (const part of parts) {
    const d = declarationAt(readAt, offset, at);
    expect(d, part).not.toBeNull();
    out.push(d!);
    offset += part.length;
    at += part.split('\n').length - 1;
  }
  return out;
}

/** Feeds declarations the way the scanner does: leases through the summary fast path, the rest whole. */
function feed(aggregates: Aggregates, ds: Declaration[], viaSummary: boolean): Aggregates {
  for (const d of ds) {
    if (viaSummary && d.kind === 'lease') {
      aggregates.addLease(
        {
          address: ipv4Number(d.key!) ?? -1,
          state: d.bindingState === null ? -1 : bindingStates.indexOf(d.bindingState),
          readOtherwise: false,
          hardwareTypeOnly: d.hardwareTypeOnly === true,
        },
        d.offset,
      );
    } else aggregates.add(d);
  }
  return aggregates;
}

/** Everything the report reads of the aggregates, as plain data. */
function view(a: Aggregates) {
  const entries: Array<[number, number, number]> = [];
  a.leases.forEachEntry((key, state, offset) => entries.push([key, state, offset]));
  entries.sort((x, y) => x[0] - y[0]);
  return {
    declarations: { ...a.declarations },
    size: a.leases.size,
    entries,
    got: entries.map(([key]) => a.leases.get(key)),
    has: [a.leases.has(ipv4Number('10.0.0.1')!), a.leases.has(ipv4Number('10.9.9.9')!)],
    states: a.leaseStates(),
    ias: [...a.ias],
    ia: a.iaSummary(),
    failover: [...a.failover].map(([peer, d]) => [peer, d.failover?.myState, d.line]),
    typeOnlyHardware: { ...a.typeOnlyHardware },
  };
}

const lineCount = (parts: string[]) => parts.join('').split('\n').length - 1;

describe('the aggregates of one scan', () => {
  it('count every kind, keep the last state of each address and IA, and the first type-only hardware', () => {
    for (const viaSummary of [false, true]) {
      const whole = view(feed(new Aggregates(), parse(declarations, 0, 1), viaSummary));
      expect(whole.declarations).toMatchObject({
        lease: 7,
        'ia-na': 2,
        'ia-pd': 1,
        host: 1,
        'failover-state': 3,
        'authoring-byte-order': 1,
      });
      // 300.0.0.4 is counted as a declaration but not as an address (dhcpd cannot read it).
      expect(whole.size).toBe(4);
      expect(whole.states).toEqual({ expired: 1, backup: 1, abandoned: 1 });
      expect(whole.has).toEqual([true, false]);
      expect(whole.ia).toEqual({ distinct: 2, addresses: 2, byState: { released: 1, active: 1 } });
      expect(whole.failover).toEqual([
        ['a', 'communications-interrupted', lineCount(declarations.slice(0, 10)) + 1],
        ['b', 'recover', lineCount(declarations.slice(0, 7)) + 1],
      ]);
      expect(whole.typeOnlyHardware).toEqual({
        count: 3,
        first: declarations.slice(0, 2).join('').length,
      });
    }
  });

  it('forget everything when cleared', () => {
    const a = feed(new Aggregates(), parse(declarations, 0, 1), true);
    a.clear();
    expect(view(a)).toEqual(view(new Aggregates()));
  });
});

describe('two parts joined', () => {
  const whole = view(feed(new Aggregates(), parse(declarations, 0, 1), true));

  function parts(k: number): [Aggregates, Aggregates, number] {
    const first = declarations.slice(0, k);
    const second = declarations.slice(k);
    const base = first.join('').length;
    const earlier = feed(new Aggregates(), parse(first, 0, 1), true);
    // The later part's lines count from its own start; its offsets are the file's.
    const later = feed(new Aggregates(), parse(second, base, 1), true);
    return [earlier, later, lineCount(first)];
  }

  it('the later part appended to the earlier one: the aggregates of the whole, at every cut', () => {
    for (let k = 0; k <= declarations.length; k++) {
      const [earlier, later, lines] = parts(k);
      earlier.append(later, lines);
      expect({ k, ...view(earlier) }).toEqual({ k, ...whole });
    }
  });

  it('the earlier part prepended to the later one: the same, at every cut', () => {
    for (let k = 0; k <= declarations.length; k++) {
      const [earlier, later, lines] = parts(k);
      later.prepend(earlier, lines);
      expect({ k, ...view(later) }).toEqual({ k, ...whole });
    }
  });

  it('sent to another thread as plain data, and back: the same aggregates', () => {
    for (let k = 0; k <= declarations.length; k++) {
      const [earlier, later, lines] = parts(k);
      const copy = Aggregates.from(structuredClone(later.toData()));
      expect(view(copy)).toEqual(view(later));
      earlier.append(copy, lines);
      expect({ k, ...view(earlier) }).toEqual({ k, ...whole });
    }
  });

  it('a part joined to a later one takes no more declarations', () => {
    const [earlier, later, lines] = parts(3);
    earlier.append(later, lines);
    expect(() => earlier.add(parse(declarations.slice(1, 2), 0, 1)[0]!)).toThrow(/take no more/);
    expect(() => earlier.toData()).toThrow(/take no more/);
  });
});
