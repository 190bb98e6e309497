// What the repair planner proposes and says, with the real check: the
// refusals (and the option that would help), the junk and cut-off cases, a
// damaged declaration together with a cut tail, which earlier declaration
// takes effect again, and how overlapping edits are merged. The explanation
// is what a person reads before --write: its figures must be the plan's own.
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile, type CheckOptions } from '../../src/check/index.js';
import type { CheckReport } from '../../src/check/types.js';
import { mergeEdits, planRepair, type PlanOptions } from '../../src/repair/plan.js';
import type { Edit, RepairPlan } from '../../src/repair/types.js';
import { useTmp } from './helpers/tmp.js';

const now = new Date('2026-11-28T13:00:00Z');
const tmp = useTmp();

async function planOf(
  text: string,
  options: PlanOptions = {},
  check: CheckOptions = {},
): Promise<{ plan: RepairPlan; file: string; report: CheckReport }> {
  const file = join(tmp(), 'dhcpd.leases');
  writeFileSync(file, text, 'latin1');
  const report = await checkLeaseFile(file, { now, ...check });
  const fd = openSync(file, 'r');
  try {
    return { plan: planRepair(report, options, fd), file, report };
  } finally {
    closeSync(fd);
  }
}

const whole = (n: number) => `lease 10.0.1.${n} {\n  binding state free;\n}\n`;
const damaged = (n: number) => `lease 10.0.0.${n} {\n  binding stXte active;\n}\n`;
const w1 = whole(1);

describe('nothing to do', () => {
  it('a clean file: no edits, nothing removed, the size kept', async () => {
    const { plan, file } = await planOf(w1);
    expect(plan).toEqual({
      file,
      action: 'none',
      source: file,
      sourceBytes: w1.length,
      edits: [],
      resultBytes: w1.length,
      removed: [],
      cutOffset: null,
      affected: [],
      previous: null,
      explanation: [],
      refusal: null,
      restore: null,
      fingerprint: null,
      sourceFingerprint: null,
    });
  });
});

describe('refusals', () => {
  it('damage in the middle, without --drop-corrupt: names the problems and the option', async () => {
    const text = w1 + damaged(2) + whole(3);
    const { plan, file } = await planOf(text);
    expect(plan.action).toBe('refuse');
    expect(plan.edits).toEqual([]);
    expect(plan.refusal).toBe('the file is damaged in the middle, not only at its tail');
    expect(plan.explanation).toEqual([
      `${file}: 1 problem(s) in the middle of the file; nothing proposed: the file is damaged in the middle, not only at its tail.`,
      '  line 5: expected "state", found "stXte" in lease declaration starting at line 4',
      "--drop-corrupt proposes removing each damaged declaration; without a clean FILE~ (dhcpd's previous snapshot) to restore, that is the remaining choice.",
    ]);
  });

  it('lists at most five problems', async () => {
    const text = w1 + [2, 3, 4, 5, 6, 7, 8].map(damaged).join('') + whole(9);
    const { plan, file } = await planOf(text);
    expect(plan.explanation[0]).toBe(
      `${file}: 7 problem(s) in the middle of the file; nothing proposed: the file is damaged in the middle, not only at its tail.`,
    );
    expect(plan.explanation.filter((l) => l.startsWith('  line '))).toHaveLength(5);
  });

  it('--drop-corrupt with more damage than the check listed: says so, and not the option it already has', async () => {
    const text = w1 + damaged(2) + damaged(3) + whole(3);
    const { plan, file } = await planOf(text, { dropCorrupt: true }, { maxProblems: 1 });
    expect(plan.action).toBe('refuse');
    expect(plan.edits).toEqual([]);
    expect(plan.refusal).toBe(
      'more damaged declarations exist than the 1 the check listed (raise --max-problems)',
    );
    expect(plan.explanation).toEqual([
      `${file}: more than 1 problem(s) in the middle of the file; nothing proposed: more damaged declarations exist than the 1 the check listed (raise --max-problems).`,
      '  line 8: expected "state", found "stXte" in lease declaration starting at line 7',
    ]);
  });

  const report = (verdict: string): CheckReport =>
    ({
      file: 'F',
      bytes: 10,
      verdict,
      problems: [],
      problemsTruncated: false,
      truncated: null,
    }) as unknown as CheckReport;

  it('a file dhcpd is writing right now', () => {
    const plan = planRepair(report('being-written'), {}, -1);
    expect(plan.action).toBe('refuse');
    expect(plan.refusal).toBe('dhcpd appears to be writing the file right now');
    expect(plan.explanation).toEqual([
      'F: nothing proposed: dhcpd appears to be writing the file right now.',
    ]);
  });

  it('a verdict it does not know, or a truncated tail without its description', () => {
    expect(planRepair(report('unheard-of'), {}, -1).refusal).toBe(
      "the check's verdict is unheard-of",
    );
    const plan = planRepair(report('truncated-tail'), {}, -1);
    expect(plan.action).toBe('refuse');
    expect(plan.refusal).toBe("the check's verdict is truncated-tail");
  });

  it('--drop-corrupt when the check could not delimit the damage', () => {
    const r = report('corrupt');
    r.problems = [
      { code: 'syntax-error', severity: 'error', line: 3, column: 1, offset: 5, message: 'bad' },
    ];
    const plan = planRepair(r, { dropCorrupt: true }, -1);
    expect(plan.action).toBe('refuse');
    expect(plan.refusal).toBe('the check could not delimit the damaged declarations');
    expect(plan.explanation).toEqual([
      'F: 1 problem(s) in the middle of the file; nothing proposed: the check could not delimit the damaged declarations.',
      '  line 3: bad',
    ]);
  });
});

