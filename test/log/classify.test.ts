import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../src/log/index.js';

describe('classifyMessage turns each dhcpd message leasecheck needs into a typed event', () => {
  const cases: Array<[string, object]> = [
    ['Internet Systems Consortium DHCP Server 4.4.3-P1', { type: 'banner', version: '4.4.3-P1' }],
    ['Config file: /etc/dhcp/dhcpd.conf', { type: 'config-file', path: '/etc/dhcp/dhcpd.conf' }],
    [
      'Database file: /var/lib/dhcp/dhcpd.leases',
      { type: 'database-file', path: '/var/lib/dhcp/dhcpd.leases' },
    ],
    ['PID file: /run/dhcpd.pid', { type: 'pid-file', path: '/run/dhcpd.pid' }],
    ['Wrote 10 leases to leases file.', { type: 'wrote', what: 'leases', count: 10 }],
    ['Wrote 2 class decls to leases file.', { type: 'wrote', what: 'class-decls', count: 2 }],
    ['Wrote 0 group decls to leases file.', { type: 'wrote', what: 'group-decls', count: 0 }],
    [
      'Wrote 1 deleted host decls to leases file.',
      { type: 'wrote', what: 'deleted-host-decls', count: 1 },
    ],
    [
      'Wrote 0 new dynamic host decls to leases file.',
      { type: 'wrote', what: 'dynamic-host-decls', count: 0 },
    ],
    ['Wrote 3 NA, 0 TA, 1 PD leases to lease file.', { type: 'wrote-v6', na: 3, ta: 0, pd: 1 }],
    [
      'Listening on LPF/et1/7e:74:4e:52:ae:70/10.0.0.0/16',
      { type: 'listening', on: 'LPF/et1/7e:74:4e:52:ae:70/10.0.0.0/16' },
    ],
    [
      'Sending on   Socket/fallback/fallback-net',
      { type: 'sending', on: 'Socket/fallback/fallback-net' },
    ],
    ['Server starting service.', { type: 'starting-service' }],
    [
      'Lease file test successful, removing temp lease file: /var/lib/dhcp/x.leases.1795873218',
      { type: 'lease-file-test-successful' },
    ],
    [
      'failover peer foo: I move from communications-interrupted to normal',
      { type: 'failover-my-state', peer: 'foo', from: 'communications-interrupted', to: 'normal' },
    ],
    [
      'failover peer dhcp failover: peer moves from recover-done to normal',
      { type: 'failover-peer-state', peer: 'dhcp failover', from: 'recover-done', to: 'normal' },
    ],
    ['failover peer foo: Both servers normal', { type: 'failover-both-normal', peer: 'foo' }],
    ['peer foo: disconnected', { type: 'failover-disconnected', peer: 'foo' }],
    ['Sending updates to foo.', { type: 'failover-sending-updates', peer: 'foo' }],
    [
      'balancing pool 5592e39a8da0 10.0.0.0/16  total 21  free 21  backup 0  lts 10  max-own (+/-)2',
      {
        type: 'balancing',
        pool: '5592e39a8da0',
        network: '10.0.0.0/16',
        total: 21,
        free: 21,
        backup: 0,
        lts: 10,
        maxOwn: 2,
        requestingRebalance: false,
      },
    ],
    [
      'balancing pool 1 net  total 80  free 2  backup 70  lts -34  max-own (+/-)8  (requesting peer rebalance!)',
      { type: 'balancing', lts: -34, requestingRebalance: true },
    ],
    [
      'balanced pool 5592e39a8da0 10.0.0.0/16  total 21  free 11  backup 10  lts 0  max-misbal 3',
      { type: 'balanced', imbalanced: false, pool: '5592e39a8da0', lts: 0, maxMisbalance: 3 },
    ],
    [
      'IMBALANCED pool 7f 192.168.0.0/24  total 80  free 70  backup 2  lts 34  max-misbal 12',
      { type: 'balanced', imbalanced: true, lts: 34 },
    ],
    [
      'balanced pool 563a3ae5f670 192.0.2.64/28  total 11  free 0  backup 1  lts 0  max-misbal 0  queue 1',
      { type: 'balanced', imbalanced: false },
    ],
    [
      'commit_leases: unable to commit, fsync(): No space left on device',
      { type: 'commit-failed', reason: 'fsync(): No space left on device' },
    ],
    [
      'write_lease: unable to write lease 10.0.1.7',
      { type: 'write-failed', what: 'lease', name: '10.0.1.7' },
    ],
    [
      'write_failover_state: unable to write state foo',
      { type: 'write-failed', what: 'failover-state', name: 'foo' },
    ],
    ['write_ia: unable to write ia', { type: 'write-failed', what: 'ia', name: null }],
    ['write_host: unable to write host h1', { type: 'write-failed', what: 'host', name: 'h1' }],
    [
      "Can't create new lease file: Permission denied",
      { type: 'cannot-create-lease-file', reason: 'Permission denied' },
    ],
    ['Corrupt lease file - possible data loss!', { type: 'corrupt-lease-file' }],
    ['lease 192.168.9.9: no subnet.', { type: 'no-subnet', address: '192.168.9.9' }],
    [
      '/var/lib/dhcp/dhcpd.leases line 452: unexpected end of file',
      {
        type: 'parse-warning',
        file: '/var/lib/dhcp/dhcpd.leases',
        fileLine: 452,
        text: 'unexpected end of file',
      },
    ],
    [
      'Unable to record current failover state for foo',
      { type: 'failover-record-failed', peer: 'foo' },
    ],
    ['DHCPACK on 10.0.0.10 to 5e:fe:12:81:b6:ca (vm) via v1', { type: 'other' }],
    ['Copyright 2004-2022 Internet Systems Consortium.', { type: 'other' }],
  ];
  for (const [message, event] of cases) {
    it(message, () => {
      expect(classifyMessage(message)).toMatchObject(event);
    });
  }

  it('an unknown state name is kept as unknown-state rather than guessed', () => {
    expect(classifyMessage('failover peer foo: I move from normal to sleeping')).toMatchObject({
      to: 'unknown-state',
    });
  });
});

