/**
 * Does the running dhcpd hold what its lease file says? For each address,
 * the file's last complete `lease` declaration (the one that takes effect
 * once a damaged tail is removed) is compared with dhcpd's lease object:
 * binding state, hardware address, `ends`. The classic catch: a last lease
 * cut after `binding state active;` that dhcpd loaded without its hardware
 * address (server/confpars.c parse_lease_declaration keeps partial leases).
 */
import type { Declaration } from '../model/types.js';
import { LeasecheckError, describeIoError } from '../errors.js';
import { scanLeaseFile } from '../scan/index.js';
import { getLease, withOmapi } from './objects.js';
import type { CompareReport, LeaseDifference, OmapiConnectOptions, OmapiLease } from './types.js';
import { decodeTime } from './values.js';

export interface CompareOptions extends OmapiConnectOptions {
  /** Compare only the N addresses whose last declaration comes latest in the file. */
  sample?: number;
  /** The clock for "expired on schedule" (default: now). */
  now?: Date;
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
  const differences: LeaseDifference[] = [];
  // One lookup at a time: the connection never pipelines (see OmapiConnection.send).
  await withOmapi(options, async (connection) => {
    for (const declaration of chosen) {
      const lease = await getLease(connection, declaration.key!);
      differences.push(...compareLease(declaration, lease, now));
    }
  });
  return {
    file,
    server: `${options.host}:${options.port}`,
    compared: chosen.length,
    addresses: all.length,
    agree: differences.length === 0,
    differences,
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
