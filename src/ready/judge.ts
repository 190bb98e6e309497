import { basename } from 'node:path';
import type { HostHistory, LineRef, LogHistory, PeerHistory, ProcessRun } from '../log/index.js';
import { chooseProcess } from './process.js';
import type { ConfiguredPeers, PeerReadiness, ProcessSummary, ReadyReport } from './types.js';

export interface JudgeOptions {
  /** Judge this host (`--host`). */
  host?: string;
  /** Require exactly these peers (`--peer`); default: every peer seen since the start-up. */
  peers?: readonly string[];
  /** The lease file (`--leases`): its base name picks the host when several log dhcpd lines. */
  leasesPath?: string;
  /** `--since`, only to word the reasons. */
  since?: Date;
  /** `--config`: every failover peer it declares must be ready, seen in the log or not. */
  configured?: ConfiguredPeers;
}

/** Says where a line is: its timestamp when the format has one, else file and line number. */
export function describeRef(ref: LineRef | null): string {
  if (!ref) return 'an unknown time';
  return ref.time ?? `${basename(ref.source)} line ${ref.line}`;
}

type HostChoice =
  | { kind: 'host'; history: HostHistory; warning?: string }
  | { kind: 'none'; reason: string }
  | { kind: 'ambiguous'; reason: string };

function hostLabel(host: string | null): string {
  return host ?? '(no host name)';
}

function chooseHost(history: LogHistory, options: JudgeOptions): HostChoice {
  const hosts = [...history.hosts.values()];
  if (hosts.length === 0) return { kind: 'none', reason: 'the log has no dhcpd lines' };
  if (options.host !== undefined) {
    const named = history.hosts.get(options.host);
    if (named) return { kind: 'host', history: named };
    if (hosts.length === 1 && hosts[0]!.host === null) {
      return {
        kind: 'host',
        history: hosts[0]!,
        warning: `the log has no host names; --host ${options.host} cannot be checked`,
      };
    }
    return {
      kind: 'none',
      reason: `the log has no dhcpd lines from host ${options.host} (hosts: ${hosts.map((h) => hostLabel(h.host)).join(', ')})`,
    };
  }
  if (hosts.length === 1) return { kind: 'host', history: hosts[0]! };
  if (options.leasesPath !== undefined) {
    const base = basename(options.leasesPath);
    const matching = hosts.filter((h) =>
      h.runs.some((run) => run.databaseFile !== null && basename(run.databaseFile) === base),
    );
    if (matching.length === 1) return { kind: 'host', history: matching[0]! };
  }
  return {
    kind: 'ambiguous',
    reason: `the log has dhcpd lines from several hosts (${hosts.map((h) => hostLabel(h.host)).join(', ')}): choose one with --host`,
  };
}

function summarise(run: ProcessRun): ProcessSummary {
  return {
    host: run.host,
    pid: run.pid,
    kind: run.kind === 'startup' ? 'startup' : 'running',
    banner: run.banner,
    version: run.version,
    configFile: run.configFile,
    databaseFile: run.databaseFile,
    startupComplete: run.startupComplete,
    pidFile: run.pidFile,
    first: run.first,
    exited: run.exited
      ? {
          at: run.exited,
          message: run.fatal?.message ?? null,
          firstError: firstConfigError(run),
        }
      : null,
  };
}

/** The first `FILE line N: …` dhcpd logged in this run (a configuration or lease-file error). */
function firstConfigError(run: ProcessRun): string | null {
  for (const { event } of run.complaints) {
    if (event.type === 'parse-warning')
      return `${event.file} line ${event.fileLine}: ${event.text}`;
  }
  return null;
}

/** Why dhcpd said it exits, for people: its log_fatal message, and the configuration error behind it. */
export function exitReason(process: ProcessSummary): string | null {
  const exited = process.exited;
  if (!exited) return null;
  const pid = process.pid === null ? '' : ` (pid ${process.pid})`;
  const why = exited.message === null ? '' : `: "${exited.message}"`;
  const first =
    exited.firstError !== null && exited.firstError !== exited.message
      ? ` (first error: ${exited.firstError})`
      : '';
  return `dhcpd${pid} logged that it exited at ${describeRef(exited.at)}${why}${first}`;
}

function judgePeer(peer: PeerHistory, poolsSeen: boolean): PeerReadiness {
  const balancing =
    peer.balance === 'not-logged' && !poolsSeen ? ('not-required' as const) : peer.balance;
  const base: PeerReadiness = {
    name: peer.name,
    ready: false,
    seen: true,
    myState: peer.me.state,
    mySince: peer.me.since,
    partnerState: peer.partner.state,
    partnerSince: peer.partner.since,
    connected: peer.connected,
    balancing,
    lastBalanced: peer.lastBalanced,
    imbalanced: peer.imbalanced,
    reason: null,
  };
  const partner = `partner ${peer.partner.state} since ${describeRef(peer.partner.since)}`;
  if (peer.me.state !== 'normal') {
    base.reason = `${peer.name}: ${peer.me.state} since ${describeRef(peer.me.since)} (${
      peer.connected === false
        ? `partner disconnected since ${describeRef(peer.disconnectedAt)}`
        : partner
    })`;
  } else if (peer.connected === false) {
    base.reason = `${peer.name}: normal, but the partner disconnected at ${describeRef(peer.disconnectedAt)}`;
  } else if (peer.partner.state !== 'normal') {
    base.reason = `${peer.name}: normal since ${describeRef(peer.me.since)}, but ${partner}`;
  } else if (balancing === 'pending') {
    base.reason = `${peer.name}: normal on both sides, waiting for pool balancing (entered normal at ${describeRef(peer.enteredNormal)})`;
  } else if (balancing === 'not-logged') {
    base.reason = `${peer.name}: normal on both sides, but no pool balancing logged since entering normal at ${describeRef(peer.enteredNormal)}`;
  } else {
    base.ready = true;
  }
  return base;
}

