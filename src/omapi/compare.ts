/**
 * Does the running dhcpd hold what its lease file says? For each address,
 * the file's last complete `lease` declaration (the one that takes effect
 * once a damaged tail is removed) is compared with dhcpd's lease object:
 * binding state, hardware address, `ends`. The classic catch: a last lease
 * cut after `binding state active;` that dhcpd loaded without its hardware
 * address (server/confpars.c parse_lease_declaration keeps partial leases).
 * With the config's ranges, every other address is looked up too: a lease
 * dhcpd holds and the file lacks is a difference. What dhcpd holds and by
 * design never wrote (an offer never acknowledged, see unwritten.ts) is a
 * note, not a difference.
 */
import type { AddressPlan } from '../conf/index.js';
import type { Declaration } from '../model/types.js';
import { LeasecheckError, describeIoError } from '../errors.js';
import { scanLeaseFile } from '../scan/index.js';
import { getLease, withOmapi } from './objects.js';
import type {
  CompareReport,
  LeaseDifference,
  OmapiConnectOptions,
  OmapiLease,
  UnwrittenNote,
} from './types.js';
import { isNeverWrittenFree, isUnacknowledgedOffer } from './unwritten.js';
import { decodeTime } from './values.js';

export interface CompareOptions extends OmapiConnectOptions {
  /** Compare only the N addresses whose last declaration comes latest in the file. */
  sample?: number;
  /** The clock for "expired on schedule" (default: now). */
  now?: Date;
  /**
   * Every address dhcpd holds a lease object for (the ranges of its
   * dhcpd.conf): those the file does not name are looked up too, so that a
   * lease dhcpd holds and the file lacks is found. Without it the report is
   * not complete.
   */
  rangeAddresses?: Iterable<string>;
}

/** More addresses than this in the ranges is refused: one OMAPI round trip each. */
export const MAX_RANGE_ADDRESSES = 1 << 18;

/**
 * Every IPv4 address of the plan's `range` statements: dhcpd makes a lease
 * object for each (server/mdb.c new_address_range), and no other address
 * can hold a dynamic lease.
 */
export function rangeAddressesOf(plan: AddressPlan): string[] {
  const addresses = new Set<string>();
  for (const pool of plan.pools) {
    for (const range of pool.ranges) {
      if (range.family !== 4 || range.kind !== 'range') continue;
      if (Number(range.high - range.low) + 1 + addresses.size > MAX_RANGE_ADDRESSES) {
        throw new LeasecheckError(
          `the config's ranges hold more than ${MAX_RANGE_ADDRESSES} addresses: too many to look up one by one over OMAPI`,
          16,
        );
      }
      for (let a = range.low; a <= range.high; a++) {
        const n = Number(a);
        addresses.add(`${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`);
      }
    }
  }
  return [...addresses];
}

/** The last declaration per address, ordered by where that declaration sits in the file. */
export function lastLeasePerAddress(declarations: Iterable<Declaration>): Declaration[] {
  const last = new Map<string, Declaration>();
  for (const declaration of declarations) {
    if (declaration.kind !== 'lease' || declaration.key === null) continue;
    last.delete(declaration.key);
    last.set(declaration.key, declaration);
  }
  return [...last.values()].sort((a, b) => a.offset - b.offset);
}

/** `ethernet 0:1:2:3:4:5` (as written in the file) → `00:01:02:03:04:05`. */
export function normaliseHardware(hardware: string | null): string | null {
  if (hardware === null) return null;
  const address = hardware.trim().split(/\s+/).pop() ?? '';
  return address
    .split(':')
    .map((octet) => octet.toLowerCase().padStart(2, '0'))
    .join(':');
}

function fileEnds(ends: number | null): string | null {
  if (ends === null) return null;
  if (ends === Infinity) return 'never';
  return decodeTime(ends);
}

/** What one address of the file shows: its differences, or the offer dhcpd holds uncommitted. */
export interface AddressJudgement {
  differences: LeaseDifference[];
  unwritten: UnwrittenNote | null;
}

function offerNote(address: string, lease: OmapiLease, line: number | null): UnwrittenNote {
  return {
    address,
    kind: 'unacknowledged-offer',
    state: lease.state,
    hardware: typeof lease['hardware-address'] === 'string' ? lease['hardware-address'] : null,
    offeredAt: lease.cltt,
    ends: lease.ends,
    line,
  };
}

/**
 * One address of the file against dhcpd's lease object. Hardware and ends
 * that differ only because dhcpd made an offer it never committed (see
 * unwritten.ts) are a note, not a difference.
 */
export function judgeLease(
  declaration: Declaration,
  lease: OmapiLease | null,
  now: Date,
): AddressJudgement {
  const differences = compareLease(declaration, lease, now);
  if (
    lease !== null &&
    differences.length > 0 &&
    differences.every((d) => d.field === 'hardware' || d.field === 'ends') &&
    isUnacknowledgedOffer(declaration, lease)
  ) {
    return {
      differences: [],
      unwritten: offerNote(declaration.key ?? '?', lease, declaration.line),
    };
  }
  return { differences, unwritten: null };
}