describe('junk after the last declaration', () => {
  it('is removed, called junk, with no earlier declaration to speak of', async () => {
    const { plan, file } = await planOf(`${w1}garbage here`);
    expect(plan.action).toBe('truncate-tail');
    expect(plan.edits).toEqual([{ offset: w1.length, line: 4, length: 12, insert: '' }]);
    expect(plan.affected).toEqual([]);
    expect(plan.previous).toBeNull();
    expect(plan.removed).toEqual([
      {
        offset: w1.length,
        length: 12,
        line: 4,
        kind: null,
        key: null,
        reason: 'it is junk after the last complete declaration, not a declaration dhcpd loads',
      },
    ]);
    expect(plan.explanation).toEqual([
      `${file}: the bytes after the last complete declaration (line 4, byte ${w1.length}) are junk: it is junk after the last complete declaration, not a declaration dhcpd loads.`,
      `Remove its 12 bytes, from byte ${w1.length} to the end of the file; everything before it is kept byte for byte.`,
      'What dhcpd does with it as it is: dhcpd does not recognise the start of this declaration: it logs "Corrupt lease file - possible data loss!" and skips it.',
    ]);
  });
});

describe('a cut-off lease', () => {
  it('cut inside a statement: named; the earlier declaration takes effect again, with its end', async () => {
    const earlier =
      'lease 10.0.1.1 {\n  starts 6 2026/11/28 12:00:00;\n  ends 6 2026/11/28 14:00:00;\n  binding state active;\n}\n';
    const cut = 'lease 10.0.1.1 {\n  starts 6 2026/11/28 12:30:00;\n  binding sta';
    const { plan, file } = await planOf(earlier + w1.replace('10.0.1.1', '10.0.1.2') + cut);
    const at = earlier.length + w1.length;
    expect(plan.affected).toEqual(['10.0.1.1']);
    expect(plan.previous).toEqual({
      offset: 0,
      line: 1,
      bindingState: 'active',
      ends: Date.UTC(2026, 10, 28, 14) / 1000,
    });
    expect(plan.removed[0]!.reason).toBe('the file ends inside its `binding state` statement');
    expect(plan.explanation[0]).toBe(
      `${file}: the last declaration, lease 10.0.1.1 (line 9, byte ${at}), is cut off: the file ends inside its \`binding state\` statement.`,
    );
    expect(plan.explanation[3]).toBe(
      'The earlier declaration of 10.0.1.1 (line 1: binding state active, ends 2026-11-28T14:00:00Z) takes effect again.',
    );
    expect(plan.explanation).toHaveLength(4);
  });

  it('an earlier declaration that never ends, or has no state', async () => {
    const never = 'lease 10.0.1.1 {\n  ends never;\n}\n';
    const cut = 'lease 10.0.1.1 {\n  starts 6 2026/11/28 12:30:00;\n';
    const { plan } = await planOf(never + cut);
    expect(plan.explanation[3]).toBe(
      'The earlier declaration of 10.0.1.1 (line 1: binding state unknown, ends never) takes effect again.',
    );
  });

  it('with no earlier declaration: dhcpd will not know the binding', async () => {
    const { plan } = await planOf(`${w1}lease 10.0.1.7 {\n  binding state active;\n`);
    expect(plan.previous).toBeNull();
    expect(plan.removed[0]!.reason).toBe('the file ends before its closing brace');
    expect(plan.explanation[3]).toBe(
      'No earlier declaration of 10.0.1.7 exists: dhcpd will not know this binding.',
    );
  });
});

