import fc from 'fast-check';
import type { IaAddressRecord, IaBindingState, IaRecord } from '../types.js';
import type { ResolvedOptions } from '../options.js';
import { bytes, duid, timeOrNever } from './primitives.js';
import { formatIpv6 } from './ipv6.js';
import { bindings, onHandlers } from './statements.js';

export type IaKind = IaRecord['kind'];

/**
 * Addresses inside the ranges writeConfig declares for subnet `s`:
 * ia-na `fd00:s::100`-`1ff`, ia-ta `fd01:s::X`, ia-pd prefixes
 * `fd00:s:0:100::/64`-`fd00:s:0:1ff::/64`.
 */
export function iaAddress(kind: IaKind, subnet: number, index: number): string {
  const n = 0x100 + (index % 0x100);
  if (kind === 'ia-na') return formatIpv6([0xfd00, subnet, 0, 0, 0, 0, 0, n]);
  if (kind === 'ia-ta') return formatIpv6([0xfd01, subnet, 0, 0, 0, 0, 0, n]);
  return formatIpv6([0xfd00, subnet, 0, n, 0, 0, 0, 0]);
}

/** parse_ia_na_declaration and friends accept these five states. */
const iaStates: IaBindingState[] = ['active', 'free', 'expired', 'released', 'abandoned'];

export function iaAddressRecord(
  options: ResolvedOptions,
  kind: IaKind,
  address: fc.Arbitrary<string>,
): fc.Arbitrary<IaAddressRecord> {
  return fc
    .record({
      address,
      prefixLength: fc.constant(kind === 'ia-pd' ? 64 : null),
      bindingState: fc.constantFrom(...iaStates),
      preferredLife: fc.integer({ min: 0, max: 86_400 }),
      extraLife: fc.integer({ min: 0, max: 86_400 }),
      ends: timeOrNever(options),
      bindings: bindings({ ...options, legacy: false }),
      on: onHandlers(),
    })
    .map(({ extraLife, ...a }): IaAddressRecord => ({
      ...a,
      maxLife: a.preferredLife + extraLife,
    }));
}

/** An IAID and DUID: 4 bytes then the client's DUID. */
export function iaidDuid(): fc.Arbitrary<number[]> {
  return fc.tuple(bytes(4, 4), duid()).map(([iaid, d]) => [...iaid, ...d]);
}

/** One IA as write_ia prints it, its addresses drawn from `address`. */
export function iaRecord(
  options: ResolvedOptions,
  kind: IaKind,
  id: fc.Arbitrary<number[]>,
  address: fc.Arbitrary<string>,
): fc.Arbitrary<IaRecord> {
  return fc.record({
    kind: fc.constant(kind),
    iaidDuid: id,
    cltt: fc.option(
      timeOrNever(options).filter((t) => t !== 'never'),
      { nil: null, freq: 4 },
    ),
    addresses: fc.uniqueArray(iaAddressRecord(options, kind, address), {
      minLength: 1,
      maxLength: 3,
      selector: (a) => a.address,
    }),
  });
}
