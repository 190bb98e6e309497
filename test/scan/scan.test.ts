import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Declaration } from '../../src/model/types.js';
import { scanLeaseFile, type ScanFailure } from '../../src/scan/index.js';
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
