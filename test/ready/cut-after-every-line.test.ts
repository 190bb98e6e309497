import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linesOf, readyLines, realDir, verdictsPerLine } from './helpers.js';

// The real logs of a failover pair (dhcpd 4.4.3-P1), cut after every line.
describe('ready on the real failover logs, cut after every line', () => {
  it('the primary is ready once the partner reaches normal after balancing, not before', () => {
    const lines = linesOf(join(realDir, 'fo-primary.log'));
    // 29 I move to normal, 30-31 balancing, 33 peer moves to normal, 34 Both servers normal;
    // 35 the secondary restarts (disconnected), 38 I move back to normal, 41 pool balanced again.
    expect(readyLines(verdictsPerLine(lines))).toEqual([33, 34, 41]);
  });

  it('the secondary on first start is ready only when its pool is balanced (last line)', () => {
    const lines = linesOf(join(realDir, 'fo-secondary.log'));
    expect(readyLines(verdictsPerLine(lines))).toEqual([lines.length]);
    expect(lines.at(-1)).toMatch(/^balanced pool/);
  });

  it('the restarted secondary is ready when the partner is back to normal (ISC article sequence)', () => {
    const lines = linesOf(join(realDir, 'fo-secondary-2.log'));
    expect(lines[17]).toBe(
      'failover peer foo: peer moves from communications-interrupted to normal',
    );
    expect(readyLines(verdictsPerLine(lines))).toEqual([18, 19]);
  });

  it('the primary, judging the partner it stayed up for, is not ready from the disconnect until the rebalance', () => {
    const lines = linesOf(join(realDir, 'fo-primary.log'));
    const verdicts = verdictsPerLine(lines);
    expect(lines[34]).toBe('peer foo: disconnected');
    expect(verdicts.slice(34, 40)).toEqual([false, false, false, false, false, false]);
    expect(verdicts[40]).toBe(true);
  });

  it('a log with two restarts counts only the last start-up', () => {
    const first = linesOf(join(realDir, 'fo-secondary.log'));
    const second = linesOf(join(realDir, 'fo-secondary-2.log'));
    const verdicts = verdictsPerLine([...first, ...second]);
    // Ready at the end of the first run, not ready from the second banner on, ready again at line 18 of the second.
    expect(readyLines(verdicts)).toEqual([first.length, first.length + 18, first.length + 19]);
  });

  it('--peer names a peer the log never mentions: never ready', () => {
    const lines = linesOf(join(realDir, 'fo-secondary-2.log'));
    expect(readyLines(verdictsPerLine(lines, { peers: ['bar'] }))).toEqual([]);
    expect(readyLines(verdictsPerLine(lines, { peers: ['foo'] }))).toEqual([18, 19]);
  });

  it('a server without failover is ready at "Server starting service."', () => {
    const lines = linesOf(join(realDir, 'srv.log'));
    const ready = readyLines(verdictsPerLine(lines));
    expect(lines[ready[0]! - 1]).toBe('Server starting service.');
    expect(ready).toEqual(lines.map((_, i) => i + 1).filter((n) => n >= ready[0]!));
  });
});
