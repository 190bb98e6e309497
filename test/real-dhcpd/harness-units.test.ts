// The harness's own plumbing, without dhcpd: cleanup order, prerequisites, seeds.
import { describe, expect, it } from 'vitest';
import { Cleanup, findTool, missingPrerequisite, randomInts } from '../harness/index.js';

describe('harness: Cleanup', () => {
  it('undoes in reverse order and runs every action even when one fails', async () => {
    const cleanup = new Cleanup();
    const done: string[] = [];
    cleanup.add('first', () => done.push('first'));
    cleanup.add('broken', () => {
      throw new Error('boom');
    });
    cleanup.add('last', async () => done.push('last'));
    await expect(cleanup.run()).rejects.toThrow(/broken: boom/);
    expect(done).toEqual(['last', 'first']);
    await expect(cleanup.run()).resolves.toBeUndefined();
  });
});

describe('harness: prerequisites', () => {
  it('names a missing tool in the reason it gives', () => {
    const reason = missingPrerequisite(['leasecheck-no-such-tool']);
    expect(reason).not.toBeNull();
    if (process.getuid?.() === 0) expect(reason).toMatch(/leasecheck-no-such-tool/);
    else expect(reason).toMatch(/not running as root/);
  });

  it('finds tools in the sbin directories a non-root PATH lacks', () => {
    expect(findTool('sh')).toMatch(/\/sh$/);
    expect(findTool('leasecheck-no-such-tool')).toBeNull();
  });
});

describe('harness: seeded randomness', () => {
  it('repeats the same sequence for the same seed and stays in range', () => {
    const a = randomInts(42);
    const b = randomInts(42);
    const first = Array.from({ length: 20 }, () => a(1000));
    expect(Array.from({ length: 20 }, () => b(1000))).toEqual(first);
    expect(first.every((n) => n >= 0 && n < 1000)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(10);
  });
});
