// The failover state one process logs, line by line (server/failover.c
// dhcp_failover_set_state, dhcp_failover_pool_balance): `ready` judges a
// failover server by it, so a state kept one line too long or a balance
// taken as done too early is a false "ready".
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogHistory, toLogEntry, type PeerHistory } from '../../src/log/index.js';
import { linesOf, now, realDir } from '../ready/helpers.js';

type Row = [
  line: number,
  me: string,
  partner: string,
  connected: boolean | null,
  balance: PeerHistory['balance'],
  openPools: number,
  enteredNormal: number | null,
  lastBalanced: number | null,
  disconnectedAt: number | null,
  poolsSeen: boolean,
];

function rowsOf(lines: string[], peer = 'foo'): Array<Row | [number, null, boolean]> {
  const history = new LogHistory();
  return lines.map((text, i) => {
    const entry = toLogEntry(text, 'log', i + 1, now)!;
    const { run } = history.push(entry);
    const p = run.peers.get(peer);
    const poolsSeen = history.hosts.get(entry.line.host)!.poolsSeen;
    if (!p) return [i + 1, null, poolsSeen];
    return [
      i + 1,
      p.me.state,
      p.partner.state,
      p.connected,
      p.balance,
      p.openPools.size,
      p.enteredNormal?.line ?? null,
      p.lastBalanced?.line ?? null,
      p.disconnectedAt?.line ?? null,
      poolsSeen,
    ];
  });
}

describe('the failover state of a real primary, after each line of its log (fo-primary.log)', () => {
  it('follows both sides, the connection and the balancing that follows each entry into normal', () => {
    const rows = rowsOf(linesOf(join(realDir, 'fo-primary.log')));
    expect(rows.slice(0, 11)).toEqual(Array.from({ length: 11 }, (_, i) => [i + 1, null, false]));
    expect(rows.slice(11)).toEqual([
      [12, 'startup', 'unknown-state', null, 'none', 0, null, null, null, false],
      [13, 'startup', 'unknown-state', null, 'none', 0, null, null, null, false],
      [14, 'startup', 'recover', true, 'none', 0, null, null, null, false],
      [15, 'startup', 'recover', true, 'none', 0, null, null, null, false],
      [16, 'recover', 'recover', true, 'none', 0, null, null, null, false],
      [17, 'recover', 'recover', true, 'none', 0, null, null, null, false],
      [18, 'recover', 'recover', true, 'none', 0, null, null, null, false],
      [19, 'recover', 'recover', true, 'none', 0, null, null, null, false],
      [20, 'recover', 'recover', true, 'none', 0, null, null, null, false],
      [21, 'recover', 'recover', true, 'none', 0, null, null, null, false],
      [22, 'recover', 'recover', true, 'none', 0, null, null, null, false],
      [23, 'recover', 'recover', true, 'none', 0, null, null, null, false],
      [24, 'recover', 'recover', true, 'none', 0, null, null, null, false],
      [25, 'recover-done', 'recover', true, 'none', 0, null, null, null, false],
      [26, 'recover-done', 'recover', true, 'none', 0, null, null, null, false],
      [27, 'recover-done', 'recover-done', true, 'none', 0, null, null, null, false],
      [28, 'recover-done', 'recover-done', true, 'none', 0, null, null, null, false],
      // I move to normal: balancing is pending until each pool that starts balancing ends.
      [29, 'normal', 'recover-done', true, 'pending', 0, 29, null, null, false],
      [30, 'normal', 'recover-done', true, 'pending', 1, 29, null, null, true],
      [31, 'normal', 'recover-done', true, 'done', 0, 29, 31, null, true],
      [32, 'normal', 'recover-done', true, 'done', 0, 29, 31, null, true],
      [33, 'normal', 'normal', true, 'done', 0, 29, 31, null, true],
      [34, 'normal', 'normal', true, 'done', 0, 29, 31, null, true],
      // `peer foo: disconnected`, then communications-interrupted: nothing is balanced any more.
      [35, 'normal', 'normal', false, 'done', 0, 29, 31, 35, true],
      [36, 'communications-interrupted', 'normal', false, 'none', 0, 29, 31, 35, true],
      [37, 'communications-interrupted', 'normal', true, 'none', 0, 29, 31, 35, true],
      [38, 'normal', 'normal', true, 'pending', 0, 38, 31, 35, true],
      [39, 'normal', 'normal', true, 'pending', 0, 38, 31, 35, true],
      [40, 'normal', 'normal', true, 'pending', 1, 38, 31, 35, true],
      [41, 'normal', 'normal', true, 'done', 0, 38, 41, 35, true],
    ]);
  });
});

