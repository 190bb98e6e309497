import { execFileSync } from 'node:child_process';
import { closeSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckWorker } from '../../src/check/check-worker.js';
import { lineOfOffset, openLeaseFile, type SharedFile } from '../../src/scan/index.js';
import { scanBlocksFromBack } from '../../src/check/back-blocks.js';
import { BlockClaims, MAX_BLOCKS } from '../../src/check/block-claims.js';
import { blockStarts } from '../../src/check/blocks.js';
import { checkLeaseFile } from '../../src/check/index.js';
import { joinFrontAndBack, scanInParallel } from '../../src/check/parallel.js';
import { scanPart, type PartOutcome } from '../../src/check/part.js';
import { propertyParameters, readFixture, tempDir, write } from '../helpers.js';

/**
 * A large file is checked on two threads, cut into blocks at lines that start
 * a declaration: this thread takes blocks from the front, a worker from the
 * back. Whatever the file holds, and wherever the cuts fall (between two
 * declarations, inside a string, inside damage), and wherever the two
 * threads meet, the report must be the one a single scan gives.
 */

const dir = tempDir('parallel');
let counter = 0;
function writeLeases(text: string): string {
  return write(dir, `f${counter++}.leases`, text);
}
const now = new Date('2026-11-28T13:00:00Z');

/** Files opened by the tests, closed after each. */
const openFiles: SharedFile[] = [];
function opened(path: string): SharedFile {
  const file = openLeaseFile(path);
  openFiles.push(file);
  return file;
}
afterEach(() => {
  for (const file of openFiles.splice(0)) closeSync(file.fd);
});

/** Small blocks, so that small files are cut many times. */
const BLOCK_BYTES = 700;

async function bothWays(path: string, maxProblems = 20, blockBytes = BLOCK_BYTES) {
  const single = await checkLeaseFile(path, { now, maxProblems, parallelMinBytes: Infinity });
  const parallel = await checkLeaseFile(path, {
    now,
    maxProblems,
    parallelMinBytes: 0,
    parallelBlockBytes: blockBytes,
  });
  return { single, parallel };
}

const fixtures = ['fo-primary.leases', 'fo-secondary.leases', 'v6.leases', 'srv.leases'];
/** Several fixtures in a row: failover states, v4 and v6 declarations on both sides of the middle. */
const mixed = fixtures.map(readFixture).join('\n');

