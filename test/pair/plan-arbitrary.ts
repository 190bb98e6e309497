// fast-check generators of dhcpd.conf address plans for a failover pair, and
// a renderer that writes a plan as the primary's or the secondary's
// dhcpd.conf in a chosen style (spacing, comments, keyword case, order).
import fc from 'fast-check';

export interface GenRange {
  low: number;
  high: number;
}

export interface GenPool {
  /** Third octet: each pool has its own /24 inside its subnet, so ranges never overlap. */
  block: number;
  ranges: GenRange[];
  permit: 'none' | 'deny unknown-clients' | 'allow known-clients';
  leaseTime: number | null;
}

export interface GenSubnet {
  /** Second octet of 10.N.0.0/16. */
  octet: number;
  pools: GenPool[];
  routers: boolean;
}

export interface GenPeer {
  name: string;
  primaryAddress: string;
  secondaryAddress: string;
  primaryPort: number;
  secondaryPort: number;
  mclt: number;
  split: number;
  maxResponseDelay: number;
  maxUnackedUpdates: number;
  loadBalanceMaxSeconds: number;
}

export interface GenPlan {
  peer: GenPeer;
  subnets: GenSubnet[];
  defaultLeaseTime: number;
}

export interface GenStyle {
  space: string;
  newline: string;
  upper: boolean;
  comments: boolean;
  reverse: boolean;
}

/** Up to three non-overlapping ranges inside one /24, in ascending order. */
const rangesArb: fc.Arbitrary<GenRange[]> = fc
  .uniqueArray(fc.integer({ min: 1, max: 254 }), { minLength: 2, maxLength: 6 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const ranges: GenRange[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2)
      ranges.push({ low: sorted[i]!, high: sorted[i + 1]! });
    return ranges;
  });

const poolArb = (block: number): fc.Arbitrary<GenPool> =>
  fc.record({
    block: fc.constant(block),
    ranges: rangesArb,
    permit: fc.constantFrom(
      'none' as const,
      'deny unknown-clients' as const,
      'allow known-clients' as const,
    ),
    leaseTime: fc.option(fc.integer({ min: 60, max: 86400 }), { nil: null }),
  });

const subnetArb = (octet: number): fc.Arbitrary<GenSubnet> =>
  fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 3 }).chain((blocks) =>
    fc.record({
      octet: fc.constant(octet),
      pools: fc.tuple(...blocks.map((b) => poolArb(b))),
      routers: fc.boolean(),
    }),
  );

const addressArb = fc
  .tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1, max: 254 }))
  .map(([a, b]) => `192.0.${a}.${b}`);

export const planArb: fc.Arbitrary<GenPlan> = fc.record({
  peer: fc.record({
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
    primaryAddress: addressArb,
    secondaryAddress: addressArb,
    primaryPort: fc.integer({ min: 1, max: 65535 }),
    secondaryPort: fc.integer({ min: 1, max: 65535 }),
    mclt: fc.integer({ min: 1, max: 7200 }),
    split: fc.integer({ min: 0, max: 256 }),
    maxResponseDelay: fc.integer({ min: 1, max: 600 }),
    maxUnackedUpdates: fc.integer({ min: 1, max: 100 }),
    loadBalanceMaxSeconds: fc.integer({ min: 1, max: 10 }),
  }),
  subnets: fc
    .uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 3 })
    .chain((octets) => fc.tuple(...octets.map((o) => subnetArb(o)))),
  defaultLeaseTime: fc.integer({ min: 60, max: 86400 }),
});

export const styleArb: fc.Arbitrary<GenStyle> = fc.record({
  space: fc.constantFrom(' ', '  ', '\t', ' \t '),
  newline: fc.constantFrom('\n', '\n\n', ' \n  ', '\r\n'),
  upper: fc.boolean(),
  comments: fc.boolean(),
  reverse: fc.boolean(),
});

