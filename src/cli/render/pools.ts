import type { PoolsAlarm } from '../../pools/alarm.js';
import type { PoolsReport, Usage } from '../../pools/types.js';
import { metric } from '../../monitor/prometheus.js';
import { csvLine } from './csv.js';
import { textTable } from './table.js';

const pct = (n: number): string => n.toFixed(3);

/** dhcpd-pools' six usage columns, the same in every format: max, cur, percent, touch, t+c, t+c perc. */
function usedAndTouched(u: Usage): Array<string | number> {
  return [
    u.defined,
    u.used,
    pct(u.percent),
    u.touched,
    u.touched + u.used,
    pct(u.touchedUsedPercent),
  ];
}

function usageCells(u: Usage, report: PoolsReport): Array<string | number> {
  return [
    ...usedAndTouched(u),
    ...(report.failover ? [u.backup, pct(u.backupPercent)] : []),
    ...(report.now !== null ? [u.expiring ?? 0] : []),
  ];
}

function usageHeader(report: PoolsReport): string[] {
  return [
    'max',
    'cur',
    'percent',
    'touch',
    't+c',
    't+c perc',
    ...(report.failover ? ['bu', 'bu perc'] : []),
    ...(report.now !== null ? ['expiring'] : []),
  ];
}

/**
 * The three tables dhcpd-pools prints (ranges, shared networks, sum), one
 * column narrower; each fits `columns` (see textTable).
 */
export function renderPoolsText(report: PoolsReport, columns = Infinity): string {
  const table = (header: string[], rows: Array<Array<string | number>>): string =>
    textTable(header, rows, columns);
  const out: string[] = [];
  out.push('Ranges:');
  out.push(
    table(
      ['shared net name', 'range', ...usageHeader(report)],
      report.subnets.map((r) => [r.location, r.range, ...usageCells(r, report)]),
    ),
  );
  out.push('Shared networks:');
  out.push(
    table(
      ['name', ...usageHeader(report)],
      report['shared-networks'].map((s) => [s.location, ...usageCells(s, report)]),
    ),
  );
  out.push('Sum of all ranges:');
  out.push(
    table(
      ['name', ...usageHeader(report)],
      [[report.summary.location, ...usageCells(report.summary, report)]],
    ),
  );
  if (report.balance.length > 0) {
    out.push('Failover balancing (as dhcpd computes it from these leases):');
    out.push(
      table(
        [
          'pool',
          'peer',
          'role',
          'total',
          'free',
          'backup',
          'lts',
          'max-own',
          'max-misbal',
          'outcome',
        ],
        report.balance.map((b) => [
          b.pool,
          b.failoverPeer,
          b.role,
          b.total,
          b.free,
          b.backup,
          b.lts,
          `(+/-)${b.maxOwn}`,
          b.maxMisbalance,
          b.outcome === 'gives'
            ? 'gives leases to the peer'
            : b.outcome === 'needs'
              ? 'needs leases: asks the peer to rebalance'
              : 'balanced',
        ]),
      ),
    );
  }
  if (report.now !== null)
    out.push(`expiring: used, but ended by ${report.now}: dhcpd frees them at start-up.\n`);
  if (report.fixedAddresses.count > 0) {
    out.push(
      `Fixed addresses (host declarations, in no pool): ${report.fixedAddresses.count}` +
        (report.fixedAddresses.inRanges.length > 0
          ? `; inside a dynamic range: ${report.fixedAddresses.inRanges.join(', ')}`
          : '') +
        '\n',
    );
  }
  return out.join('\n').replace(/\n\n+$/, '\n');
}

export function renderPoolsCsv(report: PoolsReport): string {
  const header = [
    'type',
    'location',
    'first',
    'last',
    'defined',
    'used',
    'percent',
    'touched',
    'touched_used',
    'touched_used_percent',
    'free',
    'backup',
    'backup_percent',
    ...(report.now !== null ? ['expiring'] : []),
  ];
  const row = (type: string, location: string, first: string, last: string, u: Usage) =>
    csvLine([
      type,
      location,
      first,
      last,
      ...usedAndTouched(u),
      u.free,
      u.backup,
      pct(u.backupPercent),
      ...(report.now !== null ? [u.expiring ?? 0] : []),
    ]);
  return (
    csvLine(header) +
    report.subnets.map((r) => row('range', r.location, r.first, r.last, r)).join('') +
    report['shared-networks'].map((s) => row('shared-network', s.location, '', '', s)).join('') +
    row('summary', report.summary.location, '', '', report.summary)
  );
}