describe('failover lines around and inside the balancing burst', () => {
  const enter = 'failover peer foo: I move from recover-done to normal';
  const balancing = (pool: string): string =>
    `balancing pool ${pool} 10.0.0.0/16  total 21  free 21  backup 0  lts 10  max-own (+/-)2`;
  const balanced = (pool: string, word = 'balanced'): string =>
    `${word} pool ${pool} 10.0.0.0/16  total 21  free 11  backup 10  lts 5  max-misbal 3`;

  it('a burst that ends without a balancing line: balancing was not logged (no pools for this peer)', () => {
    const rows = rowsOf([
      enter,
      'Sending updates to foo.',
      'DHCPDISCOVER from 00:11:22:33:44:55 via eth0',
    ]);
    expect(rows.map((r) => r[4])).toEqual(['pending', 'pending', 'not-logged']);
  });

  it('a burst cut by another line while a pool is still balancing stays pending', () => {
    const rows = rowsOf([enter, balancing('a'), 'DHCPDISCOVER from 00:11:22:33:44:55 via eth0']);
    expect(rows.map((r) => [r[4], r[5]])).toEqual([
      ['pending', 0],
      ['pending', 1],
      ['pending', 1],
    ]);
  });

  it('two pools: done only when both ended; an IMBALANCED result is kept', () => {
    const history = new LogHistory();
    const lines = [
      enter,
      balancing('a'),
      balancing('b'),
      balanced('a'),
      balanced('b', 'IMBALANCED'),
    ];
    const balances = lines.map((text, i) => {
      const { run } = history.push(toLogEntry(text, 'log', i + 1, now)!);
      return run.peers.get('foo')!.balance;
    });
    expect(balances).toEqual(['pending', 'pending', 'pending', 'pending', 'done']);
    const peer = history.runs()[0]!.peers.get('foo')!;
    expect(peer.imbalanced).toEqual([
      { ref: expect.objectContaining({ line: 5 }), pool: 'b', network: '10.0.0.0/16', lts: 5 },
    ]);
    expect(peer.lastBalanced?.line).toBe(5);
  });

  it('balancing lines while this server is not in normal belong to no peer', () => {
    const rows = rowsOf([
      'failover peer foo: I move from normal to communications-interrupted',
      balancing('a'),
      balanced('a'),
    ]);
    expect(rows).toEqual([
      [1, 'communications-interrupted', 'unknown-state', null, 'none', 0, null, null, null, false],
      [2, 'communications-interrupted', 'unknown-state', null, 'none', 0, null, null, null, true],
      [3, 'communications-interrupted', 'unknown-state', null, 'none', 0, null, null, null, true],
    ]);
  });

  it('leaving normal in the middle of balancing forgets the open pools', () => {
    const rows = rowsOf([
      enter,
      balancing('a'),
      'failover peer foo: I move from normal to communications-interrupted',
      enter,
      balanced('a'),
    ]);
    expect(rows.map((r) => [r[1], r[4], r[5], r[7]])).toEqual([
      ['normal', 'pending', 0, null],
      ['normal', 'pending', 1, null],
      ['communications-interrupted', 'none', 0, null],
      ['normal', 'pending', 0, null],
      // The pool's result after re-entering normal closes no pool of the new burst: it is done.
      ['normal', 'done', 0, 5],
    ]);
  });

  it('"Both servers normal" sets both sides when their own lines were missed', () => {
    const rows = rowsOf([
      'failover peer foo: I move from recover to recover-done',
      'peer foo: disconnected',
      'failover peer foo: Both servers normal',
    ]);
    expect(rows).toEqual([
      [1, 'recover-done', 'unknown-state', null, 'none', 0, null, null, null, false],
      [2, 'recover-done', 'unknown-state', false, 'none', 0, null, null, 2, false],
      [3, 'normal', 'normal', true, 'pending', 0, 3, null, 2, false],
    ]);
  });

  it('"Both servers normal" after this server entered normal keeps the line it entered at', () => {
    const rows = rowsOf([enter, 'failover peer foo: Both servers normal']);
    expect(rows.map((r) => [r[1], r[2], r[6]])).toEqual([
      ['normal', 'unknown-state', 1],
      ['normal', 'normal', 1],
    ]);
  });

  it('balancing lines go to the peer that entered normal last', () => {
    const history = new LogHistory();
    const lines = [enter, 'failover peer bar: I move from recover-done to normal', balancing('a')];
    for (const [i, text] of lines.entries()) history.push(toLogEntry(text, 'log', i + 1, now)!);
    const run = history.runs()[0]!;
    expect(run.lastNormalPeer).toBe('bar');
    expect([run.peers.get('foo')!.openPools.size, run.peers.get('bar')!.openPools.size]).toEqual([
      0, 1,
    ]);
  });

  it('each failover line names its peer, which is then known to the run', () => {
    const history = new LogHistory();
    const lines = [
      'Sending updates to p1.',
      'failover peer p2: 3 leases added to send queue from pool 55af19dbfd60',
      'Unable to record current failover state for p3',
      'peer p4: disconnected',
    ];
    for (const [i, text] of lines.entries()) history.push(toLogEntry(text, 'log', i + 1, now)!);
    const peers = history.runs()[0]!.peers;
    expect([...peers.keys()]).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(peers.get('p1')).toMatchObject({
      firstSeen: { line: 1 },
      me: { state: 'unknown-state', since: null },
      partner: { state: 'unknown-state', since: null },
      connected: null,
      transitions: [],
    });
  });
});
