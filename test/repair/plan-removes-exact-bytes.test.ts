// The repair planner on its own, with the real check: each removal covers
// exactly the damaged or partial declaration's bytes, not one byte fewer or
// more. One byte short leaves a stray `}` or letter that dhcpd then reads as
// the start of a statement; one byte long eats the next declaration's `l`.
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { planRepair, type PlanOptions } from '../../src/repair/index.js';
import type { Edit, RepairPlan } from '../../src/repair/types.js';
import { leaseFile } from './helpers/fake-check.js';
import { useTmp } from './helpers/tmp.js';

const now = new Date('2026-11-28T13:00:00Z');
const tmp = useTmp();

const partialLease =
  'lease 10.0.9.9 {\n  starts 6 2026/11/28 12:55:18;\n  ends 6 2026/11/28 13:05:18;\n  cltt 6 2026/11/28 12:55:18;\n' +
  '  binding state active;\n  next binding state free;\n  rewind binding state free;\n  hardware ethernet 00:0c:01:02:03:99;\n  uid "\\001\\0';

async function plan(text: string, options: PlanOptions = {}): Promise<RepairPlan> {
  const file = join(tmp(), 'dhcpd.leases');
  writeFileSync(file, text, 'latin1');
  const report = await checkLeaseFile(file, { now });
  const fd = openSync(file, 'r');
  try {
    return planRepair(report, options, fd);
  } finally {
    closeSync(fd);
  }
}

/** The planned result, applying the edits in our own simple way. */
function applyEdits(text: string, edits: Edit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.offset - b.offset)) {
    out += text.slice(at, e.offset) + e.insert;
    at = e.offset + e.length;
  }
  return out + text.slice(at);
}

describe('the repair plan removes exactly the bytes it names', () => {
  it('truncated tail: from the partial lease to the end of the file, nothing before it', async () => {
    const head = leaseFile(3);
    const p = await plan(head + partialLease);
    expect(p.action).toBe('truncate-tail');
    expect(p.edits).toEqual([
      { offset: head.length, line: expect.any(Number), length: partialLease.length, insert: '' },
    ]);
    expect(p.removed).toEqual([
      expect.objectContaining({
        offset: head.length,
        length: partialLease.length,
        key: '10.0.9.9',
      }),
    ]);
    expect(p.cutOffset).toBe(head.length);
    expect(p.resultBytes).toBe(head.length);
    expect(applyEdits(head + partialLease, p.edits)).toBe(head);
  });

  it('salvage: from the end of the last complete statement to the end of the file, then "}"', async () => {
    const head = leaseFile(3);
    const p = await plan(head + partialLease, { salvage: true });
    expect(p.action).toBe('salvage');
    const keep = partialLease.indexOf('00:0c:01:02:03:99;') + '00:0c:01:02:03:99;'.length;
    expect(p.edits).toEqual([
      {
        offset: head.length + keep,
        line: expect.any(Number),
        length: partialLease.length - keep,
        insert: '\n}\n',
      },
    ]);
    expect(p.removed[0]).toMatchObject({
      offset: head.length + keep,
      length: partialLease.length - keep,
    });
    expect(p.resultBytes).toBe(head.length + keep + 3);
    expect(applyEdits(head + partialLease, p.edits)).toBe(
      head + partialLease.slice(0, keep) + '\n}\n',
    );
  });

  it('drop-corrupt: each damaged declaration whole, the declarations around it untouched', async () => {
    const whole = (n: number) => `lease 10.0.1.${n} {\n  binding state free;\n}\n`;
    const damaged = (n: number) => `lease 10.0.0.${n} {\n  binding stXte active;\n}\n`;
    const text = whole(1) + damaged(2) + whole(3) + damaged(4) + whole(5);
    const p = await plan(text, { dropCorrupt: true });
    expect(p.action).toBe('drop-corrupt');
    const expected = whole(1) + whole(3) + whole(5);
    expect(applyEdits(text, p.edits)).toBe(expected);
    expect(p.resultBytes).toBe(expected.length);
    expect(p.removed.map((r) => text.slice(r.offset, r.offset + r.length))).toEqual([
      damaged(2),
      damaged(4),
    ]);
  });
});
