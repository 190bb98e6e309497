/**
 * Are the two address plans identical in meaning? Subnets are matched by
 * network, shared networks by name, pools by the addresses their ranges
 * cover (so reordered, re-split or reformatted ranges are the same pool).
 */
import { mergeIntervals } from '../conf/address.js';
import type {
  AddressPlan,
  AddressRange,
  PoolPlan,
  SharedNetworkPlan,
  SubnetPlan,
} from '../conf/types.js';
import type { ParameterComparer } from './parameters.js';
import { declaredInOneFile, side } from './sides.js';
import type { PairFinding } from './types.js';

export function compareNetworks(
  a: AddressPlan,
  b: AddressPlan,
  parameters: ParameterComparer,
): PairFinding[] {
  return [
    ...parameters.compare(
      'global scope',
      a.parameters,
      { file: a.files[0]!, line: 1 },
      b.parameters,
      {
        file: b.files[0]!,
        line: 1,
      },
    ),
    ...compareSharedNetworks(a.sharedNetworks, b.sharedNetworks, parameters),
    ...compareSubnets(a.subnets, b.subnets, parameters),
    ...comparePools(a.pools, b.pools, parameters),
  ];
}

function compareSharedNetworks(
  a: SharedNetworkPlan[],
  b: SharedNetworkPlan[],
  parameters: ParameterComparer,
): PairFinding[] {
  const findings: PairFinding[] = [];
  for (const name of unique([...a, ...b].map((s) => s.name))) {
    const sa = a.find((s) => s.name === name);
    const sb = b.find((s) => s.name === name);
    const label = `shared-network "${name}"`;
    if (!sa || !sb) {
      findings.push(
        declaredInOneFile(
          'shared-network',
          'shared-network-missing',
          label,
          sa,
          sb,
          (s) => `${label} (${s.subnets.join(', ')})`,
        ),
      );
      continue;
    }
    const peerA = sa.failoverPeer?.name ?? null;
    const peerB = sb.failoverPeer?.name ?? null;
    if (peerA !== peerB) {
      findings.push({
        area: 'shared-network',
        code: 'shared-network-failover-peer',
        message: `${label}: the failover peer its pools inherit differs`,
        primary: side(sa.failoverPeer?.at ?? sa.at, peerA ? `failover peer "${peerA}"` : '(none)'),
        secondary: side(
          sb.failoverPeer?.at ?? sb.at,
          peerB ? `failover peer "${peerB}"` : '(none)',
        ),
      });
    }
    findings.push(...parameters.compare(label, sa.parameters, sa.at, sb.parameters, sb.at));
  }
  return findings;
}

function compareSubnets(
  a: SubnetPlan[],
  b: SubnetPlan[],
  parameters: ParameterComparer,
): PairFinding[] {
  const findings: PairFinding[] = [];
  for (const cidr of unique([...a, ...b].map((s) => s.cidr))) {
    const sa = a.find((s) => s.cidr === cidr);
    const sb = b.find((s) => s.cidr === cidr);
    const label = `subnet ${cidr}`;
    if (!sa || !sb) {
      findings.push(declaredInOneFile('subnet', 'subnet-missing', label, sa, sb));
      continue;
    }
    if (sa.sharedNetwork !== sb.sharedNetwork) {
      findings.push({
        area: 'subnet',
        code: 'subnet-shared-network',
        message: `${label} belongs to different shared networks`,
        primary: side(
          sa.at,
          sa.sharedNetwork === null
            ? '(no shared-network)'
            : `shared-network "${sa.sharedNetwork}"`,
        ),
        secondary: side(
          sb.at,
          sb.sharedNetwork === null
            ? '(no shared-network)'
            : `shared-network "${sb.sharedNetwork}"`,
        ),
      });
    }
    findings.push(...parameters.compare(label, sa.parameters, sa.at, sb.parameters, sb.at));
  }
  return findings;
}

