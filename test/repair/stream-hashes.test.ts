import { createHash } from 'node:crypto';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeEdits } from '../../src/repair/plan.js';
import { streamEdited } from '../../src/repair/stream.js';
import type { Edit } from '../../src/repair/types.js';
import { useTmp } from './helpers/tmp.js';

const tmp = useTmp();
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('streaming the edited copy', () => {
  it('emits exactly the edited bytes and hashes both the source and the output (property)', () => {
    const dir = tmp();
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 3000 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 200 }), fc.string({ maxLength: 5 })), {
          maxLength: 4,
        }),
        (bytes, raw) => {
          const source = Buffer.from(bytes);
          const file = join(dir, 'f');
          writeFileSync(file, source);
          const edits: Edit[] = mergeEdits(
            raw.map(([o, l, insert]) => {
              const offset = source.length ? o % (source.length + 1) : 0;
              return {
                offset,
                line: 1,
                length: Math.min(l, source.length - offset),
                insert: insert.replace(/[^\x20-\x7e]/g, ''),
              };
            }),
          );
          let expected = '';
          let at = 0;
          const text = source.toString('latin1');
          for (const e of edits) {
            expected += text.slice(at, e.offset) + e.insert;
            at = e.offset + e.length;
          }
          expected += text.slice(at);
          const parts: Buffer[] = [];
          const fd = openSync(file, 'r');
          const result = streamEdited(fd, source.length, edits, (b, n) =>
            parts.push(Buffer.from(b.subarray(0, n))),
          );
          closeSync(fd);
          const out = Buffer.concat(parts);
          expect(out.toString('latin1')).toBe(expected);
          expect(result.sourceSha256).toBe(sha(source));
          expect(result.outputSha256).toBe(sha(out));
          expect(result.outputBytes).toBe(out.length);
        },
      ),
      { numRuns: 300, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
    );
  });
});