/**
 * An address of dhcpd's ranges that the file does not name: nothing to say
 * when dhcpd holds a free lease it had no reason to write, a note for an
 * offer it never committed, otherwise a lease missing from the file.
 */
export function judgeUnlisted(address: string, lease: OmapiLease | null): AddressJudgement {
  if (lease === null || isNeverWrittenFree(lease)) return { differences: [], unwritten: null };
  if (isUnacknowledgedOffer(null, lease)) {
    return { differences: [], unwritten: offerNote(address, lease, null) };
  }
  const hardware = typeof lease['hardware-address'] === 'string' ? lease['hardware-address'] : null;
  return {
    differences: [
      {
        address,
        field: 'presence',
        file: null,
        server: lease.state,
        line: null,
        serverHardware: hardware,
        serverEnds: lease.ends,
      },
    ],
    unwritten: null,
  };
}

/** The differences between one address's file declaration and dhcpd's lease object. */
export function compareLease(
  declaration: Declaration,
  lease: OmapiLease | null,
  now: Date,
): LeaseDifference[] {
  const address = declaration.key ?? '?';
  const line = declaration.line;
  if (lease === null) {
    return [
      {
        address,
        field: 'presence',
        file: declaration.bindingState ?? 'present',
        server: null,
        line,
      },
    ];
  }
  const differences: LeaseDifference[] = [];
  const serverState = typeof lease.state === 'string' ? lease.state : String(lease.state);
  if (declaration.bindingState !== null && declaration.bindingState !== serverState) {
    // dhcpd expires an active lease whose `ends` passed (mdb.c pool_timer): that is on schedule.
    const expiredOnSchedule =
      declaration.bindingState === 'active' &&
      declaration.ends !== null &&
      declaration.ends * 1000 <= now.getTime() &&
      (serverState === 'free' || serverState === 'expired');
    if (!expiredOnSchedule) {
      differences.push({
        address,
        field: 'binding-state',
        file: declaration.bindingState,
        server: serverState,
        line,
      });
    }
  }
  const fileHardware = normaliseHardware(declaration.hardware);
  const serverHardware =
    typeof lease['hardware-address'] === 'string' ? lease['hardware-address'] : null;
  if (fileHardware !== serverHardware) {
    differences.push({
      address,
      field: 'hardware',
      file: fileHardware,
      server: serverHardware,
      line,
    });
  }
  const fileEnd = fileEnds(declaration.ends);
  const serverEnd = typeof lease.ends === 'string' ? lease.ends : null;
  if (fileEnd !== serverEnd) {
    differences.push({ address, field: 'ends', file: fileEnd, server: serverEnd, line });
  }
  return differences;
}

/** Compares already-scanned declarations with the server reached through `options`. */
export async function compareDeclarations(
  file: string,
  declarations: Iterable<Declaration>,
  options: CompareOptions,
): Promise<CompareReport> {
  const all = lastLeasePerAddress(declarations);
  const chosen =
    options.sample !== undefined && options.sample < all.length
      ? all.slice(all.length - options.sample)
      : all;
  const now = options.now ?? new Date();
  const named = new Set(all.map((declaration) => declaration.key!));
  const unlisted =
    options.rangeAddresses === undefined
      ? null
      : [...new Set(options.rangeAddresses)].filter((address) => !named.has(address));
  const differences: LeaseDifference[] = [];
  const unwritten: UnwrittenNote[] = [];
  const keep = (judgement: AddressJudgement): void => {
    differences.push(...judgement.differences);
    if (judgement.unwritten) unwritten.push(judgement.unwritten);
  };
  // One lookup at a time: the connection never pipelines (see OmapiConnection.send).
  await withOmapi(options, async (connection) => {
    for (const declaration of chosen) {
      keep(judgeLease(declaration, await getLease(connection, declaration.key!), now));
    }
    for (const address of unlisted ?? []) {
      keep(judgeUnlisted(address, await getLease(connection, address)));
    }
  });
  return {
    file,
    server: `${options.host}:${options.port}`,
    compared: chosen.length,
    addresses: all.length,
    unlisted: unlisted === null ? null : unlisted.length,
    complete: unlisted !== null,
    agree: differences.length === 0,
    differences,
    unwritten,
  };
}

/**
 * Scans the lease file with the streaming scanner and compares it with the
 * server. The scanner reports whole declarations only (a damaged one goes to
 * onFailure), so a truncated last lease is not among them: its address is
 * compared through its previous complete declaration, which is what the
 * file says once repaired.
 */
export async function compareLeaseFile(
  path: string,
  options: CompareOptions,
): Promise<CompareReport> {
  // Only the last declaration per address matters: memory grows with addresses, not history.
  const last = new Map<string, Declaration>();
  try {
    scanLeaseFile(path, {
      onDeclaration(declaration) {
        if (declaration.kind === 'lease' && declaration.key !== null) {
          last.set(declaration.key, declaration);
        }
      },
    });
  } catch (error) {
    throw error instanceof LeasecheckError ? error : describeIoError(error, path);
  }
  return compareDeclarations(path, last.values(), options);
}
