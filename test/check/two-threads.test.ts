// Which files the check scans on two threads, and what the two-thread scan is
// given. The scan itself runs in a worker thread loaded from the compiled
// package (test/check/parallel.test.ts compares its reports with one
// thread's); these are the choices made in the calling thread.
import { describe, expect, it } from 'vitest';
import { onTwoThreads, parallelOptions, PARALLEL_MIN_BYTES } from '../../src/check/check.js';
import { planFromText } from '../../src/conf/index.js';

/** The worker's script is built (as in an installed package) or not (the standalone executable). */
const built = () => true;
const notBuilt = () => false;

describe('files scanned on two threads', () => {
  it('are those of at least 128 MiB by default: smaller ones save the worker start-up', () => {
    expect(PARALLEL_MIN_BYTES).toBe(128 * 1024 * 1024);
    expect(onTwoThreads(PARALLEL_MIN_BYTES - 1, {}, built)).toBe(false);
    expect(onTwoThreads(PARALLEL_MIN_BYTES, {}, built)).toBe(true);
  });

  it('follow parallelMinBytes: its value and above; never with Infinity', () => {
    expect(onTwoThreads(999, { parallelMinBytes: 1000 }, built)).toBe(false);
    expect(onTwoThreads(1000, { parallelMinBytes: 1000 }, built)).toBe(true);
    expect(onTwoThreads(5000, { parallelMinBytes: 1000 }, built)).toBe(true);
    expect(onTwoThreads(2 ** 40, { parallelMinBytes: Infinity }, built)).toBe(false);
  });

  it('never with --config: its analysis keeps every declaration in order, on one thread', () => {
    const config = { file: 'dhcpd.conf', plan: planFromText('authoritative;\n', 'dhcpd.conf') };
    expect(onTwoThreads(2 ** 40, { config }, built)).toBe(false);
    expect(onTwoThreads(2 ** 40, { config, parallelMinBytes: 0 }, built)).toBe(false);
    expect(onTwoThreads(2 ** 40, { config: undefined }, built)).toBe(true);
  });

  it("never without the worker thread's script (the standalone executable): one thread", () => {
    expect(onTwoThreads(2 ** 40, {}, notBuilt)).toBe(false);
    expect(onTwoThreads(2, { parallelMinBytes: 0 }, notBuilt)).toBe(false);
  });

  it("look for the worker thread's script only for a file large enough for two threads", () => {
    let asked = 0;
    const counted = () => (asked++, true);
    expect(onTwoThreads(PARALLEL_MIN_BYTES - 1, {}, counted)).toBe(false);
    expect(asked).toBe(0);
    expect(onTwoThreads(PARALLEL_MIN_BYTES, {}, counted)).toBe(true);
    expect(asked).toBe(1);
  });

  it('need two bytes to split, whatever parallelMinBytes says', () => {
    expect(onTwoThreads(0, { parallelMinBytes: 0 }, built)).toBe(false);
    expect(onTwoThreads(1, { parallelMinBytes: 0 }, built)).toBe(false);
    expect(onTwoThreads(2, { parallelMinBytes: 0 }, built)).toBe(true);
  });
});

describe('what the two-thread scan is given', () => {
  it('the chunk size, block size and progress callback given to the check', () => {
    const onProgress = () => {};
    expect(
      parallelOptions({ chunkSize: 256, parallelBlockBytes: 4096, onProgress, maxProblems: 3 }),
    ).toEqual({ chunkSize: 256, blockBytes: 4096, onProgress });
  });

  it('nothing for what was not given (its own defaults apply)', () => {
    expect(Object.keys(parallelOptions({}))).toEqual([]);
    expect(Object.keys(parallelOptions({ chunkSize: 0, parallelBlockBytes: 0 }))).toEqual([
      'chunkSize',
      'blockBytes',
    ]);
  });
});
