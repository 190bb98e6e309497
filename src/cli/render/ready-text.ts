import { basename } from 'node:path';
import type { LogEntry } from '../../log/index.js';
import type { OmapiFailoverReadiness } from '../../omapi/types.js';
import { describeRef } from '../../ready/judge.js';
import type { ReadyReport } from '../../ready/types.js';
import { plain, type Style } from './style.js';

function who(report: ReadyReport): string {
  const parts: string[] = [];
  if (report.host !== null) parts.push(`host ${report.host}`);
  if (report.process?.pid != null) parts.push(`pid ${report.process.pid}`);
  if (report.process?.version) parts.push(`dhcpd ${report.process.version}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** The text `leasecheck ready` prints: the verdict, one line per peer, warnings, the lease file. */
export function renderReadyText(report: ReadyReport, style: Style = plain): string {
  const lines: string[] = [];
  if (report.ready) {
    lines.push(style('good', `ready${who(report)}`));
    const process = report.process;
    if (process?.kind === 'startup') {
      const started =
        process.banner === null
          ? `started by ${describeRef(process.first)} (no banner: dhcpd -q)`
          : `started at ${describeRef(process.banner)}`;
      lines.push(`  ${started}, start-up complete at ${describeRef(process.startupComplete)}`);
    }
    for (const peer of report.peers) {
      const balanced =
        peer.balancing === 'done'
          ? `, pools balanced at ${describeRef(peer.lastBalanced)}`
          : peer.balancing === 'not-required'
            ? ', no pools to balance'
            : '';
      lines.push(
        `  ${peer.name}: normal since ${describeRef(peer.mySince)}, partner normal since ${describeRef(peer.partnerSince)}${balanced}`,
      );
    }
  } else {
    lines.push(style('bad', `not ready${who(report)}`));
    for (const reason of report.reasons) lines.push(`  ${reason}`);
  }
  if (report.liveness && (report.ready || report.liveness.method === 'log-only'))
    lines.push(`  ${report.liveness.detail}`);
  if (report.config) {
    const peers = report.config.peers.map((p) => `"${p.name}" (${p.role})`);
    lines.push(
      `  ${report.config.file} declares ${peers.length === 0 ? 'no failover peer' : `failover peer ${peers.join(', ')}`}`,
    );
  }
  for (const warning of report.warnings) lines.push(style('warn', `warning: ${warning}`));
  if (report.leases) {
    const leases = report.leases;
    lines.push(
      `lease file ${leases.file}: ${leases.verdict}${leases.role ? `; this server is the ${leases.role}` : ''}`,
    );
    for (const block of leases.failover) {
      lines.push(
        `  failover peer ${block.peer} (line ${block.line}): my state ${block.myState ?? '?'} at ${block.myStateAt ?? '?'}, partner ${block.partnerState ?? '?'} at ${block.partnerStateAt ?? '?'}${block.mclt !== null ? `, mclt ${block.mclt}` : ''}`,
      );
    }
    if (leases.advice) lines.push(`  ${leases.advice}`);
  }
  if (report.waited?.timedOut) {
    lines.push(style('bad', `gave up after ${report.waited.seconds.toFixed(1)} s (--wait)`));
  }
  return lines.join('\n') + '\n';
}

/** One line for a state change seen while following (`--wait`), with the verdict after it. */
export function renderChange(entry: LogEntry, report: ReadyReport, style: Style = plain): string {
  const { line } = entry;
  const when = line.timeText ?? `${basename(line.source)}:${line.line}`;
  const host = line.host !== null ? `${line.host} ` : '';
  const verdict = report.ready ? style('good', 'ready') : style('bad', 'not ready');
  return `${when} ${host}${line.message}  [${verdict}]\n`;
}

/** What the server itself says over OMAPI (`ready --omapi`): a line per failover peer. */
export function renderOmapi(readiness: OmapiFailoverReadiness, style: Style): string {
  return readiness.peers
    .map((p) =>
      !p.found
        ? `${style('bad', 'not ready')}: failover peer "${p.peer}": the server knows no such peer\n`
        : `${p.ready ? style('good', 'ready') : style('bad', 'not ready')}: failover peer "${p.peer}" (OMAPI): local state ${p.localState ?? '?'}${p.localStateSince ? ` since ${p.localStateSince}` : ''}, partner state ${p.partnerState ?? '?'}${p.partnerStateSince ? ` since ${p.partnerStateSince}` : ''}\n`,
    )
    .join('');
}
