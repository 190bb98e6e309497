// The ready verdict when this server is normal but its partner is not: not
// ready, and the one reason names the partner's state. Both sides must be
// normal (dhcpd logs "Both servers normal") before a restarted peer has fully
// come back; this server's own state alone is not enough.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, linesOf, realDir } from './helpers.js';

/** A real secondary's restart: normal at line 15, balanced at 17, partner normal at 18, "Both servers normal" at 19. */
const restart = linesOf(join(realDir, 'fo-secondary-2.log'));

describe('the ready verdict when only the partner side is not normal', () => {
  it('the whole restart is ready (the baseline these cases cut or extend)', () => {
    expect(restart).toHaveLength(19);
    expect(judge(restart)).toMatchObject({ ready: true, reasons: [] });
  });

  it('normal and balanced, the partner still communications-interrupted: not ready', () => {
    const report = judge(restart.slice(0, 17));
    expect(report.ready).toBe(false);
    expect(report.peers).toEqual([
      expect.objectContaining({
        name: 'foo',
        ready: false,
        myState: 'normal',
        partnerState: 'communications-interrupted',
        balancing: 'done',
      }),
    ]);
    expect(report.reasons).toEqual([
      'foo: normal since log line 15, but partner communications-interrupted since log line 14',
    ]);
  });

  it('both were normal, then the partner moves on while this server stays normal: not ready again', () => {
    const report = judge([...restart, 'failover peer foo: peer moves from normal to recover']);
    expect(report.ready).toBe(false);
    expect(report.peers[0]).toMatchObject({ myState: 'normal', partnerState: 'recover' });
    expect(report.reasons).toEqual([
      'foo: normal since log line 15, but partner recover since log line 20',
    ]);
  });
});