describe('classifyMessage gives the whole event, and nothing for lines that only look alike', () => {
  const exact: Array<[string, object]> = [
    [
      'balancing pool 1 net  total 80  free 2  backup 70  lts -34  max-own (+/-)8  (requesting peer rebalance!)',
      {
        type: 'balancing',
        pool: '1',
        network: 'net',
        total: 80,
        free: 2,
        backup: 70,
        lts: -34,
        maxOwn: 8,
        requestingRebalance: true,
      },
    ],
    [
      'IMBALANCED pool 7f 192.168.0.0/24  total 80  free 70  backup 2  lts 34  max-misbal 12',
      {
        type: 'balanced',
        imbalanced: true,
        pool: '7f',
        network: '192.168.0.0/24',
        total: 80,
        free: 70,
        backup: 2,
        lts: 34,
        maxMisbalance: 12,
      },
    ],
    [
      'failover peer dhcp failover: 12 leases added to send queue from pool 55af19dbfd60',
      { type: 'failover-queued', peer: 'dhcp failover' },
    ],
    [
      'write_server_duid: unable to write server-duid',
      { type: 'write-failed', what: 'server-duid', name: null },
    ],
    ['write_group: unable to write group g1', { type: 'write-failed', what: 'group', name: 'g1' }],
    ['unable to write class c1', { type: 'write-failed', what: 'class', name: 'c1' }],
    // A parse warning about a file whose name begins like a client message is still one.
    [
      'DHCPD.conf line 3: expecting a semicolon.',
      { type: 'parse-warning', file: 'DHCPD.conf', fileLine: 3, text: 'expecting a semicolon.' },
    ],
    ['Listening on Socket/eth0 ', { type: 'listening', on: 'Socket/eth0' }],
    ['Sending on   Socket/eth0 ', { type: 'sending', on: 'Socket/eth0' }],
    // A message that ends in `DHCP` is not client traffic: a failover peer may be named so.
    [
      'Unable to record current failover state for DHCP',
      { type: 'failover-record-failed', peer: 'DHCP' },
    ],
    ['Wrote 3 pool decls to leases file.', { type: 'other' }],
    ['Wrote 3 leases to leases file', { type: 'other' }],
    ['The Internet Systems Consortium DHCP Server 4.4.3', { type: 'other' }],
    ['exiting. now', { type: 'other' }],
    ['Server starting service', { type: 'other' }],
    ['lease 10.0.0.1: no subnet', { type: 'other' }],
    ['our peer foo: disconnected', { type: 'other' }],
    ['DHCPREQUEST for 10.0.0.5 from 00:11:22:33:44:55 via eth0', { type: 'other' }],
  ];
  for (const [message, event] of exact) {
    it(message, () => {
      expect(classifyMessage(message)).toEqual(event);
    });
  }
});