describe('--salvage', () => {
  it("closes the lease after its last complete statement, on that statement's line, and says what it keeps", async () => {
    const cut =
      'lease 10.0.9.9 {\n  starts 6 2026/11/28 12:55:18;\n  binding state active;\n  hardware ethernet 00:0c:01:02:03:99;\n  uid "\\001\\0';
    const { plan, file } = await planOf(w1 + cut, { salvage: true });
    const keep = cut.indexOf('99;') + 3;
    expect(plan.action).toBe('salvage');
    expect(plan.refusal).toBeNull();
    expect(plan.edits).toEqual([
      { offset: w1.length + keep, line: 7, length: cut.length - keep, insert: '\n}\n' },
    ]);
    expect(plan.cutOffset).toBe(w1.length + keep);
    expect(plan.resultBytes).toBe(w1.length + keep + 3);
    expect(plan.removed).toEqual([
      {
        offset: w1.length + keep,
        length: cut.length - keep,
        line: 7,
        kind: 'lease',
        key: '10.0.9.9',
        reason: 'the file ends inside its `uid` statement',
      },
    ]);
    expect(plan.explanation).toEqual([
      `${file}: lease 10.0.9.9 (line 4) is cut off: the file ends inside its \`uid\` statement.`,
      `Salvage: keep its 3 complete statements (starts, binding state, hardware), remove the ${cut.length - keep} bytes after them and close it with "}".`,
    ]);
  });
});

describe('--salvage refused', () => {
  it('for an IA: only a v4 lease can be salvaged; it is removed instead, and the plan says so first', async () => {
    const ia = 'ia-na "abcdefgh" {\n  cltt 6 2026/11/28 12:54:02;\n';
    const { plan, file } = await planOf(w1 + ia, { salvage: true });
    expect(plan.action).toBe('truncate-tail');
    expect(plan.edits).toEqual([{ offset: w1.length, line: 4, length: ia.length, insert: '' }]);
    expect(plan.refusal).toBe(
      'salvage not possible: only a v4 `lease` can be salvaged, this is ia-na "abcdefgh"',
    );
    expect(plan.explanation[0]).toBe(
      'Salvage is not possible for ia-na "abcdefgh": only a v4 `lease` can be salvaged, this is ia-na "abcdefgh"; removing it instead.',
    );
    expect(plan.explanation[1]).toBe(
      `${file}: the last declaration, ia-na "abcdefgh" (line 4, byte ${w1.length}), is cut off: the file ends before its closing brace.`,
    );
  });

  it('for a lease of more than 1 MiB', async () => {
    const big = `lease 10.0.1.9 {\n  binding state active;\n  hardware ethernet 00:11:22:33:44:55;\n  client-hostname "${'x'.repeat(1024 * 1024)}`;
    const { plan } = await planOf(w1 + big, { salvage: true });
    expect(plan.action).toBe('truncate-tail');
    expect(plan.refusal).toBe(
      `salvage not possible: its ${big.length} bytes are too many for a lease`,
    );
  });

  it('but not for a lease just under 1 MiB', async () => {
    const head =
      'lease 10.0.1.9 {\n  binding state active;\n  hardware ethernet 00:11:22:33:44:55;\n  client-hostname "';
    const big = head + 'x'.repeat(1024 * 1024 - head.length);
    expect(big.length).toBe(1024 * 1024);
    const { plan } = await planOf(w1 + big, { salvage: true });
    expect(plan.refusal).toBeNull();
    expect(plan.action).toBe('salvage');
  });
});

