/**
 * Subnets and address ranges checked as dhcpd checks them while it parses
 * (server/confpars.c parse_subnet_declaration, parse_address_range,
 * parse_address_range6, parse_prefix6; server/mdb.c new_address_range).
 * Each returns the plan part, or undefined after reporting why dhcpd would
 * refuse it.
 */
import type {
  Prefix6Statement,
  Range6Statement,
  RangeStatement,
  SubnetStatement,
  Subnet6Statement,
} from './ast.js';
import { formatAddress, maskPrefixLength, parseIpv4, parseIpv6, prefixMask } from './address.js';
import type { Report, Scope } from './plan-scope.js';
import type { AddressRange, SourceRef, SubnetPlan } from './types.js';

/** A `subnet` or `subnet6` declaration's plan (without its body). */
export function subnetPlan(
  statement: SubnetStatement | Subnet6Statement,
  at: SourceRef,
  report: Report,
): SubnetPlan | undefined {
  let plan: SubnetPlan;
  if (statement.kind === 'subnet') {
    const network = parseIpv4(statement.network);
    const mask = parseIpv4(statement.netmask);
    if (network === null || mask === null) {
      return void report(
        at,
        `subnet ${statement.network} netmask ${statement.netmask}: not an IPv4 address`,
      );
    }
    if ((network & ~mask & 0xffffffffn) !== 0n) {
      return void report(
        at,
        `subnet ${statement.network} netmask ${statement.netmask}: bad subnet number/mask combination`,
      );
    }
    const prefixLength = maskPrefixLength(mask, 32);
    plan = {
      family: 4,
      network,
      mask,
      prefixLength,
      cidr:
        prefixLength === null
          ? `${formatAddress(4, network)} netmask ${formatAddress(4, mask)}`
          : `${formatAddress(4, network)}/${prefixLength}`,
      sharedNetwork: null,
      parameters: [],
      at,
    };
  } else {
    const network = parseIpv6(statement.network);
    if (network === null)
      return void report(at, `subnet6 ${statement.network}: invalid IPv6 address`);
    if (statement.prefixLength > 128) {
      return void report(at, 'expecting a number between 0 and 128');
    }
    const mask = prefixMask(128, statement.prefixLength);
    if ((network & ~mask) !== 0n) {
      return void report(
        at,
        `subnet ${formatAddress(6, network)}/${statement.prefixLength}: prefix not long enough for address`,
      );
    }
    plan = {
      family: 6,
      network,
      mask,
      prefixLength: statement.prefixLength,
      cidr: `${formatAddress(6, network)}/${statement.prefixLength}`,
      sharedNetwork: null,
      parameters: [],
      at,
    };
  }
  return plan;
}

/** A v4 `range`'s first and last address, which must lie on the enclosing subnet (or one of the shared network's). */
export function v4RangeBounds(
  statement: RangeStatement,
  scope: Scope,
  at: SourceRef,
  report: Report,
): { low: bigint; high: bigint } | undefined {
  const low = parseIpv4(statement.low);
  const high = statement.high === null ? low : parseIpv4(statement.high);
  if (low === null || high === null) return void report(at, 'range: not an IPv4 address');
  const subnet =
    scope.subnet ??
    scope.shared?.subnets.find((s) => s.family === 4 && (low & s.mask) === s.network) ??
    null;
  if (!subnet) {
    return void report(at, `address range not on network ${scope.shared?.plan.name ?? ''}`.trim());
  }
  if ((low & subnet.mask) !== subnet.network || (high & subnet.mask) !== subnet.network) {
    return void report(
      at,
      `address range ${formatAddress(4, low)} to ${formatAddress(4, high)} not on net ${subnet.cidr}`,
    );
  }
  return { low, high };
}

/** The range entry of a v4 `range` whose bounds were checked. */
export function v4Range(
  statement: RangeStatement,
  low: bigint,
  high: bigint,
  at: SourceRef,
): AddressRange {
  const [a, b] = low <= high ? [low, high] : [high, low];
  return {
    family: 4,
    kind: 'range',
    low: a,
    high: b,
    prefixLength: null,
    dynamicBootp: statement.dynamicBootp,
    text: `${statement.dynamicBootp ? 'dynamic-bootp ' : ''}${formatAddress(4, a)} - ${formatAddress(4, b)}`,
    at,
  };
}

