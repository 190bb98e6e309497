// What a problem says and where it points: the byte the grammar stopped at
// (named so that a person can see it, even when it cannot be printed), what
// was expected there, and for a truncated tail the place dhcpd itself names
// (the end of the last token it read).
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { tempDir, write } from '../helpers.js';

const dir = tempDir('check-messages');
let counter = 0;
function leases(text: string): string {
  return write(dir, `f${counter++}.leases`, text);
}
const now = new Date('2026-11-28T13:00:00Z');
/** A whole lease after the damage: the damage is in the middle, not at the tail. */
const after = 'lease 10.0.0.9 {\n  binding state free;\n}\n';

async function firstProblem(text: string) {
  const report = await checkLeaseFile(leases(text), { now });
  expect(report.problems.length).toBeGreaterThan(0);
  return report.problems[0]!;
}

describe('the byte a damaged declaration stops at', () => {
  it.each([
    ['\x01', 'control byte 0x01'],
    ['\x1f', 'control byte 0x1f'],
    ['\x7f', 'control byte 0x7f'],
    ['\0', 'a NUL byte'],
    ['\x80', 'byte 0x80'],
    ['\xfe', 'byte 0xfe'],
    ['{', '"{"'],
    ['fr;ee', '"fr"'],
    ['x'.repeat(60), `"${'x'.repeat(40)}"`],
  ])('%j is named %s', async (bad, named) => {
    const p = await firstProblem(`lease 10.0.0.1 {\n  binding state ${bad};\n}\n${after}`);
    expect(p).toMatchObject({ code: 'syntax-error', line: 2, column: 17, offset: 33 });
    expect(p.message).toBe(
      `expected a binding state, found ${named} in lease declaration starting at line 1`,
    );
    expect(p.expected).toEqual(['a binding state']);
    expect(p.declaration).toEqual({
      offset: 0,
      length: expect.any(Number),
      line: 1,
      kind: 'lease',
    });
  });

  it('lists every keyword that could have come, quoted, the last after "or"', async () => {
    const p = await firstProblem(`lease 10.0.0.1 {\n  binding bogus;\n}\n${after}`);
    expect(p.message).toBe(
      'expected "state", found "bogus" in lease declaration starting at line 1',
    );
    const many = await firstProblem(`lease 10.0.0.1 {\n bogus;\n}\n${after}`);
    expect(many.expected!.length).toBeGreaterThan(10);
    expect(many.expected).toContain('"binding"');
    expect(many.message).toMatch(
      /^expected "\}", "abandoned", .*, "ends" or "starts", found "bogus" in/,
    );
  });

  it('a stray word at the top level says what dhcpd does with it', async () => {
    const p = await firstProblem(`bogus 1.2.3.4;\n${after}`);
    expect(p.code).toBe('unknown-declaration');
    expect(p.message).toMatch(
      /^not a lease-file declaration: expected .*, found "bogus" \(dhcpd logs "Corrupt lease file - possible data loss!" and skips to the next ";"\)$/,
    );
  });

  // The grammar wants a dotted option name in one piece (dhcpd writes it so; its
  // tokenizer would skip the white space: docs/commands.md, "Known differences").
  it.each([
    [' ', '" "'],
    ['\n', 'end of line'],
    ['\t', 'control byte 0x09'],
  ])('white space %j where the rest of a word was expected is named %s', async (space, named) => {
    const p = await firstProblem(
      `lease 10.0.0.1 {\n  option agent.${space}circuit-id 0:1:2;\n}\n${after}`,
    );
    expect(p).toMatchObject({ code: 'syntax-error', line: 2, column: 16 });
    expect(p.message).toBe(
      `expected a name, found ${named} in lease declaration starting at line 1`,
    );
  });

  it("what was expected names what may come there, not the grammar's own look-aheads", async () => {
    // A host body's statements are read by a rule that looks ahead for `;`, `{`,
    // `}`, a quote or `#`: those inner failures are not something a person can write.
    const p = await firstProblem(`host h1 {;\n  dynamic;\n}\n${after}`);
    expect(p).toMatchObject({ code: 'syntax-error', line: 1, column: 10 });
    expect(p.expected).toContain('"}"');
    expect(p.expected!.filter((e) => e.startsWith('not '))).toEqual([]);
    expect(p.message).toMatch(
      /^expected "\}".*, found ";" in host declaration starting at line 1$/,
    );
    expect(p.message).not.toContain('not (');
  });
});

describe('junk after the last complete declaration', () => {
  it('names its first token and how many bytes it runs to the end', async () => {
    const report = await checkLeaseFile(leases(`${after} }}}; }`), { now });
    expect(report.verdict).toBe('truncated-tail');
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({
      code: 'junk-at-tail',
      severity: 'error',
      line: 4,
      column: 2,
      offset: after.length + 1,
      declaration: { offset: after.length + 1, length: 6, line: 4, kind: null },
    });
    expect(report.problems[0]!.message).toBe(
      'junk after the last complete declaration ("}", then 6 bytes to the end of the file): dhcpd logs "Corrupt lease file - possible data loss!" and loads nothing of it; repair removes it',
    );
    expect(report.problems[0]!.frame).toContain('^');
  });
});

