import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHistory, toLogEntry, type LogEntry } from '../../src/log/index.js';
import { MAX_KEPT_LINES } from '../../src/log/peers.js';
import { ReadyTracker } from '../../src/ready/index.js';
import { linesOf, now, realDir } from './helpers.js';

/**
 * A peer that flaps for months, or a hostile log, logs millions of state
 * lines: the history keeps only the latest MAX_KEPT_LINES transitions and
 * IMBALANCED lines of a peer (memory follows the peer count, not the log),
 * and the verdict, which needs the latest state of each side, is the same.
 */

const restart = linesOf(join(realDir, 'fo-secondary-2.log'));
const flaps = 5000;
const flapping = [
  ...restart,
  ...Array.from({ length: flaps }, () => [
    'failover peer foo: I move from normal to communications-interrupted',
    'failover peer foo: I move from communications-interrupted to normal',
    'IMBALANCED pool 5645a361ed60 10.0.0.0/16  total 21  free 11  backup 10  lts 4  max-misbal 3',
  ]).flat(),
];

function entries(lines: string[]): LogEntry[] {
  return lines.flatMap((text, i) => toLogEntry(text, 'log', i + 1, now) ?? []);
}

describe('a log of many failover state lines', () => {
  it('keeps the latest transitions and counts the rest; the latest state is the last line', () => {
    const peer = buildHistory(entries(flapping)).runs()[0]!.peers.get('foo')!;
    expect(peer.transitions).toHaveLength(MAX_KEPT_LINES);
    // The restart itself logs four state changes (lines 12, 14, 15, 18).
    expect(peer.transitionsDropped).toBe(2 * flaps + 4 - MAX_KEPT_LINES);
    expect(peer.transitions.at(-1)).toMatchObject({ side: 'me', to: 'normal' });
    expect(peer.transitions.at(-1)!.ref.line).toBe(flapping.length - 1);
    expect(peer.me).toMatchObject({ state: 'normal', since: { line: flapping.length - 1 } });
    expect(peer.imbalanced).toHaveLength(MAX_KEPT_LINES);
    expect(peer.imbalancedDropped).toBe(flaps - MAX_KEPT_LINES);
  });

  it('ready: the same verdict, the latest IMBALANCED lines and a count of the earlier ones', () => {
    const tracker = new ReadyTracker({});
    for (const entry of entries(flapping)) tracker.push(entry);
    const report = tracker.verdict();
    expect(report.ready).toBe(true);
    expect(report.warnings[0]).toBe(
      `foo: ${flaps - MAX_KEPT_LINES} earlier IMBALANCED pool line(s) since start-up, before the latest ${MAX_KEPT_LINES}`,
    );
    expect(report.warnings).toHaveLength(MAX_KEPT_LINES + 1);
    expect(report.warnings.at(-1)).toMatch(new RegExp(`at log line ${flapping.length}$`));
  });
});
