import { readdirSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** What an interrupted write left beside the lease file. */
export type LeftoverKind =
  /** dhcpd's `FILE.<unixtime>` snapshot, killed before its rename (server/db.c new_lease_file). */
  | 'dhcpd-snapshot'
  /** A leasecheck temp file (`.FILE.leasecheck-….tmp`), killed before its rename. */
  | 'temp'
  /** A leasecheck backup copy in progress (`.FILE.leasecheck-….bak-tmp`). */
  | 'backup-temp'
  /**
   * A `FILE.leasecheck-….bak` that is a hard link to FILE itself: the write
   * was killed between the backup and the rename, so it is no backup (dhcpd's
   * appends change it too).
   */
  | 'linked-backup'
  /** The undo manifest of such a backup (it promises a repair that never happened). */
  | 'orphan-manifest'
  /** Bytes appended during a write, saved by leasecheck for the administrator. */
  | 'appended';

/** A file an interrupted rewrite (dhcpd's, or a killed leasecheck's) left beside the lease file. */
export interface Leftover {
  kind: LeftoverKind;
  path: string;
  bytes: number;
  /** When it was written: the Unix time in a dhcpd snapshot's name, else its mtime. */
  startedAt: string;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null; // Gone in between (a rename finished).
  }
}

/** The kind of a leasecheck-made name beside FILE, or null. */
function leasecheckKind(name: string, base: string): LeftoverKind | null {
  if (name.startsWith(`.${base}.leasecheck-`)) {
    if (name.endsWith('.tmp')) return 'temp';
    if (name.endsWith('.bak-tmp')) return 'backup-temp';
    return null;
  }
  if (!name.startsWith(`${base}.leasecheck-`)) return null;
  if (name.endsWith('.bak')) return 'linked-backup';
  if (name.endsWith('.bak.json')) return 'orphan-manifest';
  if (name.endsWith('.appended')) return 'appended';
  return null;
}

/**
 * What interrupted writes left beside FILE: dhcpd's stray `FILE.<unixtime>`
 * snapshots, and leasecheck's temp files, backups that are still the live
 * file (hard link, rename never done) with their manifests, and saved
 * late appends. Reported, never deleted.
 */
export function findLeftovers(file: string): Leftover[] {
  const dir = dirname(file);
  const base = basename(file);
  const live = statOrNull(file);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: Leftover[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const kind = leasecheckKind(name, base);
    if (kind) {
      const stat = statOrNull(kind === 'orphan-manifest' ? path.slice(0, -'.json'.length) : path);
      const own = statOrNull(path);
      if (!own || !own.isFile()) continue;
      if (kind === 'linked-backup' || kind === 'orphan-manifest') {
        // A backup of a finished repair is another inode than FILE: not a leftover.
        const linked =
          live !== null && stat !== null && stat.ino === live.ino && stat.dev === live.dev;
        if (!linked) continue;
      }
      found.push({ kind, path, bytes: own.size, startedAt: own.mtime.toISOString() });
      continue;
    }
    if (!name.startsWith(`${base}.`)) continue;
    const stamp = name.slice(base.length + 1);
    if (!/^\d{9,11}$/.test(stamp)) continue;
    const stat = statOrNull(path);
    if (!stat || !stat.isFile()) continue;
    found.push({
      kind: 'dhcpd-snapshot',
      path,
      bytes: stat.size,
      startedAt: new Date(Number(stamp) * 1000).toISOString(),
    });
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

/** One sentence for the journal about a leftover of FILE. */
export function describeLeftover(file: string, l: Leftover): string {
  const what: Record<LeftoverKind, string> = {
    'dhcpd-snapshot': `stray snapshot ${l.path} (${l.bytes} bytes, started ${l.startedAt}) left by an interrupted dhcpd rewrite`,
    temp: `stray temp file ${l.path} (${l.bytes} bytes, ${l.startedAt}) left by an interrupted leasecheck write`,
    'backup-temp': `stray backup copy ${l.path} (${l.bytes} bytes, ${l.startedAt}) left by an interrupted leasecheck write`,
    'linked-backup': `${l.path} is a hard link to ${file} itself, not a backup: a leasecheck write was interrupted before its rename (dhcpd's appends change it too)`,
    'orphan-manifest': `undo manifest ${l.path} describes a repair that never replaced ${file} (interrupted before its rename)`,
    appended: `${l.path} holds ${l.bytes} bytes appended to ${file} during a leasecheck write (${l.startedAt}); they are not in ${file}: review and append them`,
  };
  return `${file}: ${what[l.kind]}; not removed`;
}
