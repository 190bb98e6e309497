import fc from 'fast-check';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  corruptedLeasesFile,
  crlfLeasesFile,
  leasesFile,
  truncatedLeasesFile,
} from '../../src/arbitraries/index.js';
import { ohmAccepts } from './ohm-oracle.js';
import { checkLeaseFile } from '../../src/check/index.js';
import { fcParams } from './prerequisites.js';
import { tempDir } from '../helpers.js';

const dir = tempDir('arb-check');
let n = 0;

/** `leasecheck check`'s report on the text, written to a file as bytes. */
async function check(text: string) {
  const path = join(dir, `case-${n++}.leases`);
  writeFileSync(path, Buffer.from(text, 'latin1'));
  try {
    return await checkLeaseFile(path, { now: new Date('2026-11-28T12:00:00Z') });
  } finally {
    rmSync(path, { force: true });
  }
}

describe('leasecheck check on generated files', () => {
  it('calls every generated file clean, including agent options with IPv4 values', async () => {
    await fc.assert(
      fc.asyncProperty(leasesFile(), async (text) => {
        const report = await check(text);
        expect(report.problems, JSON.stringify(report.problems)).toEqual([]);
        expect(report.verdict).toBe('clean');
      }),
      fcParams(100),
    );
  }, 120_000);

  it('calls files with 3.x forms, raw high bytes and CRLF line ends clean', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(leasesFile({ legacy: true, rawHighBytes: true }), crlfLeasesFile()),
        async (text) => {
          expect((await check(text)).verdict).toBe('clean');
        },
      ),
      fcParams(100),
    );
  }, 120_000);

  it('calls a file cut inside its last declaration truncated-tail, naming that declaration', async () => {
    await fc.assert(
      fc.asyncProperty(truncatedLeasesFile(), async (t) => {
        const report = await check(t.text);
        expect(report.verdict).toBe('truncated-tail');
        expect(report.truncated?.offset).toBe(t.declarationStart);
        expect(report.truncated?.line).toBe(t.declarationLine);
      }),
      fcParams(100),
    );
  }, 120_000);

  it('finds no damage in a file damaged mid-way exactly when Ohm accepts it, and never calls it clean otherwise', async () => {
    // Text the grammar accepts can still be refused by dhcpd after the syntax
    // (an IAID+DUID cut to 5 bytes or fewer, say): then check says corrupt, but
    // only through dhcpd's own reading (src/dhcpd), never a syntax problem.
    const syntaxCodes = new Set([
      'truncated-tail',
      'junk-at-tail',
      'syntax-error',
      'unknown-declaration',
    ]);
    await fc.assert(
      fc.asyncProperty(corruptedLeasesFile(), async (c) => {
        const report = await check(c.text);
        if (ohmAccepts(c.text)) {
          expect(report.problems.filter((p) => syntaxCodes.has(p.code))).toEqual([]);
          if (report.verdict !== 'clean') {
            expect(
              report.problems.some(
                (p) => p.code === 'dhcpd-refuses' || p.code === 'swallowed-by-recovery',
              ),
            ).toBe(true);
          }
        }
        // Damage that opens a string can swallow the rest of the file: the file then ends
        // inside the damaged declaration, which check may call truncated-tail.
        else expect(['corrupt', 'truncated-tail']).toContain(report.verdict);
      }),
      fcParams(100),
    );
  }, 120_000);
});
