import { appendFileSync, truncateSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { propertyParameters, readFixture, tempDir, write } from '../helpers.js';

const dir = tempDir('check');
let counter = 0;
function writeLeases(text: string): string {
  return write(dir, `f${counter++}.leases`, text);
}
const now = new Date('2026-11-28T13:00:00Z');

/** Offsets of each top-level declaration's first byte and one past its end, from a clean report's own scan. */
function declarationStarts(text: string): number[] {
  const starts: number[] = [];
  const re =
    /^(lease|host|group|class|subclass|failover|ia-na|ia-ta|ia-pd|server-duid|authoring-byte-order)\b/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index);
  return starts;
}

describe('check on files written by the real dhcpd', () => {
  it.each([
    ['srv.leases', 1],
    ['v6.leases', 0],
    ['fo-primary.leases', 21],
    ['fo-secondary.leases', 10],
  ])('%s is clean with %i distinct leases', async (name, distinct) => {
    const report = await checkLeaseFile(writeLeases(readFixture(name)), { now });
    expect(report.verdict).toBe('clean');
    expect(report.problems).toEqual([]);
    expect(report.leases.distinct).toBe(distinct);
    expect(report.writer.version).toBe('4.4.3-P1');
  });

  it('reports the disk-full file as a truncated tail at line 452, where dhcpd complains', async () => {
    const report = await checkLeaseFile(writeLeases(readFixture('enospc-truncated.leases')), {
      now,
    });
    expect(report.verdict).toBe('truncated-tail');
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({
      code: 'truncated-tail',
      line: 452,
      column: 8,
      offset: 12288,
    });
    expect(report.truncated).toMatchObject({
      line: 449,
      kind: 'lease',
      key: '10.0.128.150',
      completeStatements: ['starts', 'ends'],
      cutInside: 'cltt',
      previous: null,
    });
    expect(report.now).toBe('2026-11-28T13:00:00Z');
  });

  it('names the earlier declaration of the same address that takes effect once the partial one goes', async () => {
    const text =
      'lease 10.0.0.1 {\n  starts 6 2026/11/28 12:00:00;\n  ends 6 2026/11/28 13:00:00;\n  binding state free;\n  hardware ethernet 00:11:22:33:44:55;\n}\n' +
      'lease 10.0.0.2 {\n  binding state active;\n}\n' +
      'lease 10.0.0.1 {\n  starts 6 2026/11/28 12:30:00;\n  binding state act';
    const report = await checkLeaseFile(writeLeases(text), { now });
    expect(report.verdict).toBe('truncated-tail');
    expect(report.truncated?.key).toBe('10.0.0.1');
    expect(report.truncated?.previous).toEqual({
      offset: 0,
      line: 1,
      bindingState: 'free',
      starts: Date.UTC(2026, 10, 28, 12) / 1000,
      ends: Date.UTC(2026, 10, 28, 13) / 1000,
      hardware: 'ethernet 00:11:22:33:44:55',
      uid: null,
    });
    // The summary counts the last whole declaration of each address.
    expect(report.leases).toEqual({ distinct: 2, byState: { free: 1, active: 1 } });
  });

  it('knows the secondary by its mclt and reads the last failover states', async () => {
    const report = await checkLeaseFile(writeLeases(readFixture('fo-secondary.leases')), { now });
    expect(report.failover).toEqual([
      expect.objectContaining({
        peer: 'foo',
        role: 'secondary',
        myState: 'normal',
        partnerState: 'normal',
        mclt: 600,
      }),
    ]);
    const primary = await checkLeaseFile(writeLeases(readFixture('fo-primary.leases')), { now });
    expect(primary.failover[0]).toMatchObject({ peer: 'foo', role: 'primary', mclt: null });
  });

  it('counts v6 IAs and their addresses', async () => {
    const report = await checkLeaseFile(writeLeases(readFixture('v6.leases')), { now });
    expect(report.declarations).toMatchObject({ 'ia-na': 1, 'ia-pd': 1, 'server-duid': 1 });
    expect(report.ia).toEqual({ distinct: 2, addresses: 2, byState: { active: 2 } });
  });
});

describe('truncation anywhere', () => {
  it.each(['srv.leases', 'fo-secondary.leases', 'v6.leases'])(
    'cutting %s inside its last declaration is a truncated tail naming it; between declarations it is clean',
    async (name) => {
      const text = readFixture(name);
      const starts = declarationStarts(text);
      const lastStart = starts[starts.length - 1]!;
      const lastEnd = text.lastIndexOf('}') + 1;
      for (let cut = lastStart + 1; cut < lastEnd; cut++) {
        const report = await checkLeaseFile(writeLeases(text.slice(0, cut)), { now });
        expect({ cut, verdict: report.verdict, at: report.truncated?.offset }).toEqual({
          cut,
          verdict: 'truncated-tail',
          at: lastStart,
        });
      }
      for (const cut of [...starts, lastEnd, lastEnd + 1]) {
        const report = await checkLeaseFile(writeLeases(text.slice(0, cut)), { now });
        expect({ cut, verdict: report.verdict }).toEqual({ cut, verdict: 'clean' });
      }
    },
  );

  it('gives the same report whatever the chunk size', async () => {
    const texts = ['fo-primary.leases', 'enospc-truncated.leases', 'v6.leases'].map(readFixture);
    const paths = texts.map(writeLeases);
    const reference = await Promise.all(paths.map((p) => checkLeaseFile(p, { now })));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 600 }),
        async (i, chunkSize) => {
          const report = await checkLeaseFile(paths[i]!, { now, chunkSize });
          expect(report).toEqual(reference[i]);
        },
      ),
      propertyParameters(60),
    );
  });
});