/** Writes the plan as one peer's dhcpd.conf in the given style. */
export function renderPlan(plan: GenPlan, role: 'primary' | 'secondary', style: GenStyle): string {
  const { space: s, newline: n } = style;
  const kw = (word: string): string => (style.upper ? word.toUpperCase() : word);
  const comment = (text: string): string => (style.comments ? `${s}# ${text} { ; "${n}` : n);
  const order = <T>(items: T[]): T[] => (style.reverse ? [...items].reverse() : items);
  const p = plan.peer;
  const me =
    role === 'primary' ? [p.primaryAddress, p.primaryPort] : [p.secondaryAddress, p.secondaryPort];
  const them =
    role === 'primary' ? [p.secondaryAddress, p.secondaryPort] : [p.primaryAddress, p.primaryPort];
  const peerStatements = order([
    `${kw(role)};`,
    `${kw('address')}${s}${me[0]};`,
    `${kw('port')}${s}${me[1]};`,
    `${kw('peer')}${s}${kw('address')}${s}${them[0]};`,
    `${kw('peer')}${s}${kw('port')}${s}${them[1]};`,
    `${kw('max-response-delay')}${s}${p.maxResponseDelay};`,
    `${kw('max-unacked-updates')}${s}${p.maxUnackedUpdates};`,
    `${kw('load')}${s}${kw('balance')}${s}${kw('max')}${s}${kw('seconds')}${s}${p.loadBalanceMaxSeconds};`,
    ...(role === 'primary' ? [`${kw('mclt')}${s}${p.mclt};`, `${kw('split')}${s}${p.split};`] : []),
  ]);
  const out: string[] = [];
  out.push(`${kw('default-lease-time')}${s}${plan.defaultLeaseTime};${comment('global')}`);
  out.push(`${kw('omapi-port')}${s}${role === 'primary' ? 7911 : 7912};${n}`);
  out.push(
    `${kw('failover')}${s}${kw('peer')}${s}"${p.name}"${s}{${n}${peerStatements.map((x) => `${s}${x}${n}`).join('')}}${comment('peer')}`,
  );
  for (const subnet of order(plan.subnets)) {
    const pools = order(subnet.pools).map((pool) => {
      const statements = order([
        `${kw('failover')}${s}${kw('peer')}${s}"${p.name}";`,
        ...order(pool.ranges).map(
          (r) =>
            `${kw('range')}${s}10.${subnet.octet}.${pool.block}.${r.low}${s}10.${subnet.octet}.${pool.block}.${r.high};`,
        ),
        ...(pool.permit === 'none' ? [] : [`${pool.permit};`]),
        ...(pool.leaseTime === null ? [] : [`${kw('default-lease-time')}${s}${pool.leaseTime};`]),
      ]);
      return `${kw('pool')}${s}{${n}${statements.map((x) => `${s}${s}${x}${comment('in pool')}`).join('')}}${n}`;
    });
    const body = order([
      ...(subnet.routers
        ? [`${kw('option')}${s}${kw('routers')}${s}10.${subnet.octet}.0.1;${n}`]
        : []),
      ...pools,
    ]);
    out.push(
      `${kw('subnet')}${s}10.${subnet.octet}.0.0${s}${kw('netmask')}${s}255.255.0.0${s}{${comment('subnet')}${body.join('')}}${n}`,
    );
  }
  return out.join('');
}

export type Mutation =
  | { kind: 'range-high'; subnet: number; pool: number; range: number }
  | { kind: 'range-low'; subnet: number; pool: number; range: number }
  | { kind: 'subnet-octet'; subnet: number }
  | {
      kind: 'peer';
      field:
        | 'primaryPort'
        | 'secondaryPort'
        | 'primaryAddress'
        | 'maxResponseDelay'
        | 'maxUnackedUpdates'
        | 'loadBalanceMaxSeconds';
      side: 'primary' | 'secondary';
    };

/** A single change to a range, a subnet or a mirrored failover parameter, applicable to this plan. */
export function mutationArb(plan: GenPlan): fc.Arbitrary<Mutation> {
  const rangeRefs = plan.subnets.flatMap((subnet, si) =>
    subnet.pools.flatMap((pool, pi) =>
      pool.ranges.map((_r, ri) => ({ subnet: si, pool: pi, range: ri })),
    ),
  );
  const usedOctets = new Set(plan.subnets.map((s) => s.octet));
  const arbs: Array<fc.Arbitrary<Mutation>> = [
    fc.constantFrom(...rangeRefs).map((ref) => ({ kind: 'range-high' as const, ...ref })),
    fc.constantFrom(...rangeRefs).map((ref) => ({ kind: 'range-low' as const, ...ref })),
    fc.record({
      kind: fc.constant('peer' as const),
      field: fc.constantFrom(
        'primaryPort' as const,
        'secondaryPort' as const,
        'primaryAddress' as const,
        'maxResponseDelay' as const,
        'maxUnackedUpdates' as const,
        'loadBalanceMaxSeconds' as const,
      ),
      side: fc.constantFrom('primary' as const, 'secondary' as const),
    }),
  ];
  if (usedOctets.size < 256) {
    arbs.push(
      fc
        .integer({ min: 0, max: plan.subnets.length - 1 })
        .map((subnet) => ({ kind: 'subnet-octet' as const, subnet })),
    );
  }
  return fc.oneof(...arbs);
}

/** Applies a mutation to a deep copy of the plan (as seen by one side). */
export function mutate(plan: GenPlan, mutation: Mutation): GenPlan {
  const copy = structuredClone(plan);
  switch (mutation.kind) {
    case 'range-high':
    case 'range-low': {
      const pool = copy.subnets[mutation.subnet]!.pools[mutation.pool]!;
      const range = pool.ranges[mutation.range]!;
      // Shrink the range by one address at that end (it has at least two), never touching its neighbours.
      if (mutation.kind === 'range-high') range.high -= 1;
      else range.low += 1;
      if (range.low > range.high) pool.ranges.splice(mutation.range, 1);
      break;
    }
    case 'subnet-octet': {
      const used = new Set(copy.subnets.map((s) => s.octet));
      let octet = copy.subnets[mutation.subnet]!.octet;
      while (used.has(octet)) octet = (octet + 1) % 256;
      copy.subnets[mutation.subnet]!.octet = octet;
      break;
    }
    case 'peer': {
      const peer = copy.peer;
      if (mutation.field === 'primaryAddress') {
        peer.primaryAddress = peer.primaryAddress === '192.0.2.99' ? '192.0.2.98' : '192.0.2.99';
      } else {
        const value = peer[mutation.field];
        peer[mutation.field] = value > 1 ? value - 1 : value + 1;
      }
      break;
    }
  }
  return copy;
}
