// What the repair plan says about a cut tail, in the cases plan-explains does
// not reach: a tail with no kind or no key (how it is named), an earlier
// declaration with no `ends`, a cut host or IA (whether a binding comes
// back), and a --salvage whose own count of complete statements disagrees
// with the check's (then the lease is removed, never closed in the wrong place).
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import type { CheckReport } from '../../src/check/types.js';
import { planRepair, type PlanOptions } from '../../src/repair/plan.js';
import type { RepairPlan } from '../../src/repair/types.js';
import { useTmp } from './helpers/tmp.js';

const now = new Date('2026-11-28T13:00:00Z');
const tmp = useTmp();
const w1 = 'lease 10.0.1.1 {\n  binding state free;\n}\n';

function withFd<T>(text: string, run: (fd: number, file: string) => T): T {
  const file = join(tmp(), 'dhcpd.leases');
  writeFileSync(file, text, 'latin1');
  const fd = openSync(file, 'r');
  try {
    return run(fd, file);
  } finally {
    closeSync(fd);
  }
}

async function planOf(text: string, options: PlanOptions = {}): Promise<RepairPlan> {
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

describe('how the cut declaration is named', () => {
  it('junk with --salvage: "declaration", not a kind it does not have', async () => {
    const plan = await planOf(`${w1}garbage here`, { salvage: true });
    expect(plan.explanation[0]).toBe(
      'Salvage is not possible for declaration: only a v4 `lease` can be salvaged, this is declaration; removing it instead.',
    );
  });

  it('a lease cut before its address: "lease", with no key', async () => {
    const plan = await planOf(`${w1}lease 10.0.`, { salvage: true });
    expect(plan.removed[0]).toMatchObject({ kind: 'lease', key: null });
    expect(plan.explanation[0]).toMatch(/^Salvage is not possible for lease: /);
    expect(plan.explanation[1]).toContain(
      `: the last declaration, lease (line 4, byte ${w1.length}), is cut off: `,
    );
  });
});

describe('what comes back when the cut declaration goes', () => {
  it('an earlier declaration without `ends`: its end is unknown (not "never")', async () => {
    const earlier = 'lease 10.0.1.5 {\n  binding state active;\n}\n';
    const plan = await planOf(`${earlier}lease 10.0.1.5 {\n  starts 6 2026/11/28 12:30:00;\n`);
    expect(plan.explanation[3]).toBe(
      'The earlier declaration of 10.0.1.5 (line 1: binding state active, ends unknown) takes effect again.',
    );
  });

  it('a cut host: no binding to speak of', async () => {
    const plan = await planOf(`${w1}host h1 {\n  hardware ethernet 00:11:22:33:44:55;\n`);
    expect(plan.removed[0]).toMatchObject({ kind: 'host' });
    expect(plan.explanation).toHaveLength(3);
    expect(plan.explanation.join('\n')).not.toMatch(/earlier declaration/i);
  });

  it('a cut IA with no earlier copy: dhcpd will not know it', async () => {
    const plan = await planOf(`${w1}ia-na "abcdefgh" {\n  cltt 6 2026/11/28 12:54:02;\n`);
    expect(plan.explanation[3]).toBe(
      'No earlier declaration of "abcdefgh" exists: dhcpd will not know this binding.',
    );
  });
});

describe('--salvage when its own statement count disagrees with the check', () => {
  /** A check report of a cut lease at offset 0 whose complete statements are `statements`. */
  const report = (bytes: number, statements: string[]): CheckReport =>
    ({
      file: 'F',
      bytes,
      verdict: 'truncated-tail',
      problems: [],
      problemsTruncated: false,
      truncated: {
        offset: 0,
        line: 1,
        kind: 'lease',
        key: '10.0.1.9',
        cutInside: null,
        completeStatements: statements,
        previous: null,
        dhcpd: { explanation: 'dhcpd drops it.' },
      },
    }) as unknown as CheckReport;
  const statements = ['binding state', 'hardware ethernet'];

  it('fewer statements than the check found: removed, and the plan says why', () => {
    const text = 'lease 10.0.1.9 {\n  binding state active;\n  hardware ether';
    const plan = withFd(text, (fd) =>
      planRepair(report(text.length, statements), { salvage: true }, fd),
    );
    expect(plan.action).toBe('truncate-tail');
    expect(plan.refusal).toBe(
      'salvage not possible: leasecheck located 1 complete statements where the check found 2',
    );
    expect(plan.edits).toEqual([{ offset: 0, line: 1, length: text.length, insert: '' }]);
  });

  it('no complete statement at all: removed, and the plan says why', () => {
    const text = 'lease 10.0.1.9 {\n  binding sta';
    const plan = withFd(text, (fd) =>
      planRepair(report(text.length, statements), { salvage: true }, fd),
    );
    expect(plan.action).toBe('truncate-tail');
    expect(plan.refusal).toBe(
      'salvage not possible: leasecheck could not find where its last complete statement ends',
    );
    expect(plan.explanation[0]).toBe(
      'Salvage is not possible for lease 10.0.1.9: leasecheck could not find where its last complete statement ends; removing it instead.',
    );
  });
});
