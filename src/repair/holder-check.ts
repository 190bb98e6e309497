import { findHolders, type Holder } from './holders.js';
import { refuse } from './refuse.js';
import type { WriteOptions } from './write-options.js';

/** Refuses (exit 8) when processes hold the file, unless forced; returns them for a loud warning. */
export function checkHolders(path: string, options: WriteOptions): Holder[] {
  const holders = findHolders(path, { pidFiles: options.pidFiles, procRoot: options.procRoot });
  if (holders.length > 0 && !options.force) {
    const list = holders.map((h) => `pid ${h.pid} (${h.command}) ${h.why}`).join('; ');
    refuse(
      `${path}: in use, refusing to write: ${list}. Stop dhcpd first (or use --force if you are sure).`,
    );
  }
  return holders;
}
