// What the repair plan says about a cut tail, in the cases plan-explains does
// not reach: a tail with no kind or no key (how it is named), an earlier
// declaration with no `ends`, a cut host or IA (whether a binding comes
// back), and a --salvage whose own count of complete statements disagrees
// with the check's (then the lease is removed, never closed in the wrong place).
import { closeSync, openSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import type { CheckReport } from '../../src/check/types.js';
import { analyseRepair, type AnalyseDeps } from '../../src/repair/analyse.js';
import { listDeclarations } from '../../src/repair/keys.js';
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
  it('a lease cut before its address, with no earlier declaration: "it"', async () => {
    const plan = await planOf(`${w1}lease 10.0.`);
    expect(plan.explanation[3]).toBe(
      'No earlier declaration of it exists: dhcpd will not know this binding.',
    );
  });

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

describe('a cut IA whose complete blocks end bindings of its earlier copy', () => {
  // The inputs of test/real-dhcpd/partial-ia-repair.test.ts, which holds what dhcpd -6 -T
  // does with them; here, what the plan says and where it cuts, exactly.
  const duid = '\\001\\000\\000\\000\\000\\001\\000\\0012\\235\\213hz%\\335R';
  const key = `"${duid}"`;
  const block = (address: string, state: string, prefix = false): string =>
    `  ${prefix ? 'iaprefix' : 'iaaddr'} ${address} {\n    binding state ${state};\n` +
    '    ends 4 2026/12/10 20:00:00;\n  }\n';
  const ia = (kind: string, blocks: string, tail = '}\n'): string =>
    `${kind} "${duid}" {\n  cltt 4 2026/12/10 10:00:00;\n${blocks}${tail}`;

  it.each([
    ['ia-na', 'iaaddr', 'fd00::100', false],
    ['ia-ta', 'iaaddr', 'fd00::100', false],
    ['ia-pd', 'iaprefix', 'fd00:0:0:100::/64', true],
  ] as const)(
    '%s lacking only its `}`: closed after its last complete %s block, and the plan says why',
    async (kind, name, address, prefix) => {
      const earlier = ia(kind, block(address, 'active', prefix));
      const text = earlier + ia(kind, block(address, 'expired', prefix), '');
      const plan = await planOf(text);
      expect(plan.action).toBe('truncate-tail');
      expect(plan.edits).toEqual([
        { offset: text.length - 1, line: 13, length: 1, insert: '\n}\n' },
      ]);
      expect(plan.cutOffset).toBe(text.length - 1);
      expect(plan.removed).toEqual([
        {
          offset: text.length - 1,
          length: 1,
          line: 13,
          kind,
          key,
          reason: 'the file ends before its closing brace',
        },
      ]);
      const bound = address.replace('/64', '');
      expect(plan.explanation).toHaveLength(4);
      expect(plan.explanation[0]).toMatch(
        new RegExp(
          `: the last declaration, ${kind} ".+" \\(line 8, byte ${earlier.length}\\), is cut off: the file ends before its closing brace\\.$`,
        ),
      );
      expect(plan.explanation[1]).toMatch(/^What dhcpd does with it as it is: dhcpd never enters/);
      expect(plan.explanation.slice(2)).toEqual([
        `Close it after its last complete ${name} block: remove the 1 bytes after it (from byte ${text.length - 1}) and put "}" there; everything before is kept byte for byte.`,
        `Removing it whole would bring back the earlier declaration's (line 1) binding of ${bound}; closed, dhcpd reads it silently and keeps no binding for this IA, as it would from the file as it is.`,
      ]);
    },
  );

  it('lacking only its `}` after two blocks that end two bindings: the closing text names both, comma-separated', async () => {
    const text =
      ia('ia-na', block('fd00::100', 'active') + block('fd00::101', 'active')) +
      ia('ia-na', block('fd00::100', 'expired') + block('fd00::101', 'expired'), '');
    const plan = await planOf(text);
    expect(plan.action).toBe('truncate-tail');
    expect(plan.explanation.at(-1)).toBe(
      "Removing it whole would bring back the earlier declaration's (line 1) binding of fd00::100, fd00::101; closed, dhcpd reads it silently and keeps no binding for this IA, as it would from the file as it is.",
    );
  });

  it.each([
    [['fd00::100'], 'it'],
    [['fd00::100', 'fd00::101'], 'them'],
  ] as const)(
    'ending %j and cut inside the next block: removed, with a warning naming what comes back (%s)',
    async (ended, pronoun) => {
      const all = [...ended, 'fd00::10f'];
      const text =
        ia('ia-na', all.map((a) => block(a, 'active')).join('')) +
        ia(
          'ia-na',
          ended.map((a) => block(a, 'expired')).join(''),
          '  iaaddr fd00::10f {\n    binding st',
        );
      const plan = await planOf(text);
      const at = text.indexOf('ia-na', 1);
      expect(plan.edits).toEqual([
        { offset: at, line: expect.any(Number), length: text.length - at, insert: '' },
      ]);
      expect(plan.explanation.at(-1)).toBe(
        `WARNING: removing it brings back the earlier declaration's (line 1) binding of ${ended.join(', ')}, which dhcpd would not have had from the file as it is (its complete blocks end ${pronoun}); closing it after those blocks would not leave dhcpd the same bindings either. Review before dhcpd starts.`,
      );
    },
  );

  it('a cut IA of exactly 1 MiB is still read for its blocks, after 1 MiB of earlier text too', async () => {
    const earlier = ia('ia-na', block('fd00::100', 'active'));
    const head = `${block('fd00::100', 'expired')}# `;
    const cutStart = `ia-na "${duid}" {\n  cltt 4 2026/12/10 10:00:00;\n`;
    const pad = 1024 * 1024 - cutStart.length - head.length - 1;
    const cut = ia('ia-na', `${head}${'x'.repeat(pad)}\n`, '');
    expect(cut.length).toBe(1024 * 1024);
    const big = `# ${'y'.repeat(1024 * 1024)}\n`;
    for (const text of [
      earlier + cut,
      big + earlier + ia('ia-na', block('fd00::100', 'expired'), ''),
    ]) {
      const plan = await planOf(text);
      expect(plan.edits).toEqual([
        {
          offset: expect.any(Number),
          line: expect.any(Number),
          length: expect.any(Number),
          insert: '\n}\n',
        },
      ]);
      expect(plan.explanation.join('\n')).toMatch(/Close it after its last complete iaaddr block/);
    }
  });

  it('a cut IA whose complete blocks end nothing: removed whole, the earlier copy takes effect again', async () => {
    const text =
      ia('ia-na', block('fd00::100', 'active')) + ia('ia-na', block('fd00::100', 'active'), '');
    const plan = await planOf(text);
    const at = text.indexOf('ia-na', 1);
    expect(plan.edits).toEqual([{ offset: at, line: 8, length: text.length - at, insert: '' }]);
    expect(plan.explanation.at(-1)).toMatch(
      /^The earlier declaration of .+ \(line 1: .+\) takes effect again\.$/,
    );
  });

  it('a cut IA of more than 1 MiB is not read for its blocks: removed whole, no warning', async () => {
    const text =
      ia('ia-na', block('fd00::100', 'active')) +
      ia('ia-na', `${block('fd00::100', 'expired')}# ${'x'.repeat(1024 * 1024)}\n`, '');
    const plan = await planOf(text);
    const at = text.indexOf('ia-na', 1);
    expect(plan.edits).toEqual([{ offset: at, line: 8, length: text.length - at, insert: '' }]);
    expect(plan.explanation.join('\n')).not.toMatch(/WARNING|Close it/);
  });

  it('its earlier copy edited in place between the check and the plan: the repair says the file changed, no internal error', async () => {
    // The check found the earlier copy; by the time the plan reads it back from its
    // descriptor, the bytes there are no declaration any more. The plan must get past
    // that (no effect known: remove the cut IA whole) so that the analysis's identity
    // check can say what happened.
    const earlier = ia('ia-na', block('fd00::100', 'active'));
    const text = earlier + ia('ia-na', block('fd00::100', 'expired'), '');
    const file = join(tmp(), 'dhcpd.leases');
    writeFileSync(file, text, 'latin1');
    // An mtime well in the past, so that the edit below changes it whatever the clock's grain.
    utimesSync(file, new Date('2026-11-28T12:00:00Z'), new Date('2026-11-28T12:00:00Z'));
    let checked: CheckReport | null = null;
    const deps: AnalyseDeps = {
      check: async (path, options) => {
        checked = await checkLeaseFile(path, options);
        const fd = openSync(path, 'r+');
        try {
          writeSync(fd, `${'x'.repeat(earlier.length - 1)}\n`, 0, 'latin1');
        } finally {
          closeSync(fd);
        }
        return checked;
      },
      list: listDeclarations,
    };
    await expect(analyseRepair(file, { now }, deps)).rejects.toThrow(
      `${file}: changed while it was being analysed; is dhcpd running? Try again.`,
    );
    // The check did see the earlier copy (the case the plan has to read back).
    expect(checked!.truncated?.previous?.line).toBe(1);
  });
});

describe('the verdict decides before the tail does', () => {
  it('a file dhcpd is writing right now is refused even when its check describes a cut tail', () => {
    const text = `${w1}lease 10.0.1.9 {\n  binding state active;\n`;
    const report = {
      file: 'F',
      bytes: text.length,
      verdict: 'being-written',
      problems: [],
      problemsTruncated: false,
      truncated: {
        offset: w1.length,
        line: 4,
        kind: 'lease',
        key: '10.0.1.9',
        cutInside: null,
        completeStatements: ['binding state'],
        previous: null,
        dhcpd: { explanation: 'dhcpd drops it.' },
      },
    } as unknown as CheckReport;
    const plan = withFd(text, (fd) => planRepair(report, {}, fd));
    expect(plan.action).toBe('refuse');
    expect(plan.refusal).toBe('dhcpd appears to be writing the file right now');
    expect(plan.edits).toEqual([]);
  });
});

describe('--drop-corrupt with --salvage', () => {
  it('drops the damaged declaration and salvages the cut lease at the tail', async () => {
    const damaged = 'lease 10.0.0.2 {\n  binding stXte active;\n}\n';
    const cut =
      'lease 10.0.9.9 {\n  binding state active;\n  hardware ethernet 00:0c:01:02:03:99;\n  uid "\\001';
    const text = w1 + damaged + w1.replace('10.0.1.1', '10.0.1.3') + cut;
    const plan = await planOf(text, { dropCorrupt: true, salvage: true });
    expect(plan.action).toBe('drop-corrupt');
    const keep = text.length - cut.length + cut.indexOf('99;') + 3;
    expect(plan.edits).toEqual([
      { offset: w1.length, line: 4, length: damaged.length, insert: '' },
      { offset: keep, line: expect.any(Number), length: text.length - keep, insert: '\n}\n' },
    ]);
  });
});

describe('a refusal counts the errors, not the warnings beside them', () => {
  it('one damaged lease and a string with an invalid escape: "1 problem(s)", and both are listed', async () => {
    const escape = 'lease 10.0.1.2 {\n  binding state free;\n  uid "\\x4g";\n}\n';
    const damaged = 'lease 10.0.1.3 {\n  binding state free\n  foo;\n}\n';
    const plan = await planOf(w1 + escape + damaged + w1);
    expect(plan.action).toBe('refuse');
    expect(plan.explanation[0]).toMatch(
      /: 1 problem\(s\) in the middle of the file; nothing proposed: the file is damaged in the middle, not only at its tail\.$/,
    );
    expect(plan.explanation.filter((line) => line.startsWith('  line '))).toHaveLength(2);
  });
});