/** A perfdata label: quoted when it holds anything but letters, digits, `_` and `.`; `'` and `=` dropped. */
function label(name: string): string {
  const clean = name.replace(/['=]/g, '_');
  return /^[A-Za-z0-9_.]+$/.test(clean) ? clean : `'${clean}'`;
}

function threshold(
  defined: number,
  range: { low: number; high: number; inside: boolean } | undefined,
): string {
  // Absolute counts only for the plain "alert above N percent" form.
  if (!range || range.inside || range.low !== 0 || !Number.isFinite(range.high)) return '';
  return String(Math.floor((defined * range.high) / 100));
}

/** `LEASECHECK POOLS OK|WARNING|CRITICAL - …` with perfdata per shared network. */
export function renderPoolsNagios(
  report: PoolsReport,
  alarm: PoolsAlarm,
  thresholds: {
    warning?: { low: number; high: number; inside: boolean };
    critical?: { low: number; high: number; inside: boolean };
  },
): string {
  const bad = alarm.items.filter((i) => i.level !== 'OK');
  const counts = (['CRITICAL', 'WARNING', 'OK'] as const)
    .map((l) => `${alarm.items.filter((i) => i.level === l).length} ${l.toLowerCase()}`)
    .join(', ');
  const details = bad
    .map(
      (i) =>
        `${i.what === 'range' ? 'range' : 'shared network'} ${i.name} ${i.level === 'CRITICAL' ? 'critical' : 'warning'}: ${pct(i.usage.percent)}% used, ${i.usage.free} free`,
    )
    .join('; ');
  const problems =
    report.problems.length > 0
      ? `; the lease file has ${report.problems.length} problem(s), first at line ${report.problems[0]!.line}: run leasecheck check`
      : '';
  const message = `${counts}${details ? `: ${details}` : ''}${problems}`.replace(/[|\n]/g, ' ');
  const perf = [...report['shared-networks'], report.summary]
    .map((s) => {
      const name = s.location;
      const parts = [
        `${label(name)}=${s.used};${threshold(s.defined, thresholds.warning)};${threshold(s.defined, thresholds.critical)};0;${s.defined}`,
        `${label(`${name} touched`)}=${s.touched};;;0;${s.defined}`,
      ];
      if (report.failover) parts.push(`${label(`${name} backup`)}=${s.backup};;;0;${s.defined}`);
      return parts.join(' ');
    })
    .join(' ');
  return `LEASECHECK POOLS ${alarm.status} - ${message} | ${perf}\n`;
}

/** Metrics for node_exporter's textfile collector: one series per range and state. */
export function renderPoolsPrometheus(report: PoolsReport, checkedAt: Date): string {
  const ranges = report.subnets.map((r) => ({
    shared_network: r.sharedNetwork ?? '',
    range: r.range,
    usage: r,
  }));
  const states: Array<'used' | 'touched' | 'free' | 'backup' | 'expiring'> = [
    'used',
    'touched',
    'free',
    'backup',
    ...(report.now !== null ? (['expiring'] as const) : []),
  ];
  return [
    metric(
      'leasecheck_pool_addresses',
      'Addresses of a range by state of their last lease declaration (used: active; touched: free, expired, released, abandoned or reset; free: size - used; backup: the failover partner may allocate them).',
      ranges.flatMap((r) =>
        states.map((state): [Record<string, string>, number] => [
          { shared_network: r.shared_network, range: r.range, state },
          r.usage[state] ?? 0,
        ]),
      ),
    ),
    metric(
      'leasecheck_pool_size',
      'Addresses a range defines (prefix6: prefixes).',
      ranges.map((r) => [{ shared_network: r.shared_network, range: r.range }, r.usage.defined]),
    ),
    metric(
      'leasecheck_pool_lease_file_problems',
      'Problems found in the lease file (counts are what dhcpd loads).',
      [[{ file: report.file }, report.problems.length]],
    ),
    metric('leasecheck_pool_last_check_timestamp_seconds', 'When the count ran, in Unix seconds.', [
      [{ file: report.file }, checkedAt.getTime() / 1000],
    ]),
  ].join('');
}