describe('check on two threads', () => {
  it.each(fixtures)('gives the single-thread report for %s', async (name) => {
    const { single, parallel } = await bothWays(writeLeases(readFixture(name)));
    expect(parallel).toEqual(single);
  });

  it('gives the single-thread report, line numbers included, for a mixed file with damage on both sides of the middle', async () => {
    const middle = mixed.length >> 1;
    const damaged =
      mixed.slice(0, 200) + mixed.slice(200).replace('binding state', 'binding stat') + '\n';
    const cutNear = damaged.indexOf('\nlease ', middle);
    const text = `${damaged.slice(0, cutNear - 20)}@@${damaged.slice(cutNear - 18)}`;
    const { single, parallel } = await bothWays(writeLeases(text));
    expect(single.verdict).toBe('corrupt');
    expect(single.problems.length).toBeGreaterThanOrEqual(2);
    expect(parallel).toEqual(single);
  });

  it("drops from its counts what dhcpd's reading loses across the cut (a string that runs on, a refused IA's swallowed neighbour), as a single scan does", async () => {
    const head = readFixture('fo-primary.leases');
    const lease = (a: string) =>
      `lease ${a} {\n  starts 4 2026/12/10 10:00:00;\n  ends 4 2026/12/10 20:00:00;\n  binding state active;\n}\n`;
    // An iaaddr with no `ends`: dhcpd -6 refuses the IA and its recovery swallows the lease after it.
    const refused = `ia-na "\\001\\002\\003\\004\\005\\006" {\n  iaaddr fd00::1 {\n    binding state active;\n  }\n}\n`;
    const runOn = lease('10.9.0.1').replace('}', `  client-hostname "${'h'.repeat(1500)}";\n}`);
    for (const text of [head + refused + lease('10.9.0.2') + head, head + runOn + head + head]) {
      const { single, parallel } = await bothWays(writeLeases(text), 20, 600);
      expect(single.problems.map((p) => p.code)).toContain('swallowed-by-recovery');
      expect(parallel).toEqual(single);
    }
    const lost = await bothWays(writeLeases(head + runOn + head), 20, 600);
    // Nothing after the string that runs on is counted: only the leases before it.
    const before = await checkLeaseFile(writeLeases(head), { now });
    expect(lost.single.leases.distinct).toBe(before.leases.distinct);
  });

  it('joins the blocks of a clean file (it does not fall back to one scan)', async () => {
    const path = writeLeases(mixed);
    const joined = await scanInParallel(path, 20, {
      blockBytes: BLOCK_BYTES,
    });
    expect(joined).not.toBeNull();
    expect(joined!.failureCount).toBe(0);
    expect(joined!.summary.endedInsideMatch).toBe(false);
    expect(joined!.summary.bytes).toBe(statSync(path).size);
  });

  it('gives the single-thread report when a cut falls inside a string', async () => {
    // A client-hostname holding a newline followed by "lease ": the first
    // line after a block's nominal start that looks like the start of a
    // declaration is inside the string.
    const head = readFixture('fo-primary.leases');
    const name = `${'x'.repeat(20_000)}\nlease 10.0.0.8 {${'y'.repeat(100)}`;
    const text = `${head}lease 10.0.0.9 {\n  client-hostname "${name}";\n  binding state free;\n}\n${head}`;
    const path = writeLeases(text);
    const { single, parallel } = await bothWays(path, 20, text.indexOf('xxx') + 10);
    // 20,000 bytes overflow dhcpd's 1,500-byte token buffer (the string runs on).
    expect(single.problems.map((p) => p.code)).toContain('token-too-long');
    expect(parallel).toEqual(single);
  });

  it('the worker refuses to join its blocks when a cut between them fell inside a string', () => {
    const head = readFixture('fo-primary.leases');
    const name = `${'x'.repeat(5_000)}\nlease 10.0.0.8 {${'y'.repeat(100)}`;
    const text = `${head}lease 10.0.0.9 {\n  client-hostname "${name}";\n  binding state free;\n}\n${head}`;
    const path = writeLeases(text);
    const inString = text.indexOf('\nlease 10.0.0.8') + 1;
    const starts = [0, text.indexOf('lease 10.0.0.9'), inString, text.length];
    expect(workerAfterFront(path, starts, 1)).toEqual({
      part: null,
      reason: 'cut-inside-match',
    });
  });

  it('the worker joins its blocks in file order, line numbers counted from its first block', () => {
    // Damage in the worker's second and third blocks: their lines count
    // from the start of its first block. (Each ends in `;`: dhcpd's recovery,
    // skipping to the next `;`, stays inside its own block.)
    const blocks = fixtures.map(readFixture);
    const text = [blocks[0], blocks[1], `${blocks[2]}@@;`, `${blocks[3]}@@;`].join('');
    const path = writeLeases(text);
    const starts = [0];
    for (const block of blocks.slice(0, 3)) starts.push(starts.at(-1)! + block.length);
    starts[3]! += 3;
    starts.push(text.length);
    const reply = workerAfterFront(path, starts, 1);
    expect(reply.part).not.toBeNull();
    const part = reply.part!;
    expect('start' in reply && reply.start).toBe(starts[1]);
    expect(part.summary.bytes).toBe(text.length);
    const lineOf = (offset: number) => text.slice(starts[1], offset).split('\n').length;
    expect(part.failures.map((f) => [f.offset, f.line])).toEqual([
      [starts[3]! - 3, lineOf(starts[3]! - 3)],
      [text.length - 3, lineOf(text.length - 3)],
    ]);
  });

  it('keeps the first problems and the last one, across the cut, as a single scan does', async () => {
    const lines = Array.from(
      { length: 60 },
      (_, i) => `lease 10.0.${i}.1 { binding state bogus; }\n`,
    );
    const { single, parallel } = await bothWays(writeLeases(lines.join('')), 5);
    expect(single.problems).toHaveLength(5);
    expect(single.problemsTruncated).toBe(true);
    expect(parallel).toEqual(single);
  });

  it('agrees with a single scan on truncations and byte changes anywhere, whatever the block size', async () => {
    const path = join(dir, 'property.leases');
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: mixed.length - 1 }),
        fc.constantFrom('cut', 'byte', 'newline-lease'),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 1, max: 4 * BLOCK_BYTES }),
        async (at, change, byte, blockBytes) => {
          const text =
            change === 'cut'
              ? mixed.slice(0, at)
              : change === 'byte'
                ? mixed.slice(0, at) + String.fromCharCode(byte) + mixed.slice(at + 1)
                : `${mixed.slice(0, at)}\nlease ${mixed.slice(at)}`;
          writeFileSync(path, Buffer.from(text, 'latin1'));
          const { single, parallel } = await bothWays(path, 20, blockBytes);
          expect(parallel).toEqual(single);
        },
      ),
      propertyParameters(40),
    );
  }, 120_000);

  it("joins the two threads' parts as a single scan, wherever they meet", async () => {
    const path = join(dir, 'meet.leases');
    let joins = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: mixed.length - 1 }),
        fc.constantFrom('none', 'cut', 'byte', 'newline-lease'),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 1, max: 4 * BLOCK_BYTES }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (at, change, byte, blockBytes, meet) => {
          const text =
            change === 'none'
              ? mixed
              : change === 'cut'
                ? mixed.slice(0, at)
                : change === 'byte'
                  ? mixed.slice(0, at) + String.fromCharCode(byte) + mixed.slice(at + 1)
                  : `${mixed.slice(0, at)}\nlease ${mixed.slice(at)}`;
          writeFileSync(path, Buffer.from(text, 'latin1'));
          const size = text.length;
          const starts = blockStarts(opened(path).fd, size, blockBytes);
          const blocks = starts.length - 1;
          // The front thread took blocks [0, frontBlocks), the worker the rest.
          const frontBlocks = Math.min(blocks, 1 + Math.floor(meet * blocks));
          const back = workerAfterFront(path, starts, frontBlocks);
          const front = scanPart(path, 20, {
            range: { start: 0, end: starts[frontBlocks]! },
          });
          const joined = joinFrontAndBack(opened(path), front, back, 20);
          const single = scanPart(path, 20);
          if (joined === null) {
            // Only a cut inside a match may refuse to join.
            const cutInside =
              front.summary.endedInsideMatch ||
              (back.part === null && back.reason === 'cut-inside-match');
            expect(cutInside).toBe(true);
          } else {
            expect(outcomeFacts(joined)).toEqual(outcomeFacts(single));
            if (back.part !== null) joins++;
          }
        },
      ),
      propertyParameters(60),
    );
    // Most runs join a front and a back part (rather than refuse, or have no back part).
    expect(joins).toBeGreaterThan(30);
  }, 120_000);
});