/** A `range6` or `prefix6` inside `subnet`. */
export function v6Range(
  statement: Range6Statement | Prefix6Statement,
  subnet: SubnetPlan,
  at: SourceRef,
  report: Report,
): AddressRange | undefined {
  const low = parseIpv6(statement.low);
  if (low === null)
    return void report(at, `${statement.kind}: invalid IPv6 address ${statement.low}`);
  const inSubnet = (address: bigint): boolean => (address & subnet.mask) === subnet.network;
  let range: AddressRange;
  if (statement.kind === 'prefix6') {
    // parse_prefix6: delegated prefixes need not lie in the subnet (its checks are #if 0).
    const high = parseIpv6(statement.high);
    if (high === null) return void report(at, `prefix6: invalid IPv6 address ${statement.high}`);
    if (statement.bits <= 0 || statement.bits >= 128) {
      return void report(at, 'networks have 0 to 128 bits (exclusive)');
    }
    const hostBits = ~prefixMask(128, statement.bits) & ((1n << 128n) - 1n);
    if ((low & hostBits) !== 0n || (high & hostBits) !== 0n) {
      return void report(at, 'network mask too short');
    }
    range = {
      family: 6,
      kind: 'prefix6',
      low,
      // The last address of the last prefix, so that adjacent prefix6 ranges merge.
      high: high | hostBits,
      prefixLength: statement.bits,
      dynamicBootp: false,
      text: `prefix6 ${formatAddress(6, low)} - ${formatAddress(6, high)} /${statement.bits}`,
      at,
    };
  } else if (!inSubnet(low)) {
    return void report(at, 'range6 start address is outside the subnet');
  } else if (statement.end.kind === 'high') {
    const high = parseIpv6(statement.end.address);
    if (high === null)
      return void report(at, `range6: invalid IPv6 address ${statement.end.address}`);
    if (!inSubnet(high)) return void report(at, 'range6 end address is outside the subnet');
    range = {
      family: 6,
      kind: 'range6',
      low,
      high,
      prefixLength: null,
      dynamicBootp: false,
      text: `${formatAddress(6, low)} - ${formatAddress(6, high)}`,
      at,
    };
  } else {
    const bits = statement.end.kind === 'cidr' ? statement.end.bits : 64;
    const temporary = statement.end.kind === 'temporary' || statement.end.temporary;
    if (bits > 128) return void report(at, 'networks have 0 to 128 bits');
    if (
      statement.end.kind === 'cidr' &&
      subnet.prefixLength !== null &&
      bits < subnet.prefixLength
    ) {
      return void report(at, 'network mask smaller than subnet mask');
    }
    const mask = prefixMask(128, bits);
    if ((low & ~mask) !== 0n) return void report(at, 'network mask too short');
    if (temporary && statement.end.kind === 'cidr' && (bits < 64 || bits === 128)) {
      return void report(at, bits < 64 ? 'temporary mask too short' : 'temporary singleton?');
    }
    const network = low & mask;
    range = {
      family: 6,
      kind: temporary ? 'temporary' : 'range6',
      low: network,
      high: network | (~mask & ((1n << 128n) - 1n)),
      prefixLength: null,
      dynamicBootp: false,
      text: `${formatAddress(6, network)}/${bits}${temporary ? ' temporary' : ''}`,
      at,
    };
  }
  return range;
}

/** A v4 range and its place in declaration order. */
interface Ordered {
  range: AddressRange;
  order: number;
}

/** Sorts v4 addresses: their difference is below 2^32, exact as a number. */
const byAddress = (a: bigint, b: bigint): number => Number(a - b);

/**
 * new_address_range: an address in two v4 ranges is "declared twice". dhcpd
 * enters the ranges in declaration order (`ranges` is in that order), makes a
 * lease for each address, and warns at a later range's line for each address
 * whose lease already exists; the earlier lease stays in its address table.
 * A range is reported once, at the first address dhcpd warns about (the first
 * line it prints for that range), naming the range whose lease dhcpd kept for
 * that address: the first declared of those that hold it.
 */
export function reportOverlaps(ranges: readonly AddressRange[], report: Report): void {
  // In declaration order: the first address of each range that earlier ranges cover.
  // `covered` is their union, as disjoint runs sorted by address.
  const covered: Array<{ low: bigint; high: bigint }> = [];
  const found: Array<Ordered & { address: bigint }> = [];
  ranges.forEach((range, order) => {
    // The first run that ends at or after the range's low end (binary search).
    let first = 0;
    let after = covered.length;
    while (first < after) {
      const mid = (first + after) >> 1;
      if (covered[mid]!.high < range.low) first = mid + 1;
      else after = mid;
    }
    let end = first;
    while (end < covered.length && covered[end]!.low <= range.high) end++;
    if (end === first) {
      covered.splice(first, 0, { low: range.low, high: range.high });
      return;
    }
    const { low } = covered[first]!;
    const { high } = covered[end - 1]!;
    found.push({ range, order, address: low > range.low ? low : range.low });
    covered.splice(first, end - first, {
      low: low < range.low ? low : range.low,
      high: high > range.high ? high : range.high,
    });
  });

  // The range dhcpd kept each found address from: the first declared of all that hold
  // it (one declared before the reported range does). Addresses in ascending order,
  // against the ranges by low end, with the ranges that start at or below the address
  // in a heap by declaration order; those ending below it are done with.
  const byLow = ranges
    .map((range, order) => ({ range, order }))
    .sort((a, b) => byAddress(a.range.low, b.range.low));
  const holder = new Map<number, AddressRange>();
  const heap: Ordered[] = [];
  let next = 0;
  for (const f of [...found].sort((a, b) => byAddress(a.address, b.address))) {
    while (next < byLow.length && byLow[next]!.range.low <= f.address) {
      heapPush(heap, byLow[next]!);
      next++;
    }
    while (heap[0]!.range.high < f.address) heapPop(heap);
    holder.set(f.order, heap[0]!.range);
  }
  for (const { range, order, address } of found) {
    const at = holder.get(order)!.at;
    report(
      range.at,
      `lease ${formatAddress(4, address)} is declared twice (also in the range at ${at.file}:${at.line})`,
    );
  }
}

/** A binary min-heap of ranges by declaration order. */
function heapPush(heap: Ordered[], item: Ordered): void {
  let i = heap.push(item) - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]!.order < item.order) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = item;
}

function heapPop(heap: Ordered[]): void {
  const last = heap.pop()!;
  if (heap.length === 0) return;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child = right < heap.length && heap[right]!.order < heap[left]!.order ? right : left;
    if (last.order < heap[child]!.order) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
}
