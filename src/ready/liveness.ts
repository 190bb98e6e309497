import { basename } from 'node:path';
import { describeRef } from './judge.js';
import type { ProcessProbe } from './probe.js';
import type { Liveness, ProcessSummary } from './types.js';

/**
 * Whether the process `ready` judged runs now. dhcpd logs nothing when it
 * is stopped with SIGTERM or killed: a log whose last lines are ordinary
 * traffic says nothing about whether its writer is alive. So, on this host:
 * the process (the log's pid, else the one its `PID file:` names) must
 * exist, be dhcpd, and have started no later than the start-up judged (a
 * later start means the pid was reused or the log misses a restart). For
 * a log without timestamps that moment is unknown: the pid file must name
 * the process, and it must have started before the log was last written.
 */

/** Seconds of slack between the process's start and its first logged line (syslog keeps whole seconds). */
const SLACK_MS = 2000;

/** What every "cannot tell" answer ends with: how to get an answer. */
const WAY_OUT =
  'add --omapi HOST:PORT to ask the server, or --log-only to judge the log alone as of its last line';

function shortName(host: string): string {
  return host.toLowerCase().split('.')[0]!;
}

/** Whether the log's host name is this machine (syslog writes the short name). */
export function sameHost(logHost: string | null, machine: string): boolean {
  return logHost === null || shortName(logHost) === shortName(machine);
}

function isDhcpd(comm: string, argv0: string): boolean {
  return comm === 'dhcpd' || basename(argv0) === 'dhcpd';
}

function impossible(pid: number | null, detail: string): Liveness {
  return { method: 'impossible', running: null, pid, detail: `${detail}; ${WAY_OUT}` };
}

function notRunning(pid: number | null, detail: string): Liveness {
  return { method: 'process', running: false, pid, detail };
}

/**
 * The moment the process must have started by: its start-up's banner, else
 * (a process that began before the log, or `dhcpd -q`'s start-up) its first line.
 */
function judgedTime(process: ProcessSummary): Date | null {
  const ref = (process.kind === 'startup' ? process.banner : null) ?? process.first;
  return ref?.time ? new Date(ref.time) : null;
}

/**
 * Looks the judged process up on this machine. `logs` are the logs read
 * (for a log without timestamps, their modification times bound the start).
 */