/** The meaning of a pool's ranges: merged intervals per kind of range. */
export function poolKey(pool: PoolPlan): string {
  const groups = new Map<string, Array<[bigint, bigint]>>();
  for (const range of pool.ranges) {
    const kind = `${range.kind}/${range.dynamicBootp}/${range.prefixLength ?? ''}`;
    const list = groups.get(kind) ?? [];
    list.push([range.low, range.high]);
    groups.set(kind, list);
  }
  return [...groups.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(
      ([kind, intervals]) =>
        `${kind}:${mergeIntervals(intervals)
          .map(([l, h]) => `${l}-${h}`)
          .join(',')}`,
    )
    .join('|');
}

function rangesText(pool: PoolPlan): string {
  if (pool.ranges.length === 0) return '(no ranges)';
  return sortRanges(pool.ranges)
    .map((r) => r.text)
    .join('; ');
}

function sortRanges(ranges: AddressRange[]): AddressRange[] {
  return [...ranges].sort((x, y) => (x.low < y.low ? -1 : x.low > y.low ? 1 : 0));
}

function overlaps(x: PoolPlan, y: PoolPlan): boolean {
  return x.ranges.some((r) =>
    y.ranges.some((s) => r.family === s.family && r.low <= s.high && s.low <= r.high),
  );
}

function comparePools(a: PoolPlan[], b: PoolPlan[], parameters: ParameterComparer): PairFinding[] {
  const findings: PairFinding[] = [];
  const pairs: Array<[PoolPlan, PoolPlan]> = [];
  const leftA = [...a];
  const leftB = [...b];
  // Exact matches first, then pools in the same container whose ranges overlap.
  for (const matches of [
    (x: PoolPlan, y: PoolPlan) => x.container === y.container && poolKey(x) === poolKey(y),
    (x: PoolPlan, y: PoolPlan) => x.container === y.container && overlaps(x, y),
    (x: PoolPlan, y: PoolPlan) => overlaps(x, y),
  ]) {
    for (const pa of [...leftA]) {
      const index = leftB.findIndex((pb) => matches(pa, pb));
      if (index < 0) continue;
      pairs.push([pa, leftB[index]!]);
      leftB.splice(index, 1);
      leftA.splice(leftA.indexOf(pa), 1);
    }
  }
  for (const pa of leftA) {
    findings.push({
      area: 'pool',
      code: 'pool-missing',
      message: `pool in ${pa.container} is only in the first file`,
      primary: side(pa.at, rangesText(pa)),
      secondary: null,
    });
  }
  for (const pb of leftB) {
    findings.push({
      area: 'pool',
      code: 'pool-missing',
      message: `pool in ${pb.container} is only in the second file`,
      primary: null,
      secondary: side(pb.at, rangesText(pb)),
    });
  }
  for (const [pa, pb] of pairs) {
    const label = `pool in ${pa.container}`;
    if (pa.container !== pb.container) {
      findings.push({
        area: 'pool',
        code: 'pool-container',
        message: `${label}: declared in ${pa.container} in the first file, ${pb.container} in the second`,
        primary: side(pa.at, pa.container),
        secondary: side(pb.at, pb.container),
      });
    }
    if (poolKey(pa) !== poolKey(pb)) {
      findings.push({
        area: 'pool',
        code: 'pool-ranges',
        message: `${label}: the ranges differ`,
        primary: side(sortRanges(pa.ranges)[0]?.at ?? pa.at, rangesText(pa)),
        secondary: side(sortRanges(pb.ranges)[0]?.at ?? pb.at, rangesText(pb)),
      });
    }
    const peerA = pa.failoverPeer?.name ?? null;
    const peerB = pb.failoverPeer?.name ?? null;
    if (peerA !== peerB) {
      findings.push({
        area: 'pool',
        code: 'pool-failover-peer',
        message: `${label}: the failover peer differs`,
        primary: side(
          pa.failoverPeer?.at ?? pa.at,
          peerA ? `failover peer "${peerA}"` : '(no failover peer)',
        ),
        secondary: side(
          pb.failoverPeer?.at ?? pb.at,
          peerB ? `failover peer "${peerB}"` : '(no failover peer)',
        ),
      });
    }
    const permitsA = pa.permits.map((p) => `${p.verb} ${p.what}`).sort();
    const permitsB = pb.permits.map((p) => `${p.verb} ${p.what}`).sort();
    if (permitsA.join('\n') !== permitsB.join('\n')) {
      findings.push({
        area: 'pool',
        code: 'pool-permits',
        message: `${label}: the allow/deny rules differ`,
        primary: side(pa.permits[0]?.at ?? pa.at, permitsA.join('; ') || '(none)'),
        secondary: side(pb.permits[0]?.at ?? pb.at, permitsB.join('; ') || '(none)'),
      });
    }
    findings.push(...parameters.compare(label, pa.parameters, pa.at, pb.parameters, pb.at));
  }
  return findings;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
