import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Declaration } from '../../src/model/types.js';
import { lineOfOffset, scanLeaseFile, type ScanFailure } from '../../src/scan/index.js';
import { NEWLINE_SCRATCH_BYTES } from '../../src/scan/newline-simd.js';
import { fixturePath, propertyParameters, repoRoot, tempDir, write } from '../helpers.js';

interface Seen {
  declarations: Pick<Declaration, 'kind' | 'offset' | 'length' | 'line' | 'key'>[];
  failures: Omit<ScanFailure, 'text'>[];
  bytes: number;
}

function scan(path: string, chunkSize?: number, range?: { start: number; end: number }): Seen {
  const seen: Seen = { declarations: [], failures: [], bytes: 0 };
  const summary = scanLeaseFile(
    path,
    {
      onDeclaration: ({ kind, offset, length, line, key }) =>
        seen.declarations.push({ kind, offset, length, line, key }),
      onFailure: ({ text: _text, ...failure }) => seen.failures.push(failure),
    },
    chunkSize,
    'full',
    range,
  );
  seen.bytes = summary.bytes;
  return seen;
}

function lineOf(text: string, offset: number, from = 0): number {
  let line = 1;
  for (let i = from; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const samples = ['clean-v4', 'corrupt-middle', 'truncated-tail', 'failover-secondary', 'v6'].map(
  (name) => `${repoRoot}samples/${name}.leases`,
);
const real = ['fo-primary.leases', 'enospc-truncated.leases'].map(fixturePath);

/** The streaming scanner: declarations, damage, offsets and lines, whatever the chunk size. */
describe('scanLeaseFile', () => {
  it('gives each declaration its exact bytes and line', () => {
    for (const path of [...samples, ...real]) {
      const text = readFileSync(path, 'latin1');
      const seen = scan(path);
      expect(seen.declarations.length).toBeGreaterThan(0);
      expect(seen.bytes).toBe(text.length);
      for (const d of seen.declarations) {
        const body = text.slice(d.offset, d.offset + d.length);
        expect(body.startsWith(d.kind === 'failover-state' ? 'failover' : d.kind)).toBe(true);
        expect(body.endsWith('}') || body.endsWith(';')).toBe(true);
        expect(d.line).toBe(lineOf(text, d.offset));
      }
      for (const f of seen.failures) {
        expect(f.line).toBe(lineOf(text, f.offset));
        expect(f.failureLine).toBe(lineOf(text, f.failureOffset));
        expect(f.column).toBe(f.offset - text.lastIndexOf('\n', f.offset - 1));
        expect(f.failureColumn).toBe(f.failureOffset - text.lastIndexOf('\n', f.failureOffset - 1));
      }
    }
  });

  it('reports a damaged declaration, resumes at the next declaration line, and a cut-off tail', () => {
    const text =
      'lease 10.0.0.1 {\n  binding state free;\n}\n' +
      'lease 10.0.0.2 {\n  binding state nonsense;\n}\n' +
      'lease 10.0.0.3 {\n  binding state free;\n}\n' +
      'lease 10.0.0.4 {\n  binding state fr';
    const path = write(tempDir('scan'), 'damaged.leases', text);
    const seen = scan(path);
    expect(seen.declarations.map((d) => d.key)).toEqual(['10.0.0.1', '10.0.0.3']);
    const [damaged, tail] = seen.failures;
    expect(damaged).toMatchObject({
      offset: text.indexOf('lease 10.0.0.2'),
      line: 4,
      column: 1,
      failureLine: 5,
      length: text.indexOf('lease 10.0.0.3') - text.indexOf('lease 10.0.0.2'),
      atEndOfFile: false,
      kind: 'lease',
    });
    expect(tail).toMatchObject({
      offset: text.indexOf('lease 10.0.0.4'),
      line: 10,
      length: text.length - text.indexOf('lease 10.0.0.4'),
      atEndOfFile: true,
    });
  });

  it('gives the same declarations and failures whatever the chunk size', () => {
    const paths = [...samples, ...real];
    const reference = paths.map((path) => scan(path));
    fc.assert(
      fc.property(
        fc.nat({ max: paths.length - 1 }),
        fc.integer({ min: 1, max: 2000 }),
        (i, chunkSize) => {
          expect(scan(paths[i]!, chunkSize)).toEqual(reference[i]);
        },
      ),
      propertyParameters(60),
    );
  });

  it('scans a part as if the file ended there, counting lines from the part start', () => {
    const path = samples[1]!;
    const text = readFileSync(path, 'latin1');
    const whole = scan(path);
    const cuts = whole.declarations.map((d) => d.offset);
    const start = cuts[5]!;
    const end = cuts[12]!;
    const part = scan(path, 97, { start, end });
    expect(part.bytes).toBe(end);
    expect(part.declarations).toEqual(
      whole.declarations
        .filter((d) => d.offset >= start && d.offset < end)
        .map((d) => ({ ...d, line: lineOf(text, d.offset, start) })),
    );
  });
});

describe('scanLeaseFile: the lines of a large file, counted as the scan goes', () => {
  it('numbers a problem in the middle and a cut at the end of a 9 MB file as a count of its newlines does', () => {
    // From 8 MiB on, a whole-file scan counts the lines of what leaves its
    // window as it goes, instead of reading the file again for a problem's line.
    const lease = (i: number): string =>
      `lease 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} {\n  starts 4 2026/01/01 00:00:00;\n` +
      `  ends 4 2026/01/01 01:00:00;\n  binding state active;\n  hardware ethernet 00:11:22:33:44:55;\n` +
      `  client-hostname "${'h'.repeat(i % 40)}";\n}\n`;
    const parts: string[] = [];
    let length = 0;
    for (let i = 0; length < 9 * 1024 * 1024; i++) {
      // A damaged lease near the middle, with a comment line of its own before it.
      const part =
        i === 30_000 ? `# damaged\nlease 10.99.0.1 {\n  binding state act!ve;\n}\n` : lease(i);
      parts.push(part);
      length += part.length;
    }
    const text = `${parts.join('')}lease 10.99.0.2 {\n  starts 4 2026/01/`;
    const path = write(tempDir('count-as-read'), 'large.leases', text);
    const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
    // As check scans: its leases summarised, with no line asked for, so that
    // only the count as the scan goes (or a reading again) numbers the problems.
    const failures: ScanFailure[] = [];
    const declarations: Declaration[] = [];
    let leases = 0;
    const summary = scanLeaseFile(
      path,
      {
        leases: { addLease: () => leases++ },
        onDeclaration: (d) => declarations.push(d),
        onFailure: (f) => failures.push(f),
      },
      undefined,
      'summary',
    );
    expect(leases).toBe(parts.length - 1);
    // The places it counted to, a newline scratch (what one read of the file
    // again takes) or more apart, with their true lines; a line asked for
    // afterwards is counted from the nearest one before it.
    const marks = summary.lineMarks;
    expect(marks.length / 2).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < marks.length; i += 2) expect(marks[i + 1]).toBe(lineOf(marks[i]!));
    for (let i = 2; i < marks.length; i += 2) {
      expect(marks[i]! - marks[i - 2]!).toBeGreaterThanOrEqual(NEWLINE_SCRATCH_BYTES);
    }
    for (const offset of [
      0,
      5,
      text.indexOf('lease 10.99.0.1'),
      marks[4]!,
      marks[4]! + 777,
      text.length - 3,
    ]) {
      expect(lineOfOffset(path, offset, marks)).toBe(lineOf(offset));
      expect(lineOfOffset(path, offset)).toBe(lineOf(offset));
    }
    expect(failures.map((f) => [f.offset, f.line, f.failureLine, f.atEndOfFile])).toEqual([
      [
        text.indexOf('lease 10.99.0.1'),
        lineOf(text.indexOf('lease 10.99.0.1')),
        lineOf(text.indexOf('act!ve') + 3),
        false,
      ],
      [
        text.indexOf('lease 10.99.0.2'),
        lineOf(text.indexOf('lease 10.99.0.2')),
        lineOf(text.length),
        true,
      ],
    ]);
    // The same lines as a scan that numbers every declaration (each asks for its line).
    expect(scan(path).failures.map((f) => [f.line, f.failureLine])).toEqual(
      failures.map((f) => [f.line, f.failureLine]),
    );
  });
});
