import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SUMMARY,
  codesOf,
  leaseSummaryWords,
  manyEnd,
  matchCodes,
  matchEvents,
  matchMany,
  summariseLeases,
  trackCodes,
} from '../../src/grammar/lease-engine.js';
import {
  LEASE_SUMMARY_RULES,
  endsLease,
  leaseRecordEnd,
  leaseSummaryInEvents,
  leaseRecordsInto,
} from '../../src/model/from-events.js';
import { LeaseBatch } from '../../src/model/lease-batch.js';
import { propertyParameters, readFixture } from '../helpers.js';
import { anyLeaseFileText } from './byte-mutations.js';

/**
 * The WebAssembly module summarises most leases of a run itself
 * (compile/wasm/emit-lease-summary.ts), and leaves the unusual ones to the
 * summary in JavaScript (model/from-events.ts summarise), which stays the
 * reference: every lease the module summarises must have exactly the
 * summary JavaScript gives of the same events (address, binding state,
 * nothing read otherwise, no type-only hardware), the same extent, and its
 * dates counted in the same forms.
 */

interface Summarised {
  address: number;
  state: number;
  start: number;
  end: number;
}

/** What the walk over one run found: the leases the module summarised, and the ones it left. */
interface RunWalk {
  byModule: Summarised[];
  moduleDates: { utc: number; epoch: number };
  reference: Summarised[];
  referenceDates: { utc: number; epoch: number };
  left: number;
}

/**
 * Walks the events of the last matchMany as the scanner does (scan.ts
 * handOverRun), and beside it summarises each lease the module took with
 * the JavaScript summary.
 */
function walkRun(codes: Uint16Array): RunWalk {
  const events = matchEvents();
  const count = events.count;
  const walk: RunWalk = {
    byModule: [],
    moduleDates: { utc: 0, epoch: 0 },
    reference: [],
    referenceDates: { utc: 0, epoch: 0 },
    left: 0,
  };
  let from = 0;
  while (from < count) {
    const taken = summariseLeases(from);
    const words = leaseSummaryWords();
    const records: Summarised[] = [];
    const batch = leaseRecordsInto(new LeaseBatch(), words, taken, codes, 0);
    for (let k = 0; k < taken; k++) {
      records.push({
        address: batch.addresses[k]!,
        state: batch.states[k]!,
        start: batch.offsetOf(k),
        end: leaseRecordEnd(words, k),
      });
    }
    walk.byModule.push(...records);
    walk.moduleDates.utc += words[SUMMARY.UTC]!;
    walk.moduleDates.epoch += words[SUMMARY.EPOCH]!;
    const next = words[SUMMARY.NEXT]!;
    // The same leases, by the JavaScript summary (read after the module's records: it reuses its result object).
    let first = from;
    for (let i = from; i < next; i++) {
      if (!endsLease(events.rule[i]!)) continue;
      const lease = leaseSummaryInEvents(codes, first, i + 1, walk.referenceDates);
      expect(lease.readOtherwise).toBe(false);
      expect(lease.hardwareTypeOnly).toBe(false);
      walk.reference.push({
        address: lease.address,
        state: lease.state,
        start: events.start[i]!,
        end: events.end[i]!,
      });
      first = i + 1;
    }
    expect(first).toBe(next);
    if (next >= count) break;
    // The lease the module left: the scanner's JavaScript summary reads it.
    walk.left++;
    let i = next;
    while (!endsLease(events.rule[i]!)) i++;
    from = i + 1;
  }
  return walk;
}

/** Every run of leases in `text`, as the scanner takes them; returns the walks. */
function walkFile(text: string): RunWalk[] {
  const codes = codesOf(text);
  trackCodes(codes);
  const walks: RunWalk[] = [];
  let pos = 0;
  while (pos < text.length) {
    if (matchMany('Declaration', codes, text.length, pos, 'LeaseDecl', 1499, LEASE_SUMMARY_RULES) > 0) {
      walks.push(walkRun(codes));
      pos = manyEnd();
      if (pos >= text.length) break;
    }
    // Past the declaration the run stopped at (or a byte of damage), as a scan moves on.
    const end = matchCodes('Declaration', codes, text.length, pos);
    pos = end > pos ? end : pos + 1;
  }
  return walks;
}

function expectSameSummaries(text: string): { byModule: number; left: number; runs: number } {
  let byModule = 0;
  let left = 0;
  const walks = walkFile(text);
  for (const walk of walks) {
    expect(walk.byModule).toEqual(walk.reference);
    expect(walk.moduleDates).toEqual(walk.referenceDates);
    byModule += walk.byModule.length;
    left += walk.left;
  }
  return { byModule, left, runs: walks.length };
}

