/**
 * The commands in the order an administrator meets them (check, then fix,
 * then the restart questions, then the live server and the tools), each with
 * the one line `leasecheck --help` lists and the exit codes its own `--help`
 * ends with. One table, so that every command says its exit codes in one
 * style, and a command without an entry fails the CLI tests.
 */
export interface CommandGuide {
  readonly name: string;
  readonly summary: string;
  readonly exitCodes: string;
}

export const commandGuide: readonly CommandGuide[] = [
  {
    name: 'check',
    summary: 'Is this lease file whole? Where is it damaged, and what will dhcpd do with it?',
    exitCodes:
      '0 clean, 4 problems found, 8 cannot read the file, 16 usage error\n' +
      '  with --format nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage errors too)',
  },
  {
    name: 'repair',
    summary:
      'Propose the fix as a unified diff; --write applies it safely, --preen before dhcpd starts.',
    exitCodes:
      '0 nothing to repair, 1 repaired (--write, --preen), 4 repair proposed or needed, 8 refused, or cannot read or write, 16 usage error',
  },
  {
    name: 'undo',
    summary: 'Put back the original lease file from the backup `repair --write` made.',
    exitCodes:
      '0 restored, 8 refused (the file changed since the repair, is in use, or the backup was altered) or I/O error, 16 usage error',
  },
  {
    name: 'verify',
    summary: 'Does the lease file hold what dhcpd logged it wrote ("Wrote N leases")?',
    exitCodes:
      '0 consistent, 4 inconsistent or ambiguous (with --config: also anything dhcpd would drop or warn about), 8 cannot read a file, 16 usage error',
  },
  {
    name: 'leases',
    summary: 'List the lease each address holds, as dhcpd loads it (filters; text, JSON, CSV).',
    exitCodes:
      '0 the file is whole, 4 it has problems (listed beside), 8 cannot read it, 16 usage error',
  },
  {
    name: 'pools',
    summary:
      'Pool usage per range and shared network, as dhcpd-pools reports it (Nagios, Prometheus).',
    exitCodes:
      '0 counted, 4 the lease file has problems (the counts are what dhcpd loads), 8 cannot read a file, 16 usage error\n' +
      '  with --format nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN',
  },
  {
    name: 'ready',
    summary:
      'Has the restarted server fully come back, so that its failover partner may be restarted?',
    exitCodes:
      '0 ready, 4 not ready, timed out, or ambiguous, 8 cannot read the log or dhcpd.conf, or OMAPI failed, 16 usage error',
  },
  {
    name: 'restart-pair',
    summary:
      'Restart a failover pair as ISC advises: one server, wait until it is fully back, then its partner.',
    exitCodes:
      '0 both restarted and normal again, 4 pre-flight refused or not back in time, 8 connection, key or start command failed, 16 usage error',
  },
  {
    name: 'pair',
    summary: "Are the two failover peers' dhcpd.conf files the same where they must be?",
    exitCodes:
      '0 mirrored and identical, 4 differences, 8 a file unreadable or invalid, 16 usage error',
  },
  {
    name: 'compare',
    summary: 'Does the running dhcpd hold in memory what its lease file says? (over OMAPI)',
    exitCodes:
      '0 agree (with --config), 4 differ or not established, 8 connection, key or file error, 16 usage error',
  },
  {
    name: 'omapi',
    summary: 'Ask a running dhcpd over OMAPI, as omshell does: objects, or a graceful shutdown.',
    exitCodes: '0 done, 8 connection, key or server error, 16 usage error',
  },
  {
    name: 'fuzz',
    summary:
      'Differential fuzzing: the first generated file on which another lease-file reader disagrees.',
    exitCodes:
      '0 no disagreement, 4 disagreement found, 8 the reader cannot be run, 16 usage error',
  },
];

/** The exit codes every command shares, for `leasecheck --help`. */
export const programExitCodes =
  '0 clean, ready, consistent, 1 corrected, 4 problems left, not ready, 8 operational error, 16 usage error (as fsck(8))';