describe('a truncated tail', () => {
  it('points at the end of the file when the file ends on the line of the last token', async () => {
    const text = `${after}lease 10.0.0.2 {\n  binding state free;`;
    const report = await checkLeaseFile(leases(text), { now });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({
      code: 'truncated-tail',
      line: 5,
      column: 22,
      offset: text.length,
      declaration: {
        offset: after.length,
        length: text.length - after.length,
        line: 4,
        kind: 'lease',
      },
    });
    expect(report.problems[0]!.message).toBe(
      'the file ends inside this lease (started at line 4): it was cut off while being written',
    );
  });

  it('points at the end of the last token when blank lines and comments follow it', async () => {
    const text = `${after}lease 10.0.0.2 {\n  binding state free;\n\n# a comment\n  `;
    const report = await checkLeaseFile(leases(text), { now });
    expect(report.problems[0]).toMatchObject({
      code: 'truncated-tail',
      line: 5,
      column: 22,
      offset: text.length,
    });
  });

  it('names the kind of declaration it ends inside', async () => {
    const host = await checkLeaseFile(leases(`${after}host h {\n`), { now });
    expect(host.problems[0]).toMatchObject({ line: 4, column: 9 });
    expect(host.problems[0]!.message).toBe(
      'the file ends inside this host (started at line 4): it was cut off while being written',
    );
  });
});

describe('how many problems are listed', () => {
  const damaged = (n: number) =>
    Array.from({ length: n }, (_, i) => `lease 10.0.0.${i} {\n bogus;\n}\n`).join('') + after;

  it('always at least one, the last (it may be a truncated tail), however low the limit', async () => {
    for (const maxProblems of [0, -3, 1]) {
      const report = await checkLeaseFile(leases(damaged(3)), { now, maxProblems });
      expect(report.problems.map((p) => p.line)).toEqual([8]);
      expect(report.problemsTruncated).toBe(true);
    }
  });

  it('all of them, and no "more", when they fit; 20 by default', async () => {
    const two = await checkLeaseFile(leases(damaged(2)), { now, maxProblems: 2 });
    expect(two.problems.map((p) => p.line)).toEqual([2, 5]);
    expect(two.problemsTruncated).toBe(false);
    const many = await checkLeaseFile(leases(damaged(25)), { now });
    expect(many.problems).toHaveLength(20);
    expect(many.problemsTruncated).toBe(true);
  });
});

describe('a hardware type with no address', () => {
  it('on one declaration is a note about that declaration', async () => {
    const text = `${after}lease 10.0.0.1 {\n  hardware ethernet ;\n}\n`;
    const report = await checkLeaseFile(leases(text), { now });
    expect(report.verdict).toBe('clean');
    expect(report.problems).toEqual([
      {
        code: 'hardware-type-only',
        severity: 'info',
        line: 4,
        column: 1,
        offset: after.length,
        message:
          'a declaration has a hardware type with no address (`hardware ethernet ;`): dhcpd writes this after loading a lease cut right after its hardware type, and reads it back as it is (the client is no longer known by its MAC address)',
      },
    ]);
  });
});

describe('blocks nested deeper than dhcpd survives', () => {
  it('are damage that names the depth and what dhcpd does (it crashes)', async () => {
    const text = `host deep {\n${'{'.repeat(31_000)}${'}'.repeat(31_000)}\n}\n${after}`;
    const report = await checkLeaseFile(leases(text), { now });
    expect(report.verdict).toBe('corrupt');
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({
      code: 'nesting-too-deep',
      severity: 'error',
      declaration: { offset: 0, line: 1, kind: 'host' },
    });
    expect(report.problems[0]!.message).toBe(
      'blocks nested 31001 levels deep: dhcpd recurses once a level and crashes (stack overflow) beyond about 30,000 levels',
    );
  });
});

describe('the code frame a problem shows', () => {
  const lease = (n: number) => `lease 10.0.0.${n} {\n  binding state free;\n}\n`;

  it('junk at the tail: its line, the caret under its first byte', async () => {
    const p = await firstProblem(`${lease(1)}${lease(2)}rm -rf foo\n`);
    expect(p.code).toBe('junk-at-tail');
    expect(p.frame).toBe('> 7 | rm -rf foo\n    | ^\n  8 | ');
  });

  it('damage in the middle: the caret under the byte the grammar stopped at', async () => {
    const p = await firstProblem(`${lease(1)}lease 10.0.0.2 {\n  binding bogus;\n}\n${lease(3)}`);
    expect(p.code).toBe('syntax-error');
    expect(p.frame).toBe(
      '  4 | lease 10.0.0.2 {\n> 5 |   binding bogus;\n    |           ^\n  6 | }',
    );
  });

  it('a truncated tail: the caret where the grammar stopped in the cut statement', async () => {
    const p = await firstProblem(`${lease(1)}lease 10.0.0.2 {\n  binding sta`);
    expect(p).toMatchObject({ code: 'truncated-tail', severity: 'error', line: 5, column: 14 });
    expect(p.frame).toBe('  4 | lease 10.0.0.2 {\n> 5 |   binding sta\n    |           ^');
  });

  it('a tail cut inside its first word: a truncated "declaration", as no kind is known', async () => {
    const p = await firstProblem(`${lease(1)}lea`);
    expect(p).toMatchObject({ code: 'truncated-tail', severity: 'error', line: 4, column: 4 });
    expect(p.message).toBe(
      'the file ends inside this declaration (started at line 4): it was cut off while being written',
    );
  });
});
