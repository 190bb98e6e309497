import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A file an interrupted rewrite (dhcpd's, or a killed leasecheck's temp file) left beside the lease file. */
export interface Leftover {
  path: string;
  bytes: number;
  /** The Unix time in its name: when dhcpd started writing it. */
  startedAt: string;
}

/**
 * Stray `FILE.<unixtime>` snapshots: dhcpd (server/db.c new_lease_file)
 * writes the new snapshot there and renames it over FILE; a kill in between
 * leaves it behind. Reported, never deleted.
 */
export function findLeftovers(file: string): Leftover[] {
  const dir = dirname(file);
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: Leftover[] = [];
  for (const name of names) {
    if (name.startsWith(`.${prefix}leasecheck-`) && name.endsWith('.tmp')) {
      // A temp file of a leasecheck write that was killed before its rename.
      try {
        const stat = statSync(join(dir, name));
        found.push({
          path: join(dir, name),
          bytes: stat.size,
          startedAt: stat.mtime.toISOString(),
        });
      } catch {
        // Gone in between.
      }
      continue;
    }
    if (!name.startsWith(prefix)) continue;
    const stamp = name.slice(prefix.length);
    if (!/^\d{9,11}$/.test(stamp)) continue;
    try {
      const stat = statSync(join(dir, name));
      if (!stat.isFile()) continue;
      found.push({
        path: join(dir, name),
        bytes: stat.size,
        startedAt: new Date(Number(stamp) * 1000).toISOString(),
      });
    } catch {
      // Gone in between: dhcpd finished its rename.
    }
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}
