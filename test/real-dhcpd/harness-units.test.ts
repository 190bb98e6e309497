// The harness's own plumbing, without dhcpd: cleanup order, prerequisites, seeds.
import { describe, expect, it } from 'vitest';
import { answerGaps } from '../harness/answer-gaps.js';
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

describe('harness: answerGaps (perfdhcp -x t)', () => {
  const report = (received: number[], sent: number) =>
    [
      '***Statistics for: DISCOVER-OFFER***',
      `sent packets: ${sent}`,
      `received packets: ${received.length}`,
      '',
      '***Timestamps for packets: DISCOVER-OFFER***',
      // perfdhcp lists exchanges in the order they completed, not always by time.
      ...received.map((t) => `sent / received: ${(t - 0.01).toFixed(6)} / ${t.toFixed(6)}`),
      '',
      '***Timestamps for packets: REQUEST-ACK***',
      'sent / received: 000000.047203 / 000099.000000',
      '',
    ].join('\n');

  it('finds the longest stretch without an OFFER, from the start too, and ignores the ACK timestamps', () => {
    expect(answerGaps(report([0.05, 0.1, 3.6, 0.15, 3.65], 80))).toEqual({
      answered: 5,
      sent: 80,
      longest: expect.closeTo(3.45, 6) as number,
      longestFrom: 0.15,
      last: 3.65,
    });
    expect(answerGaps(report([5, 5.05], 10))?.longest).toBe(5);
  });

  it('is null without the report (perfdhcp killed before it printed), Infinity without an OFFER', () => {
    expect(answerGaps('Running: perfdhcp -4\n')).toBeNull();
    expect(answerGaps(report([], 40))?.longest).toBe(Infinity);
  });
});
