import { resolve } from 'node:path';
import type { CheckReport } from '../check/index.js';
import {
  addressInRanges,
  type AddressPlan,
  type ConfigFinding,
  type LoadedConfig,
} from '../conf/index.js';
import type { LineRef, ProcessRun } from '../log/index.js';
import type { Declaration } from '../model/types.js';
import type { LineOrder } from './order.js';
import type { SnapshotRef } from './select.js';
import type { DroppedAddresses, Finding, VerifyConfigPart, VerifyReport } from './types.js';

/**
 * `verify --config`: the file judged under a dhcpd.conf. dhcpd drops a lease
 * whose address lies in no configured range when it reads the file ("lease
 * X: no subnet.", server/mdb.c enter_lease) and so never counts it in
 * `Wrote N leases`; the configuration tells which of the file's leases, and
 * which of the addresses dhcpd logged, that explains.
 */

export type VerifyConfig = LoadedConfig;

/** Findings listed one by one; the rest are counted in one more finding (all are in `config.findings`). */
const listed = 20;

/** Leases of the reference snapshot in no range: dhcpd cannot have written them under this configuration. */
export class SnapshotRangeWatch {
  count = 0;
  readonly leases: Array<{ address: string; line: number }> = [];

  constructor(private readonly plan: AddressPlan) {}

  readonly onDeclaration = (d: Declaration): void => {
    if (d.kind !== 'lease' || d.key === null) return;
    if (addressInRanges(this.plan, d.key) !== null) return;
    this.count++;
    if (this.leases.length < listed) this.leases.push({ address: d.key, line: d.line });
  };
}

export interface LogContext {
  runs: readonly ProcessRun[];
  order: LineOrder;
  reference: SnapshotRef | null;
}

function dropped(
  plan: AddressPlan,
  runs: readonly ProcessRun[],
  keep: (ref: LineRef) => boolean,
): DroppedAddresses | null {
  const addresses = new Set<string>();
  for (const run of runs) {
    for (const c of run.complaints) {
      if (c.event.type === 'no-subnet' && keep(c.ref)) addresses.add(c.event.address);
    }
  }
  if (addresses.size === 0) return null;
  let inRange = 0;
  for (const address of addresses) if (addressInRanges(plan, address) !== null) inRange++;
  return { count: addresses.size, addresses: [...addresses].slice(0, listed), inRange };
}

function where(ref: LineRef): string {
  return ref.time ?? `${ref.source}:${ref.line}`;
}

function findingsOfConfig(file: string, findings: ConfigFinding[]): Finding[] {
  const out: Finding[] = [];
  const byCode = new Map<ConfigFinding['code'], number>();
  for (const f of findings) {
    const seen = (byCode.get(f.code) ?? 0) + 1;
    byCode.set(f.code, seen);
    if (seen > listed) continue;
    const next = f.code === 'no-subnet' ? ' at its next start' : '';
    out.push({
      code: `config-${f.code}`,
      severity: 'error',
      message: `${file}: ${f.message}${next}${f.occurrences > 1 ? ` (named by ${f.occurrences} declarations)` : ''}`,
      fileLine: f.line,
    });
  }
  for (const [code, n] of byCode) {
    if (n > listed) {
      out.push({
        code: `config-${code}`,
        severity: 'error',
        message: `${file}: ${n - listed} more ${code} finding(s), listed under config.findings in --json`,
      });
    }
  }
  return out;
}

/**
 * Adds the `config` part and its findings to a verify report, and rewords
 * dhcpd's "no subnet" complaints that the configuration explains. Call once
 * every other finding is in.
 */
export function applyConfig(
  report: VerifyReport,
  config: VerifyConfig,
  checked: NonNullable<CheckReport['config']>,
  now: string,
  watch: SnapshotRangeWatch | null,
  log: LogContext,
): void {
  const { plan } = config;
  const { order, reference } = log;
  const after = reference === null ? -1 : order.of(reference.group.last);
  const part: VerifyConfigPart = {
    file: config.file,
    findings: checked.findings,
    wrote: checked.wrote,
    now,
    snapshotNoSubnet: { count: watch?.count ?? 0, leases: watch?.leases ?? [] },
    droppedAtReference:
      reference === null
        ? null
        : dropped(plan, [reference.run], (ref) => {
            const at = order.of(ref);
            return at >= 0 && at < order.of(reference.group.first);
          }),
    droppedSince: dropped(plan, log.runs, (ref) => order.of(ref) > after),
  };
  report.config = part;
  const findings = report.findings;
  findings.push(...findingsOfConfig(config.file, checked.findings));

  const ranAt = reference?.run.banner ? ` (read at ${where(reference.run.banner)})` : '';
  const sameFile =
    reference?.run.configFile != null && resolve(reference.run.configFile) === resolve(config.file);
  if (watch && watch.count > 0 && reference) {
    const first = watch.leases[0]!;
    findings.push({
      code: 'config-snapshot-no-subnet',
      severity: 'note',
      message: `${watch.count} lease(s) of the snapshot dhcpd wrote at ${where(reference.group.last)} lie in no range of ${config.file} (first: ${first.address}): dhcpd drops such a lease when it reads the file, so it was running with another configuration${sameFile ? `: ${config.file} changed after dhcpd read it${ranAt}` : ''}; its next start will drop them and write fewer leases than the snapshot holds`,
      fileLine: first.line,
    });
  }

  const at = part.droppedAtReference;
  const logged = reference?.group.counts.leases;
  if (at && reference) {
    findings.push({
      code: 'config-dropped-at-reference',
      severity: 'note',
      message: `the start-up that wrote the reference snapshot dropped ${at.count} lease(s) with "no subnet" before it logged "Wrote ${logged ?? '?'} leases" (first: ${at.addresses[0]}): that count leaves them out, so the file it read held more addresses than it wrote; ${at.inRange === 0 ? `all lie in no range of ${config.file} too` : `${at.inRange} of them lie in a range of ${config.file}: the configuration changed since`}`,
      log: reference.group.first,
    });
  }

  const since = part.droppedSince;
  const complaint = report.complaints.find((c) => c.type === 'no-subnet');
  if (since && complaint) {
    const finding = findings.find((f) => f.code === 'dhcpd-complaint' && f.log === complaint.first);
    if (finding) {
      if (since.inRange === 0) {
        // The configuration explains the drop: the config-no-subnet findings carry the error when the file still holds them.
        finding.severity = 'note';
        finding.message += `; every one of these ${since.count} address(es) lies in no range of ${config.file}: dhcpd dropped them because of its configuration, not because the file lost them`;
      } else {
        finding.message += `; ${since.inRange} of these ${since.count} address(es) lie in a range of ${config.file}: the dhcpd that logged it ran with another configuration`;
      }
    }
  }

  if (
    report.family !== 'v6' &&
    checked.wrote.written + checked.wrote.notWritten + checked.wrote.noSubnet > 0
  ) {
    const w = checked.wrote;
    const total = w.written + w.notWritten + w.noSubnet;
    const versus =
      logged !== undefined && reference
        ? `; the reference logged "Wrote ${logged} leases" at ${where(reference.group.last)}, and leases appended since count now`
        : '';
    findings.push({
      code: 'config-wrote',
      severity: 'note',
      message: `started at ${now} with ${config.file}, dhcpd would log "Wrote ${w.written} leases to leases file.": of the file's ${total} address(es) it would drop ${w.noSubnet} with "no subnet" and keep ${w.notWritten} free one(s) without writing them${versus}`,
    });
  }
}
