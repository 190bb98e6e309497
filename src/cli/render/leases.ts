import type { LeaseProblem, LeaseRecord } from '../../leases/types.js';
import { csvLine } from './csv.js';
import { textTable } from './table.js';

/** `leasecheck leases` for people: one row a lease. */
export function renderLeasesText(leases: LeaseRecord[], columns = Infinity): string {
  if (leases.length === 0) return 'no leases\n';
  return textTable(
    ['address', 'state', 'starts', 'ends', 'hardware', 'client-hostname', 'line'],
    leases.map((l) => [
      l.address + (l.partial ? ' (partial)' : ''),
      (l.state ?? '-') + (l.stateMadeUp ? '*' : ''),
      l.starts ?? '-',
      l.ends ?? '-',
      l.hardware ? l.hardware.address : l.ia?.duid ? `duid ${l.ia.duid}` : '-',
      l.clientHostname ?? '-',
      l.line,
    ]),
    columns,
  );
}

const csvColumns = [
  'address',
  'kind',
  'state',
  'state_made_up',
  'next_state',
  'startup_state',
  'starts',
  'ends',
  'cltt',
  'tstp',
  'tsfp',
  'atsfp',
  'hardware_type',
  'hardware',
  'uid',
  'uid_hex',
  'client_hostname',
  'iaid',
  'duid',
  'preferred_life',
  'max_life',
  'line',
  'partial',
] as const;

export function renderLeasesCsv(leases: LeaseRecord[]): string {
  return (
    csvLine([...csvColumns]) +
    leases
      .map((l) =>
        csvLine([
          l.address,
          l.kind,
          l.state,
          l.stateMadeUp,
          l.nextState,
          l.startupState,
          l.starts,
          l.ends,
          l.cltt,
          l.tstp,
          l.tsfp,
          l.atsfp,
          l.hardware?.type,
          l.hardware?.address,
          l.uid?.text,
          l.uid?.hex,
          l.clientHostname,
          l.ia?.iaid,
          l.ia?.duid,
          l.preferredLife,
          l.maxLife,
          l.line,
          l.partial ?? false,
        ]),
      )
      .join('')
  );
}

/** One line for stderr per problem of the file. */
export function renderLeaseProblems(file: string, problems: LeaseProblem[]): string {
  return problems.map((p) => `leasecheck: ${file}:${p.line}:${p.column}: ${p.message}\n`).join('');
}
