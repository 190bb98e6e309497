// Damage that does not fit the scanner's view of a declaration (it keeps the
// first 64 KiB of one for messages): junk longer than that at the tail, a
// declaration damaged further in than that or than Ohm's 16 KiB window, one
// longer than the 4 MiB matched whole, and nesting deeper than dhcpd survives.
// And what dhcpd's own reading refuses although the grammar accepts it.
import { truncateSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { tempDir, write } from '../helpers.js';

const dir = tempDir('check-long');
let counter = 0;
function leases(text: string): string {
  return write(dir, `f${counter++}.leases`, text);
}
const now = new Date('2026-11-28T13:00:00Z');
const lease = (n: number) => `lease 10.0.0.${n} {\n  binding state free;\n}\n`;
const check = async (text: string) => checkLeaseFile(leases(text), { now });

describe('junk longer than the 64 KiB the scan keeps of it', () => {
  const junk = 'x'.repeat(70_000);

  it('is junk at the tail when no declaration word hides in it', async () => {
    const report = await check(`${lease(1)}${junk}\n`);
    expect(report.verdict).toBe('truncated-tail');
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ code: 'junk-at-tail', line: 4, column: 1 });
    expect(report.problems[0]!.message).toContain('then 70001 bytes to the end of the file');
  });

  it('is read as bytes (latin1): bytes above 0x7f are junk too', async () => {
    const report = await check(`${lease(1)}${junk}\xe9\xff\n`);
    expect(report.verdict).toBe('truncated-tail');
    expect(report.problems.map((p) => p.code)).toEqual(['junk-at-tail']);
  });

  it('in the middle of the file, with leases after it, is damage: not a tail to remove', async () => {
    const report = await check(`${lease(1)}${junk};\n${lease(2)}`);
    expect(report.verdict).toBe('corrupt');
    expect(report.problems.map((p) => [p.code, p.line])).toEqual([['unknown-declaration', 4]]);
    expect(report.leases.distinct).toBe(2);
  });

  it('is not junk when a declaration word comes after the first 64 KiB: that is damage', async () => {
    const report = await check(`${lease(1)}${junk} lease \n`);
    expect(report.verdict).toBe('corrupt');
    expect(report.problems.map((p) => p.code)).toEqual(['unknown-declaration']);
  });
});

describe('junk of more than 16 MiB at the tail', () => {
  // Junk is read whole to make sure no declaration hides in it: only up to 16 MiB.
  const MiB16 = 16 * 1024 * 1024;

  it('is junk up to 16 MiB, and damage (not removed as junk) beyond', async () => {
    const head = lease(1);
    const at = await check(head + 'x'.repeat(MiB16 - 1) + '\n');
    expect(at.verdict).toBe('truncated-tail');
    expect(at.problems.map((p) => p.code)).toEqual(['junk-at-tail']);
    const beyond = await check(head + 'x'.repeat(MiB16) + '\n');
    expect(beyond.verdict).toBe('corrupt');
    expect(beyond.problems.map((p) => p.code)).toEqual(['unknown-declaration']);
  }, 60_000);
});

describe('a declaration damaged far from its start', () => {
  const statements = (n: number) => '  binding state free;\n'.repeat(n);

  it('beyond 16 KiB: the byte is named, with no list of what was expected', async () => {
    const report = await check(
      `lease 10.0.0.1 {\n${statements(1000)}  binding bogus;\n}\n${lease(2)}`,
    );
    expect(report.verdict).toBe('corrupt');
    expect(report.problems[0]).toMatchObject({
      code: 'syntax-error',
      line: 1002,
      column: 11,
      offset: 17 + 22 * 1000 + 10,
      message: 'unexpected "bogus" in lease declaration starting at line 1',
      expected: [],
    });
  });

  it('up to 16 KiB in, it says what was expected', async () => {
    // `lease 10.0.0.1 {\n` (17 bytes), padding, 743 statements of 22 bytes, then
    // `  binding ` (10 bytes): "bogus" is at byte 16,384 of the declaration.
    const text = `lease 10.0.0.1 {\n${' '.repeat(11)}${statements(743)}  binding bogus;\n}\n`;
    const at = await check(text + lease(2));
    expect(at.problems[0]).toMatchObject({
      offset: 16_384,
      message: 'expected "state", found "bogus" in lease declaration starting at line 1',
      expected: ['"state"'],
    });
    const after = await check(text.replace('{\n', '{\n ') + lease(2));
    expect(after.problems[0]).toMatchObject({ offset: 16_385, expected: [] });
  });

  it('in a declaration longer than 64 KiB, damage within the part kept is named', async () => {
    const report = await check(
      `lease 10.0.0.1 {\n${statements(1000)}  binding bogus;\n${statements(3000)}}\n${lease(2)}`,
    );
    expect(report.problems[0]).toMatchObject({
      offset: 17 + 22 * 1000 + 10,
      message: 'unexpected "bogus" in lease declaration starting at line 1',
    });
    expect(report.problems[0]!.declaration!.length).toBeGreaterThan(64 * 1024);
  });

  it('at the first byte past the 64 KiB kept: how far in, not "end of file"', async () => {
    // 17 + 15 + 22 * 2977 + 10 = 65,536.
    const text = `lease 10.0.0.1 {\n${' '.repeat(15)}${statements(2977)}  binding bogus;\n}\n`;
    const report = await check(text + lease(2));
    expect(report.problems[0]).toMatchObject({
      offset: 65_536,
      message: 'unexpected input at byte 65,536 in lease declaration starting at line 1',
    });
  });

  it('beyond the 64 KiB kept of it: says how far in, not "end of file"', async () => {
    const report = await check(
      `lease 10.0.0.1 {\n${statements(5000)}  binding bogus;\n}\n${lease(2)}`,
    );
    const offset = 17 + 22 * 5000 + 10;
    expect(report.verdict).toBe('corrupt');
    expect(report.problems[0]).toMatchObject({
      code: 'syntax-error',
      line: 5002,
      column: 11,
      offset,
      message: `unexpected input at byte ${offset.toLocaleString('en')} in lease declaration starting at line 1`,
      expected: [],
    });
  });
});