describe('a damaged declaration and a cut tail, with --drop-corrupt', () => {
  it('removes both, and carries the tail’s key, cut and earlier declaration', async () => {
    const cut =
      'lease 10.0.1.1 {\n  starts 6 2026/11/28 12:00:00;\n  ends 6 2026/11/28 14:00:00;\n';
    const text = w1 + damaged(2) + whole(3) + cut;
    const { plan, file } = await planOf(text, { dropCorrupt: true });
    const tailAt = text.length - cut.length;
    expect(plan.action).toBe('drop-corrupt');
    expect(plan.edits).toEqual([
      { offset: w1.length, line: 4, length: damaged(2).length, insert: '' },
      { offset: tailAt, line: 10, length: cut.length, insert: '' },
    ]);
    expect(plan.resultBytes).toBe(w1.length + whole(3).length);
    expect(plan.cutOffset).toBe(tailAt);
    expect(plan.affected).toEqual(['10.0.1.1']);
    expect(plan.previous).toEqual({ offset: 0, line: 1, bindingState: 'free', ends: null });
    expect(plan.removed.map((r) => [r.offset, r.kind, r.key])).toEqual([
      [w1.length, 'lease', null],
      [tailAt, 'lease', '10.0.1.1'],
    ]);
    expect(plan.explanation[0]).toBe(
      `Remove the damaged lease at line 4 (${damaged(2).length} bytes from byte ${w1.length}): expected "state", found "stXte" in lease declaration starting at line 4`,
    );
    expect(plan.explanation[1]).toBe(
      `${file}: the last declaration, lease 10.0.1.1 (line 10, byte ${tailAt}), is cut off: the file ends before its closing brace.`,
    );
  });

  it('a stray word is removed as a "declaration"', async () => {
    const text = `${w1}bogus 1.2.3.4;\n${whole(3)}`;
    const { plan } = await planOf(text, { dropCorrupt: true });
    expect(plan.action).toBe('drop-corrupt');
    expect(plan.explanation[0]).toMatch(
      /^Remove the damaged declaration at line 4 \(\d+ bytes from byte 41\): /,
    );
  });
});

describe('merging edits', () => {
  const e = (offset: number, length: number, insert = ''): Edit => ({
    offset,
    line: 1,
    length,
    insert,
  });

  it('sorts them, keeps apart those that do not touch, and does not change its input', () => {
    const input = [e(20, 5), e(0, 5)];
    expect(mergeEdits(input)).toEqual([e(0, 5), e(20, 5)]);
    expect(input).toEqual([e(20, 5), e(0, 5)]);
  });

  it('joins overlapping and touching edits into one covering both', () => {
    expect(mergeEdits([e(0, 10), e(5, 10)])).toEqual([e(0, 15)]);
    expect(mergeEdits([e(0, 5), e(5, 5)])).toEqual([e(0, 10)]);
    expect(mergeEdits([e(0, 10), e(2, 3)])).toEqual([e(0, 10)]);
  });

  it('keeps the insert of the edit that reaches further (the tail closed with "}")', () => {
    expect(mergeEdits([e(0, 10), e(5, 10, '\n}\n')])).toEqual([e(0, 15, '\n}\n')]);
    expect(mergeEdits([e(0, 10, '\n}\n'), e(2, 3)])).toEqual([e(0, 10, '\n}\n')]);
    expect(mergeEdits([e(0, 10), e(4, 6, '\n}\n')])).toEqual([e(0, 10, '\n}\n')]);
  });
});
