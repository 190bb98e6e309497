import { failoverStateNames, type FailoverStateName } from '../model/types.js';
import type { DhcpdEvent, WroteKind } from './types.js';

function stateName(text: string): FailoverStateName {
  return (failoverStateNames as readonly string[]).includes(text)
    ? (text as FailoverStateName)
    : 'unknown-state';
}

const wroteKinds: Record<string, WroteKind> = {
  leases: 'leases',
  'class decls': 'class-decls',
  'group decls': 'group-decls',
  'deleted host decls': 'deleted-host-decls',
  'new dynamic host decls': 'dynamic-host-decls',
};

const num = '(-?\\d+)';

/** Each pattern mirrors one log_info/log_error format string of ISC dhcpd 4.x (file named). */
const patterns: Array<[RegExp, (m: RegExpExecArray) => DhcpdEvent]> = [
  // server/dhcpd.c: banner, then the paths it uses.
  [/^Internet Systems Consortium DHCP Server (\S+)$/, (m) => ({ type: 'banner', version: m[1]! })],
  [/^Config file: (.*)$/, (m) => ({ type: 'config-file', path: m[1]! })],
  [/^Database file: (.*)$/, (m) => ({ type: 'database-file', path: m[1]! })],
  [/^PID file: (.*)$/, (m) => ({ type: 'pid-file', path: m[1]! })],
  // server/mdb.c write_leases, mdb6.c write_leases6.
  [
    /^Wrote (\d+) (leases|class decls|group decls|deleted host decls|new dynamic host decls) to leases file\.$/,
    (m) => ({ type: 'wrote', what: wroteKinds[m[2]!]!, count: Number(m[1]) }),
  ],
  [
    /^Wrote (\d+) NA, (\d+) TA, (\d+) PD leases to lease file\.$/,
    (m) => ({ type: 'wrote-v6', na: Number(m[1]), ta: Number(m[2]), pd: Number(m[3]) }),
  ],
  // common/lpf.c, socket.c, bpf.c …: `Listening on LPF/eth0/…`, `Sending on   Socket/fallback`.
  [/^Listening on (.*)$/, (m) => ({ type: 'listening', on: m[1]!.trim() })],
  [/^Sending on +(.*)$/, (m) => ({ type: 'sending', on: m[1]!.trim() })],
  [/^Server starting service\.$/, () => ({ type: 'starting-service' })],
  // server/db.c new_lease_file under -T.
  [/^Lease file test successful\b/, () => ({ type: 'lease-file-test-successful' })],
  // omapip/errwarn.c log_fatal: the message, a blank line, a notice about bugs, `exiting.`.
  [
    /^If you think you have received this message due to a bug rather$/,
    () => ({ type: 'fatal-notice' }),
  ],
  [/^exiting\.$/, () => ({ type: 'exiting' })],
  // server/failover.c.
  [
    /^failover peer (.+): I move from (\S+) to (\S+)$/,
    (m) => ({
      type: 'failover-my-state',
      peer: m[1]!,
      from: stateName(m[2]!),
      to: stateName(m[3]!),
    }),
  ],
  [
    /^failover peer (.+): peer moves from (\S+) to (\S+)$/,
    (m) => ({
      type: 'failover-peer-state',
      peer: m[1]!,
      from: stateName(m[2]!),
      to: stateName(m[3]!),
    }),
  ],
  [
    /^failover peer (.+): Both servers normal$/,
    (m) => ({ type: 'failover-both-normal', peer: m[1]! }),
  ],
  [/^peer (.+): disconnected$/, (m) => ({ type: 'failover-disconnected', peer: m[1]! })],
  [/^Sending updates to (.+)\.$/, (m) => ({ type: 'failover-sending-updates', peer: m[1]! })],
  [
    /^failover peer (.+?): \d+ leases added to send queue from pool/,
    (m) => ({ type: 'failover-queued', peer: m[1]! }),
  ],
  [
    /^Unable to record current failover state for (.+)$/,
    (m) => ({ type: 'failover-record-failed', peer: m[1]! }),
  ],
  [
    new RegExp(
      `^balancing pool (\\S+) (.*?)  total ${num}  free ${num}  backup ${num}  lts ${num}  max-own \\(\\+/-\\)${num}(  \\(requesting peer rebalance!\\))?`,
    ),
    (m) => ({
      type: 'balancing',
      pool: m[1]!,
      network: m[2]!,
      total: Number(m[3]),
      free: Number(m[4]),
      backup: Number(m[5]),
      lts: Number(m[6]),
      maxOwn: Number(m[7]),
      requestingRebalance: m[8] !== undefined,
    }),
  ],
  [
    new RegExp(
      `^(balanced|IMBALANCED) pool (\\S+) (.*?)  total ${num}  free ${num}  backup ${num}  lts ${num}  max-misbal ${num}`,
    ),
    (m) => ({
      type: 'balanced',
      imbalanced: m[1] === 'IMBALANCED',
      pool: m[2]!,
      network: m[3]!,
      total: Number(m[4]),
      free: Number(m[5]),
      backup: Number(m[6]),
      lts: Number(m[7]),
      maxMisbalance: Number(m[8]),
    }),
  ],
  // server/db.c: the complaints that mean leases may be missing from the file.
  [/^commit_leases: unable to commit, (.*)$/, (m) => ({ type: 'commit-failed', reason: m[1]! })],
  [
    /^write_(lease|host|group|ia|server_duid|failover_state): unable to write(?: (?:lease|host|group|ia|server-duid|state))?(?: (.*))?$/,
    (m) => ({
      type: 'write-failed',
      what: (
        {
          lease: 'lease',
          host: 'host',
          group: 'group',
          ia: 'ia',
          server_duid: 'server-duid',
          failover_state: 'failover-state',
        } as const
      )[m[1] as 'lease'],
      name: m[2] ?? null,
    }),
  ],
  [/^unable to write class (.*)$/, (m) => ({ type: 'write-failed', what: 'class', name: m[1]! })],
  [
    /^Can't create new lease file: (.*)$/,
    (m) => ({ type: 'cannot-create-lease-file', reason: m[1]! }),
  ],
  [/^Corrupt lease file - possible data loss!/, () => ({ type: 'corrupt-lease-file' })],
  // server/mdb.c.
  [/^lease (\S+): no subnet\.$/, (m) => ({ type: 'no-subnet', address: m[1]! })],
  // common/parse.c parse_warn: `FILE line N: message` (then the token line and a caret).
  [
    /^(\S.*?) line (\d+): (.*)$/,
    (m) => ({ type: 'parse-warning', file: m[1]!, fileLine: Number(m[2]), text: m[3]! }),
  ],
];

/** Classifies one dhcpd message (without its syslog envelope). */
export function classifyMessage(message: string): DhcpdEvent {
  // Most of a busy server's log is client traffic (DHCPDISCOVER, DHCPACK…): no pattern starts so,
  // except a parse warning naming a file that does, which has ` line N: ` in it.
  if (message.startsWith('DHCP') && !message.includes(' line ')) return { type: 'other' };
  for (const [pattern, build] of patterns) {
    const m = pattern.exec(message);
    if (m) return build(m);
  }
  return { type: 'other' };
}
