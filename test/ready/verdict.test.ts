import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, linesOf, realDir } from './helpers.js';

const restart = linesOf(join(realDir, 'fo-secondary-2.log'));

describe('the ready verdict, case by case', () => {
  it('an IMBALANCED pool is reported as a warning, not a reason', () => {
    const lines = restart.map((l) => l.replace(/^balanced pool/, 'IMBALANCED pool'));
    const report = judge(lines);
    expect(report.ready).toBe(true);
    expect(report.warnings).toEqual([
      expect.stringMatching(
        /^foo: IMBALANCED pool 5645a361ed60 10\.0\.0\.0\/16 \(lts 0\) at log line 17$/,
      ),
    ]);
  });

  it('a partner that disconnects after both were normal makes the server not ready again', () => {
    const report = judge([...restart, 'peer foo: disconnected']);
    expect(report.ready).toBe(false);
    expect(report.reasons).toEqual(['foo: normal, but the partner disconnected at log line 20']);
    const moved = judge([
      ...restart,
      'peer foo: disconnected',
      'failover peer foo: I move from normal to communications-interrupted',
    ]);
    expect(moved.reasons).toEqual([
      'foo: communications-interrupted since log line 21 (partner disconnected since log line 20)',
    ]);
  });

  it('one line per peer that is not ready; ready peers add none', () => {
    const lines = [
      ...restart,
      'failover peer bar: I move from recover to startup',
      'failover peer bar: peer moves from unknown-state to partner-down',
      'failover peer bar: I move from startup to recover',
    ];
    const report = judge(lines);
    expect(report.ready).toBe(false);
    expect(report.peers.map((p) => [p.name, p.ready])).toEqual([
      ['foo', true],
      ['bar', false],
    ]);
    expect(report.reasons).toEqual([
      'bar: recover since log line 22 (partner partner-down since log line 21)',
    ]);
  });

  it('a peer with no pools: balancing is not required once dhcpd goes on without it', () => {
    const lines = restart.filter((l) => !/^balanc/.test(l));
    // Without balancing lines anywhere, entering normal then hearing the partner is enough.
    const report = judge(lines);
    expect(report.ready).toBe(true);
    expect(report.peers[0]!.balancing).toBe('not-required');
  });

  it('while the balancing that follows entering normal may still come, not ready', () => {
    const upToNormal = restart.slice(0, 15);
    const lines = [
      ...upToNormal.slice(0, 13),
      'failover peer foo: peer moves from normal to normal',
      upToNormal[14]!,
    ];
    const report = judge(lines);
    expect(report.ready).toBe(false);
    expect(report.reasons).toEqual([
      'foo: normal on both sides, waiting for pool balancing (entered normal at log line 15)',
    ]);
  });

  it('when the log showed pools before, a move to normal without balancing is not ready', () => {
    const first = linesOf(join(realDir, 'fo-secondary.log'));
    const second = restart.filter((l) => !/^balanc/.test(l));
    const report = judge([...first, ...second]);
    expect(report.ready).toBe(false);
    expect(report.reasons[0]).toMatch(
      /^foo: normal on both sides, but no pool balancing logged since entering normal at log line/,
    );
  });

  it('a start-up not complete yet says so', () => {
    const report = judge(restart.slice(0, 11));
    expect(report.ready).toBe(false);
    expect(report.reasons).toEqual([
      'start-up not complete: dhcpd started at log line 1; "Server starting service." not logged yet',
    ]);
  });

  it('dhcpd -T run while the server runs (pid-less log) does not change the verdict', () => {
    const test = linesOf(join(realDir, '..', 'real-dhcpd', 'srv.log')).slice(0, 8);
    const report = judge([
      ...restart,
      ...test,
      'Lease file test successful, removing temp lease file: /x.1',
    ]);
    expect(report.ready).toBe(true);
    expect(report.process!.banner!.line).toBe(1);
  });

  it('an empty log, and a log of other programs only, are not ready', () => {
    expect(judge([]).reasons).toEqual(['the log has no dhcpd lines']);
    expect(judge(['Nov 28 12:00:00 h CRON[1]: (root) CMD x']).reasons).toEqual([
      'the log has no dhcpd lines',
    ]);
  });
});