export async function checkLiveness(
  process: ProcessSummary,
  logs: readonly string[],
  probe: ProcessProbe,
): Promise<Liveness> {
  const machine = probe.hostname();
  if (!sameHost(process.host, machine)) {
    return impossible(
      process.pid,
      `the log is from host ${process.host}, and this is ${machine}: whether dhcpd${process.pid === null ? '' : ` (pid ${process.pid})`} still runs there cannot be seen from here; run leasecheck on ${process.host}, or`,
    );
  }
  if (process.exited) {
    return notRunning(
      process.pid,
      `dhcpd logged that it exited at ${describeRef(process.exited.at)}`,
    );
  }
  const fromFile = process.pidFile === null ? null : await probe.pidFile(process.pidFile);
  const pid = process.pid ?? fromFile;
  if (pid === null) {
    return process.pidFile === null
      ? impossible(
          null,
          // journalctl -o cat drops the pid, and dhcpd -q (Debian's init script) the "PID file:" line.
          'the log shows neither a pid nor a "PID file:" line: which process wrote it cannot be told (journalctl -o cat leaves out the pid, and dhcpd -q the "PID file:" line: give journalctl -o short-iso)',
        )
      : notRunning(
          null,
          `dhcpd is not running: the pid file it named, ${process.pidFile}, is missing or holds no pid`,
        );
  }
  const facts = await probe.process(pid);
  const ended =
    'dhcpd logs nothing when it is stopped (SIGTERM) or killed, so its log can end in ordinary lines';
  if (facts === null) {
    return notRunning(pid, `dhcpd (pid ${pid}) is not running now (${ended})`);
  }
  if (!isDhcpd(facts.comm, facts.argv0)) {
    return notRunning(
      pid,
      `pid ${pid} is now "${facts.comm || facts.argv0}", not dhcpd: the dhcpd of the log has ended`,
    );
  }
  const started = facts.startedAt.toISOString();
  const by = judgedTime(process);
  if (by !== null) {
    if (facts.startedAt.getTime() > by.getTime() + SLACK_MS) {
      return notRunning(
        pid,
        `pid ${pid} is a dhcpd started at ${started}, after the ${process.kind === 'startup' ? 'start-up' : 'first line'} judged (${by.toISOString()}): the dhcpd of the log has ended (the pid was reused, or the log misses a restart)`,
      );
    }
    return {
      method: 'process',
      running: true,
      pid,
      detail: `pid ${pid} is dhcpd, running since ${started}`,
    };
  }
  // No timestamps: tie the process to the log through its pid file and the log's last write.
  if (process.pid !== null && fromFile !== null && fromFile !== process.pid) {
    return notRunning(
      pid,
      `the pid file ${process.pidFile} names pid ${fromFile}, not the log's pid ${pid}: the log misses a restart`,
    );
  }
  if (process.pid === null && process.pidFile === null) {
    return impossible(pid, 'the log has no timestamps and no "PID file:" line');
  }
  const modified = (await Promise.all(logs.map((log) => probe.modified(log)))).filter(
    (d): d is Date => d !== null,
  );
  const latest = Math.max(...modified.map((d) => d.getTime()));
  if (modified.length > 0 && facts.startedAt.getTime() > latest + SLACK_MS) {
    return notRunning(
      pid,
      `pid ${pid} is a dhcpd started at ${started}, after the log was last written (${new Date(latest).toISOString()}): it is not the dhcpd of this log`,
    );
  }
  return {
    method: 'process',
    running: true,
    pid,
    detail: `pid ${pid} is dhcpd, running since ${started}${process.pidFile === null ? '' : ` (named by ${process.pidFile})`}`,
  };
}

/** `--log-only`: not checked; the verdict is the log's as of its last line. */
export function logOnly(process: ProcessSummary, lastLine: string): Liveness {
  return {
    method: 'log-only',
    running: null,
    pid: process.pid,
    detail: `judged from the log alone, as of its last line (${lastLine}); whether dhcpd still runs was not checked`,
  };
}

/** One failover peer as the running server reports it over OMAPI. */
export interface OmapiPeerAnswer {
  peer: string;
  found: boolean;
  localState: string | null;
  partnerState: string | null;
}

/**
 * `--omapi` with `--log`: the server answered; it is the process of the log
 * when it reports, for every peer judged, the states the log shows.
 */
export function omapiLiveness(
  report: { peers: Array<{ name: string; myState: string | null; partnerState: string | null }> },
  answers: readonly OmapiPeerAnswer[],
  server: string,
): Liveness {
  const differ: string[] = [];
  for (const peer of report.peers) {
    const answer = answers.find((a) => a.peer === peer.name);
    if (!answer?.found) differ.push(`${peer.name}: the server knows no such peer`);
    else if (answer.localState !== peer.myState || answer.partnerState !== peer.partnerState) {
      differ.push(
        `${peer.name}: the server says ${answer.localState ?? '?'}/${answer.partnerState ?? '?'}, the log ${peer.myState ?? '?'}/${peer.partnerState ?? '?'} (mine/partner's)`,
      );
    }
  }
  if (report.peers.length === 0) differ.push('the log shows no failover peer to compare');
  if (differ.length > 0) {
    return {
      method: 'omapi',
      running: false,
      pid: null,
      detail: `${server} (OMAPI) does not answer with the states the log shows (${differ.join('; ')}): the log is not this server's, or the server changed since its last line`,
    };
  }
  return {
    method: 'omapi',
    running: true,
    pid: null,
    detail: `${server} answered over OMAPI with the failover states the log shows`,
  };
}