/** What `check` reports of an outcome, independent of how its address table is laid out. */
function outcomeFacts(outcome: PartOutcome) {
  const { declarations, ias, failover, leases } = outcome.aggregates;
  const addresses: [number, number, number][] = [];
  leases.forEachEntry((key, state, offset) => addresses.push([key, state, offset]));
  addresses.sort((a, b) => a[0] - b[0]);
  return {
    summary: outcome.summary,
    failures: outcome.failures,
    failureCount: outcome.failureCount,
    declarations,
    ias: [...ias],
    failover: [...failover],
    addresses,
    distinct: leases.size,
  };
}

/**
 * What the worker does when the main thread has taken the first
 * `frontBlocks` blocks: it takes the rest from the back (in this thread).
 */
function workerAfterFront(path: string, starts: number[], frontBlocks: number) {
  const claims = BlockClaims.create(starts.length - 1);
  for (let i = 0; i < frontBlocks; i++) claims.fromFront();
  return scanBlocksFromBack({
    path,
    file: opened(path),
    blockStarts: starts,
    claims: claims.buffer,
    maxProblems: 20,
    progress: new SharedArrayBuffer(8),
  });
}

/** Blocks this thread for `ms` (the worker runs on). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

describe('a file that changes under a check on two threads', () => {
  it("renamed over by a new file (dhcpd's rewrite) mid-check: the report is the old file's, as on one thread", async () => {
    const old = writeLeases(Array.from({ length: 60 }, () => mixed).join('\n'));
    const replacement = writeLeases(readFixture('srv.leases'));
    const single = await checkLeaseFile(old, { now, parallelMinBytes: Infinity });
    // A worker waiting before the check starts, so that it takes blocks while
    // the main thread reads the first ones.
    startCheckWorker();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    let renamed = false;
    const parallel = await checkLeaseFile(old, {
      now,
      parallelMinBytes: 0,
      parallelBlockBytes: 4096,
      chunkSize: 1024,
      onProgress: () => {
        if (renamed) return;
        renameSync(replacement, old);
        renamed = true;
        // The main thread pauses: the worker reads its blocks after the rename.
        pause(500);
      },
    });
    expect(renamed).toBe(true);
    expect(parallel).toEqual(single);
  });

  it('a FIFO where a file was is refused at once, not waited on', () => {
    const fifo = join(dir, 'fifo.leases');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    expect(() => lineOfOffset(fifo, 10)).toThrow(/not a regular file/);
    expect(() => openLeaseFile(fifo)).toThrow(/not a regular file/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("when a cut between the worker's blocks falls inside a string, the main thread reads on; progress never goes back", async () => {
    // Every lease holds a string with a line that looks like a declaration's start.
    const leases = Array.from(
      { length: 400 },
      (_, i) =>
        `lease 10.0.${i >> 8}.${i & 255} {\n  client-hostname "a\nlease 10.9.9.9 {\nb";\n  binding state free;\n}\n`,
    );
    const path = writeLeases(leases.join(''));
    const single = await checkLeaseFile(path, { now, parallelMinBytes: Infinity });
    startCheckWorker();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const seen: number[] = [];
    const parallel = await checkLeaseFile(path, {
      now,
      parallelMinBytes: 0,
      parallelBlockBytes: 500,
      chunkSize: 256,
      onProgress: (read) => {
        // The main thread pauses after its first chunk: the worker takes blocks.
        if (seen.length === 0) pause(500);
        seen.push(read);
      },
    });
    expect(single.verdict).toBe('clean');
    expect(parallel).toEqual(single);
    expect(seen.length).toBeGreaterThan(0);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    expect(seen.at(-1)).toBe(statSync(path).size);
  });
});

describe('blocks of a file', () => {
  it('start at 0, then at lines that begin a declaration, in increasing order, and end at the size', () => {
    const path = writeLeases(mixed);
    const size = statSync(path).size;
    for (const blockBytes of [1, 50, 700, 5000, size]) {
      const starts = blockStarts(opened(path).fd, size, blockBytes);
      expect(starts[0]).toBe(0);
      expect(starts.at(-1)).toBe(size);
      for (let k = 1; k < starts.length - 1; k++) {
        expect(starts[k]!).toBeGreaterThan(starts[k - 1]!);
        expect(mixed[starts[k]! - 1]).toBe('\n');
        expect(mixed.slice(starts[k]!)).toMatch(
          /^(lease|ia-na|ia-ta|ia-pd|failover|server-duid|host|group|class|subclass|authoring-byte-order)[\s"]/,
        );
      }
    }
    expect(blockStarts(opened(path).fd, size, size)).toEqual([0, size]);
  });

  it('leave out a nominal start with no declaration line within a mebibyte after it', () => {
    const lease = 'lease 10.0.0.1 {\n  binding state free;\n}\n';
    const text = `${lease}# ${'x'.repeat(3 << 20)}\n${lease}`;
    const path = writeLeases(text);
    const starts = blockStarts(opened(path).fd, text.length, 1 << 20);
    // The starts at 1 and 2 MiB find nothing; the one at 3 MiB finds the last lease.
    expect(starts).toEqual([0, text.length - lease.length, text.length]);
  });
});

describe('block claims', () => {
  it('give each block once: the front ones in order to one end, the back ones to the other', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 200 }),
        fc.array(fc.boolean(), { maxLength: 300 }),
        (count, sides) => {
          const claims = BlockClaims.create(count);
          const front: number[] = [];
          const back: number[] = [];
          for (const fromFront of sides) {
            const block = fromFront ? claims.fromFront() : claims.fromBack();
            if (block >= 0) (fromFront ? front : back).push(block);
          }
          while (claims.fromFront() >= 0 || claims.fromBack() >= 0) {
            /* drain */
          }
          expect(front).toEqual(front.map((_, i) => i));
          expect(back).toEqual(back.map((_, i) => count - 1 - i));
          expect(front.length + back.length).toBeLessThanOrEqual(count);
          expect(claims.fromFront()).toBe(-1);
          expect(claims.fromBack()).toBe(-1);
        },
      ),
      propertyParameters(200),
    );
  });

  it('never give a block to two threads that claim at the same time', async () => {
    const count = 30_000;
    const claims = BlockClaims.create(count);
    const url = pathToFileURL(join(process.cwd(), 'dist/check/block-claims.js')).href;
    const claimAll = (side: 'fromFront' | 'fromBack') =>
      new Promise<number[]>((resolve, reject) => {
        const worker = new Worker(
          `const { workerData, parentPort } = require('node:worker_threads');
           import(workerData.url).then(({ BlockClaims }) => {
             const claims = new BlockClaims(workerData.buffer);
             const taken = [];
             for (let b = claims[workerData.side](); b >= 0; b = claims[workerData.side]()) taken.push(b);
             parentPort.postMessage(taken);
           });`,
          { eval: true, workerData: { url, buffer: claims.buffer, side } },
        );
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    const [front, back] = await Promise.all([claimAll('fromFront'), claimAll('fromBack')]);
    expect(front.length + back.length).toBe(count);
    expect(new Set([...front, ...back]).size).toBe(count);
    expect(front).toEqual(front.map((_, i) => i));
    expect(back).toEqual(back.map((_, i) => count - 1 - i));
  });

  it('refuse more blocks than the shared word holds', () => {
    expect(() => BlockClaims.create(MAX_BLOCKS + 1)).toThrow(RangeError);
    expect(BlockClaims.create(MAX_BLOCKS).fromBack()).toBe(MAX_BLOCKS - 1);
  });
});