describe('a declaration longer than the 4 MiB matched whole', () => {
  it('is damage that names its size and what dhcpd does with long tokens', async () => {
    const head = 'lease 10.0.0.1 {\n';
    const body = '  binding state free;\n'.repeat(200_000);
    const report = await check(`${head}${body}}\n${lease(2)}`);
    const length = head.length + body.length + 1; // to its `}`
    expect(report.verdict).toBe('corrupt');
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({
      code: 'syntax-error',
      declaration: { offset: 0, line: 1, kind: 'lease', length },
      expected: [],
    });
    expect(report.problems[0]!.message).toBe(
      `a declaration of ${length.toLocaleString('en')} bytes, more than the 4 MiB leasecheck matches whole (dhcpd writes a few hundred): not checked further; dhcpd cuts any token longer than 1,499 bytes and reads the rest as further tokens in lease declaration starting at line 1`,
    );
  }, 60_000);
});

describe('nesting deeper than dhcpd survives', () => {
  it('names the exact depth of a declaration held whole', async () => {
    const report = await check(`host deep {\n${'{'.repeat(31_000)}${'}'.repeat(31_000)}\n}\n`);
    expect(report.problems.map((p) => p.message)).toEqual([
      'blocks nested 31001 levels deep: dhcpd recurses once a level and crashes (stack overflow) beyond about 30,000 levels',
    ]);
  });

  it('says "or more" when the declaration is longer than the 64 KiB kept of it', async () => {
    const report = await check(`host deep {\n${'{'.repeat(40_000)}${'}'.repeat(40_000)}\n}\n`);
    expect(report.verdict).toBe('corrupt');
    expect(report.problems.map((p) => p.message)).toEqual([
      'blocks nested 40001 or more levels deep: dhcpd recurses once a level and crashes (stack overflow) beyond about 30,000 levels',
    ]);
  });
});

describe("what dhcpd's reading refuses in text the grammar accepts", () => {
  // test/real-dhcpd/dhcpd-reading.test.ts holds these cases against the real dhcpd -T.
  it('a string of 1,500 bytes (dhcpd loses the lease): corrupt', async () => {
    const report = await check(
      `${lease(1)}lease 10.0.0.2 {\n  client-hostname "${'h'.repeat(1500)}";\n}\n`,
    );
    expect(report.verdict).toBe('corrupt');
    expect(report.problems.map((p) => [p.code, p.severity, p.line])).toEqual([
      ['token-too-long', 'error', 5],
    ]);
  });

  it('a word of 1,500 characters (dhcpd warns, loads the lease): clean, with the warning', async () => {
    const report = await check(`lease 10.0.0.2 {\n  set ${'a'.repeat(1500)} = "x";\n}\n`);
    expect(report.verdict).toBe('clean');
    expect(report.problems.map((p) => [p.code, p.severity, p.line])).toEqual([
      ['token-too-long', 'warning', 2],
    ]);
  });
});

describe('problems found by different readings', () => {
  it('are listed in file order: the grammar, dhcpd, the type-only hardware note', async () => {
    const report = await check(
      `lease 10.0.0.1 {\n  hardware ethernet ;\n}\n` +
        `lease 10.0.0.2 {\n  binding bogus;\n}\n` +
        `lease 10.0.0.3 {\n  set ${'a'.repeat(1500)} = "x";\n}\n` +
        `lease 10.0.0.4 {\n  binding bogus;\n}\n${lease(5)}`,
    );
    expect(report.problems.map((p) => [p.line, p.code])).toEqual([
      [1, 'hardware-type-only'],
      [5, 'syntax-error'],
      [8, 'token-too-long'],
      [11, 'syntax-error'],
    ]);
  });
});

describe('re-reading a file that changed while it was read', () => {
  it('with retries: 0, a file cut during its one reading is called being-written', async () => {
    const path = leases(Array.from({ length: 10 }, (_, i) => lease(i + 1)).join(''));
    const cut = (retries: number) =>
      checkLeaseFile(path, {
        now,
        chunkSize: 64,
        retries,
        retryDelayMs: 1,
        onProgress: (read) => {
          // Inside the third lease, while the second chunk is read (once: the cut stays).
          if (read === 128) truncateSync(path, read + 10);
        },
      });
    expect((await cut(0)).verdict).toBe('being-written');
  });
});