function unseenPeer(name: string, since: string, configFile?: string): PeerReadiness {
  return {
    name,
    ready: false,
    seen: false,
    myState: null,
    mySince: null,
    partnerState: null,
    partnerSince: null,
    connected: null,
    balancing: 'none',
    lastBalanced: null,
    imbalanced: [],
    reason: (configFile === undefined
      ? `${name}: not mentioned in the log ${since}`
      : `${name}: declared in ${configFile} but not mentioned in the log ${since}`
    ).trimEnd(),
  };
}

/**
 * The verdict of `leasecheck ready` on a log history (the lease file is
 * judged separately). Ready when: the server's last start-up is complete;
 * every failover peer seen since then (or each `peers`), and every peer the
 * configuration declares (`configured`, seen or not), is normal on both
 * sides and connected, with pool balancing logged since this server last
 * entered normal (when the log shows pools).
 */
export function judgeReady(
  history: LogHistory,
  options: JudgeOptions = {},
  lastLine: LineRef | null = null,
): ReadyReport {
  const report: ReadyReport = {
    ready: false,
    host: null,
    hosts: [...history.hosts.keys()],
    process: null,
    peers: [],
    reasons: [],
    warnings: [],
    leases: null,
    lastLine,
    ...(options.configured ? { config: options.configured } : {}),
  };
  const sinceText = options.since ? ` since ${options.since.toISOString()}` : '';
  const choice = chooseHost(history, options);
  if (choice.kind !== 'host') {
    report.reasons.push(choice.reason + (choice.kind === 'none' ? sinceText : ''));
    return report;
  }
  if (choice.warning) report.warnings.push(choice.warning);
  const host = choice.history;
  report.host = host.host;
  const picked = chooseProcess(host, options);
  if (picked.kind === 'none') {
    report.reasons.push(`no start-up of dhcpd in the log${sinceText}`);
    return report;
  }
  if (picked.kind === 'ambiguous') {
    report.processes = picked.runs.map(summarise);
    report.reasons.push(picked.reason);
    return report;
  }
  if (picked.note) report.warnings.push(picked.note);
  const run = picked.run;
  report.process = summarise(run);

  const exited = exitReason(report.process);
  if (exited !== null) {
    report.reasons.push(exited);
  } else if (run.kind === 'startup') {
    if (!run.startupComplete) {
      report.reasons.push(
        run.banner === null
          ? `start-up not complete: dhcpd (pid ${run.pid}) began at ${describeRef(run.first)} with no banner (dhcpd -q); "Server starting service." not logged yet`
          : `start-up not complete: dhcpd started at ${describeRef(run.banner)}; "Server starting service." not logged yet`,
      );
    }
  } else if (run.peers.size === 0) {
    // Under dhcpd -q (Debian's init script) a start-up logs no banner: until its
    // "Server starting service." it is this, a process of which the log shows no start.
    report.reasons.push(
      `no start-up of dhcpd in the log${sinceText} (no banner, and no "Server starting service.", the line a start-up under dhcpd -q ends with)`,
    );
  } else {
    report.warnings.push(
      `the start-up of dhcpd${run.pid === null ? '' : ` (pid ${run.pid})`} is not in the log${sinceText}; judging the running process from its failover lines`,
    );
  }

  const where = run.kind === 'startup' ? 'since the start-up' : sinceText ? sinceText.trim() : '';
  const configured = options.configured;
  const declared = new Set(configured?.peers.map((p) => p.name) ?? []);
  const required = options.peers && options.peers.length > 0 ? options.peers : null;
  // --peer names exactly the peers to judge; --config adds the peers it declares.
  const names = [
    ...new Set([...declared, ...(required ?? []), ...(required ? [] : run.peers.keys())]),
  ];
  if (configured) {
    for (const name of run.peers.keys()) {
      if (!declared.has(name)) {
        report.warnings.push(
          `failover peer "${name}" is in the log but not declared in ${configured.file}: dhcpd runs with another configuration, or ${configured.file} changed since it started`,
        );
      }
    }
  }
  for (const name of names) {
    const peer = run.peers.get(name);
    const verdict = peer
      ? judgePeer(peer, host.poolsSeen)
      : unseenPeer(name, where, declared.has(name) ? configured?.file : undefined);
    report.peers.push(verdict);
    if (verdict.reason) report.reasons.push(verdict.reason);
    const dropped = peer?.imbalancedDropped ?? 0;
    if (dropped > 0) {
      report.warnings.push(
        `${name}: ${dropped} earlier IMBALANCED pool line(s) since start-up, before the latest ${verdict.imbalanced.length}`,
      );
    }
    for (const bad of verdict.imbalanced) {
      report.warnings.push(
        `${name}: IMBALANCED pool ${bad.pool} ${bad.network} (lts ${bad.lts}) at ${describeRef(bad.ref)}`,
      );
    }
  }
  report.ready = report.reasons.length === 0;
  return report;
}