describe('damage in the middle of the file', () => {
  it('says that dhcpd stops reading at a 0xFF byte (its lexer reads it as the end of the file)', async () => {
    const text = `${readFixture('srv.leases')}lease 10.0.0.9 {\n  starts 6 2026/11/28 12:00:00;\xff\n}\nlease 10.0.0.10 {\n}\n`;
    const report = await checkLeaseFile(writeLeases(text), { now });
    expect(report.problems[0]!.message).toMatch(
      /found byte 0xff in lease declaration .*\(dhcpd reads byte 0xFF as the end of the file: it stops there and ignores everything after it\)/,
    );
  });

  it('places damage longer than a chunk where a single window places it, and resumes after it', async () => {
    // The resynchronisation point lies chunks away from the damage: finding
    // it moves the window. The failure's offset must not move with it, and
    // a keyword cut by a window's end must still be found.
    const lease = (n: number) => `lease 10.0.0.${n} {\n  binding state free;\n}\n`;
    const after = ['authoring-byte-order little-endian;\n', lease(2)];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 800 }),
        fc.constantFrom(...after),
        fc.integer({ min: 1, max: 600 }),
        async (repeats, next, chunkSize) => {
          const path = writeLeases(`${lease(1)}${'garbage '.repeat(repeats)}\n${next}`);
          const whole = await checkLeaseFile(path, { now });
          expect(whole.problems).toHaveLength(1);
          expect(whole.problems[0]).toMatchObject({ offset: lease(1).length, line: 4, column: 1 });
          expect(whole.problems[0]!.declaration!.length).toBe(8 * repeats + 1);
          expect(await checkLeaseFile(path, { now, chunkSize })).toEqual(whole);
        },
      ),
      propertyParameters(60),
    );
  });

  it('lists every damaged declaration after resynchronising, with what was expected', async () => {
    const text = readFixture('fo-secondary.leases');
    const damaged = text
      .replace('binding state backup;', 'binding state bakup;')
      .replace(/(lease 10\.0\.1\.5 \{\n {2}starts )6/, '$1X');
    const report = await checkLeaseFile(writeLeases(damaged), { now });
    expect(report.verdict).toBe('corrupt');
    expect(report.problems).toHaveLength(2);
    expect(report.problems[0]).toMatchObject({ code: 'syntax-error', severity: 'error' });
    expect(report.problems[0]!.message).toMatch(/expected a binding state, found "bakup"/);
    expect(report.problems[1]!.message).toMatch(/expected a date/);
    expect(report.problems[0]!.frame).toContain('^');
    // The declarations after the damage are still counted.
    expect(report.declarations.lease).toBe(8);
  });

  it('stops listing at --max-problems but says there were more', async () => {
    const text = Array.from({ length: 30 }, (_, i) => `lease 10.0.0.${i} {\n  bogus;\n}\n`).join(
      '',
    );
    const report = await checkLeaseFile(writeLeases(text), { now, maxProblems: 5 });
    expect(report.problems).toHaveLength(5);
    expect(report.problemsTruncated).toBe(true);
  });

  it('calls a stray word at the top level an unknown declaration, as dhcpd does', async () => {
    // With declarations after it (at the very end it is junk at the tail).
    const srv = readFixture('srv.leases');
    const report = await checkLeaseFile(writeLeases(`${srv}bogus 1.2.3.4;\n${srv}`), {
      now,
    });
    expect(report.verdict).toBe('corrupt');
    expect(report.problems[0]!.code).toBe('unknown-declaration');
  });

  it('treats damage followed by a truncated tail as corruption, listing both', async () => {
    const text = readFixture('fo-secondary.leases').replace(
      'binding state backup;',
      'binding state bakup;',
    );
    const report = await checkLeaseFile(writeLeases(text.slice(0, text.length - 20)), { now });
    expect(report.verdict).toBe('corrupt');
    expect(report.problems.map((p) => p.code)).toEqual(['syntax-error', 'truncated-tail']);
  });
});

