// Test helpers: leasecheck's prediction of dhcpd -T's `Wrote N leases` for a
// file made of whole declarations plus an optional partial last lease.
import type { KeepsInput, RangeLookup } from '../../src/dhcpd/mdb.js';
import type { FailoverStateName } from '../../src/model/types.js';
import { predictWrittenLeases } from '../../src/dhcpd/mdb.js';
import { parseLeaseDeclaration } from '../../src/dhcpd/confpars-lease.js';
import {
  keepsInputFromParsedLease,
  keepsInputFromPartial,
  type PartialPrediction,
} from '../../src/dhcpd/partial-declaration.js';

function ipv4(a: string): number {
  return a.split('.').reduce((n, x) => n * 256 + Number(x), 0);
}

/**
 * The `range A B;` statements of a small test config, as a RangeLookup. A
 * config with a `failover peer` is taken to put every range in a failover
 * pool (true of the fixtures); this server's state is the last `my state` of
 * the lease text, as dhcpd reads it before expiring leases.
 */
export function rangesOf(conf: string, leases = ''): RangeLookup {
  const ranges = [...conf.matchAll(/range\s+([\d.]+)\s+([\d.]+)\s*;/g)].map((m) => [
    ipv4(m[1] as string),
    ipv4(m[2] as string),
  ]);
  const failover = /failover peer/.test(conf)
    ? {
        role: /^\s*secondary;/m.test(conf) ? ('secondary' as const) : ('primary' as const),
        myState: ([...leases.matchAll(/my state (\S+) at/g)].pop()?.[1] ??
          null) as FailoverStateName | null,
      }
    : undefined;
  return (address) => {
    const inRange = ranges.some(
      ([lo, hi]) => ipv4(address) >= (lo as number) && ipv4(address) <= (hi as number),
    );
    return inRange && failover ? { failover } : inRange;
  };
}

/** Whole lease declarations of `text`, by address, as KeepsInput (last wins). */
export function wholeLeases(text: string, now: number): Map<string, KeepsInput> {
  const out = new Map<string, KeepsInput>();
  for (const m of text.matchAll(/^lease ([\d.]+) \{[^]*?\n\}/gm)) {
    const r = parseLeaseDeclaration(m[0].slice('lease'.length), now);
    const l = r.lease;
    if (!l) throw new Error(`whole lease not entered: ${m[0]}`);
    out.set(m[1] as string, keepsInputFromParsedLease(l, m[1] as string));
  }
  return out;
}

export function expectedWrote(
  prefix: string,
  partial: PartialPrediction | null,
  partialKey: string | null,
  conf: string,
  now: Date,
): number {
  const t = Math.floor(now.getTime() / 1000);
  const effective = wholeLeases(prefix, t);
  const loaded = partial ? keepsInputFromPartial(partial, partialKey) : null;
  if (loaded && partialKey !== null) {
    effective.delete(partialKey); // re-insert: enter_lease replaces the earlier lease whole
    effective.set(partialKey, loaded);
  }
  return predictWrittenLeases(effective.values(), now, rangesOf(conf, prefix)).written;
}