const lease = (address: string, body: string): string => `lease ${address} {\n${body}}\n`;
const usual = (i: number, extra = ''): string =>
  lease(
    `10.0.${i >> 8}.${i & 255}`,
    `  starts 4 2026/01/01 00:00:00;\n  ends 4 2026/01/01 01:00:00;\n  cltt 4 2026/01/01 00:00:00;\n` +
      `  binding state ${['active', 'free', 'expired', 'backup', 'released'][i % 5]};\n` +
      `  next binding state free;\n  rewind binding state free;\n` +
      `  hardware ethernet 00:11:22:33:44:${(i & 255).toString(16).padStart(2, '0')};\n${extra}`,
  );

beforeAll(() => {
  // The engine switches to WebAssembly once the JavaScript one has matched a few KiB (lease-engine.ts).
  const text = Array.from({ length: 40 }, (_, i) => usual(i)).join('');
  const codes = codesOf(text);
  for (let pos = 0; pos >= 0; ) pos = matchCodes('Declaration', codes, text.length, pos);
});

describe('the WebAssembly summary of a run of leases', () => {
  it('summarises every lease of a file of usual leases itself, as JavaScript does', () => {
    const text = Array.from({ length: 2000 }, (_, i) => usual(i)).join('');
    const { byModule, left, runs } = expectSameSummaries(text);
    expect(left).toBe(0);
    // A run stops at the end of the module's 64 KiB copy of the input, where
    // the lease the copy cuts is matched alone: every other is summarised here.
    expect(runs).toBeGreaterThan(5);
    expect(byModule).toBeGreaterThanOrEqual(2000 - runs);
  });

  it('summarises the usual forms it knows, and leaves every other to JavaScript', () => {
    const cases: [string, string, 'module' | 'javascript'][] = [
      ['epoch dates', lease('10.1.0.1', '  starts epoch 1767225600; # Thu Jan 01 00:00:00 2026\n  binding state active;\n'), 'module'],
      ['never', lease('10.1.0.2', '  ends never;\n  binding state active;\n'), 'module'],
      ['no binding state', lease('10.1.0.3', '  starts 4 2026/01/01 00:00:00;\n'), 'module'],
      ['the abandoned flag', lease('10.1.0.4', '  binding state active;\n  abandoned;\n'), 'module'],
      ['the top address', lease('255.255.255.255', '  binding state free;\n'), 'module'],
      ['a 20-octet address (a long statement)', lease('10.1.0.5', `  hardware ethernet ${Array(20).fill('0a').join(':')};\n`), 'javascript'],
      ['a date of 1969', lease('10.1.1.1', '  ends 3 1969/12/31 23:59:59;\n  binding state free;\n'), 'javascript'],
      ['a two-digit century', lease('10.1.1.2', '  ends 3 0069/12/31 23:59:59;\n'), 'javascript'],
      ['a time zone offset', lease('10.1.1.3', '  ends 4 2026/01/01 00:00:00 -0100;\n'), 'javascript'],
      ['a long hardware address', lease('10.1.1.4', `  hardware ethernet ${Array(21).fill('1').join(':')};\n`), 'javascript'],
      ['type-only hardware', lease('10.1.1.5', '  hardware ethernet;\n'), 'javascript'],
      ['a bad escape', lease('10.1.1.6', '  client-hostname "a\\xzb";\n'), 'javascript'],
      ['an octet above 255', lease('10.1.1.300', '  binding state active;\n'), 'javascript'],
    ];
    for (const [name, unusual, by] of cases) {
      // Between usual leases, so that it stands inside a run.
      const text = usual(1) + unusual + usual(2);
      const { byModule, left } = expectSameSummaries(text);
      expect({ name, byModule, left }).toEqual({
        name,
        byModule: by === 'module' ? 3 : 2,
        left: by === 'module' ? 0 : 1,
      });
    }
  });

  it.each(['srv.leases', 'fo-secondary.leases', 'fo-primary.leases', 'enospc-truncated.leases'])(
    'agrees with JavaScript on the fixture %s',
    (name) => {
      expect(expectSameSummaries(readFixture(name)).byModule).toBeGreaterThan(0);
    },
  );

  it('agrees with JavaScript on generated, cut, damaged and mutated files (fast-check)', () => {
    const text = anyLeaseFileText();
    fc.assert(
      fc.property(text, (t) => {
        expectSameSummaries(t);
      }),
      propertyParameters(100),
    );
  });
});