describe('hostile input', () => {
  it('an empty file and a file of comments are clean and empty', async () => {
    for (const text of ['', '# only\n# comments\n', '\n\n  \t\n']) {
      const report = await checkLeaseFile(writeLeases(text), { now });
      expect(report.verdict).toBe('clean');
      expect(report.leases.distinct).toBe(0);
    }
  });

  it('CRLF line ends are white space, as for dhcpd', async () => {
    const report = await checkLeaseFile(
      writeLeases(readFixture('srv.leases').replace(/\n/g, '\r\n')),
      {
        now,
      },
    );
    expect(report.verdict).toBe('clean');
  });

  it('NUL bytes and bytes >= 0x80 outside strings are corruption with a clear message', async () => {
    const text = readFixture('srv.leases');
    const nul = await checkLeaseFile(
      writeLeases(text.replace('binding state active;', 'binding state \0active;')),
      { now },
    );
    expect(nul.verdict).toBe('corrupt');
    expect(nul.problems[0]!.message).toMatch(/NUL byte/);
    const high = await checkLeaseFile(
      writeLeases(text.replace('client-hostname "vm";', 'client-hostname \xe9vm;')),
      { now },
    );
    expect(high.verdict).toBe('corrupt');
    expect(high.problems[0]!.message).toMatch(/byte 0xe9/);
  });

  it('raw bytes 0x80-0xFE inside strings are fine (files are bytes), but 0xFF is not', async () => {
    const text = readFixture('srv.leases');
    const high = text.replace('client-hostname "vm";', 'client-hostname "v\xe9\xfem";');
    expect((await checkLeaseFile(writeLeases(high), { now })).verdict).toBe('clean');
    // dhcpd's lexer reads 0xFF through a signed char: end of file inside the string.
    const ff = text.replace('client-hostname "vm";', 'client-hostname "v\xffm";');
    expect((await checkLeaseFile(writeLeases(ff), { now })).verdict).toBe('corrupt');
  });

  it('100,000 nested braces give a nesting error, not a stack overflow', async () => {
    const text = `host deep {\n${'{'.repeat(100_000)}\n`;
    const report = await checkLeaseFile(writeLeases(text), { now });
    expect(report.verdict).not.toBe('clean');
    expect(report.problems[0]!.code).toBe('nesting-too-deep');
  });

  // A test of time and memory, left out of `npm run mutate` (tens of seconds per mutant there).
  it.skipIf(process.env.MUTATE_TESTS !== undefined)(
    '50 MB without a newline ends in a verdict, not a hang',
    async () => {
      const text = `lease 10.0.0.1 { client-hostname ${'x'.repeat(50 * 1024 * 1024)}`;
      const report = await checkLeaseFile(writeLeases(text), { now });
      expect(report.verdict).toBe('truncated-tail');
      const garbage = await checkLeaseFile(writeLeases('@'.repeat(50 * 1024 * 1024)), { now });
      expect(garbage.verdict).toBe('corrupt');
      expect(garbage.problems).toHaveLength(1);
    },
    120_000,
  );
});

describe('a file that dhcpd is appending to while it is read', () => {
  const half = (n: number) => `lease 10.0.0.${n} {\n  starts `;
  const rest = '6 2026/11/28 12:00:00;\n}\n';

  it('is read again, and called being-written (not truncated) when it keeps changing', async () => {
    const path = writeLeases(readFixture('srv.leases') + half(90));
    let n = 91;
    const report = await checkLeaseFile(path, {
      now,
      chunkSize: 64,
      retryDelayMs: 1,
      // While it is read, "dhcpd" finishes the half-written lease and starts the next one.
      onProgress: () => appendFileSync(path, rest + half(n++)),
    });
    expect(report.verdict).toBe('being-written');
  });

  it('reports the settled file once the writer has finished the declaration', async () => {
    const path = writeLeases(readFixture('srv.leases') + half(90));
    let calls = 0;
    const report = await checkLeaseFile(path, {
      now,
      chunkSize: 64,
      retryDelayMs: 1,
      onProgress: () => {
        if (calls++ === 0) appendFileSync(path, rest);
      },
    });
    expect(report.verdict).toBe('clean');
    expect(report.leases.distinct).toBe(2);
  });

  it('reports a file that shrank while it was read as a fresh check of what is left would', async () => {
    const text = readFixture('srv.leases');
    // Cut in place where reading has got to, after each chunk in turn: the
    // reader then finds no more bytes although the file was longer when
    // opened, in the middle of a declaration or between two.
    let chunks = 0;
    await checkLeaseFile(writeLeases(text), { now, chunkSize: 64, onProgress: () => chunks++ });
    expect(chunks).toBeGreaterThan(5);
    for (let k = 0; k < chunks; k++) {
      const path = writeLeases(text);
      let calls = 0;
      const report = await checkLeaseFile(path, {
        now,
        chunkSize: 64,
        retryDelayMs: 1,
        onProgress: (bytesRead) => {
          if (calls++ === k) truncateSync(path, bytesRead);
        },
      });
      expect(calls).toBeGreaterThan(k);
      expect(report).toEqual(await checkLeaseFile(path, { now }));
    }
  });
});
