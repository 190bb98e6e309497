// Runs the installed dhcpd-pools 2.29 for comparison, and builds lease files.
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { findTool } from '../harness/index.js';
import { tempDir, write } from '../helpers.js';

export const dhcpdPoolsPath = findTool('dhcpd-pools');

export interface DhcpdPoolsJson {
  subnets: Array<{
    location: string;
    range: string;
    defined: number;
    used: number;
    touched: number;
    free: number;
  }>;
  'shared-networks': Array<{
    location: string;
    defined: number;
    used: number;
    touched: number;
    free: number;
  }>;
  summary: { location: string; defined: number; used: number; touched: number; free: number };
}

/** `dhcpd-pools -c CONF -l LEASES -f j`, run in the config's directory (it opens includes from its cwd). */
export function dhcpdPoolsJson(conf: string, leases: string): DhcpdPoolsJson {
  const result = spawnSync(dhcpdPoolsPath!, ['-c', conf, '-l', leases, '-f', 'j'], {
    cwd: dirname(conf),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`dhcpd-pools failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as DhcpdPoolsJson;
}

/** The `bu` column of each range in dhcpd-pools' text output, and of its sum. */
export function dhcpdPoolsBackups(conf: string, leases: string): { ranges: number[]; sum: number } {
  const result = spawnSync(dhcpdPoolsPath!, ['-c', conf, '-l', leases, '-f', 'c'], {
    cwd: dirname(conf),
    encoding: 'utf8',
  });
  const lines = result.stdout.split('\n');
  const ranges = lines
    .filter((l) => /^"[^"]*","\d/.test(l) && l.split(',').length === 11)
    .map((l) => Number(l.split(',')[9]!.replace(/"/g, '')));
  // The sum line of the CSV output ends with the bu column printed with %7g.
  const sumLine = lines.find(
    (_line, i) => i > 0 && lines[i - 2]?.startsWith('"Sum of all ranges:"'),
  );
  const sum = Number(/"\s+(\d+)\s+[\d.]+$/.exec(sumLine ?? '')?.[1] ?? NaN);
  return { ranges, sum };
}

/** `text` in a fresh temporary directory (removed after the test file), as `name`. */
export function tempFile(name: string, text: string): string {
  return write(tempDir('pools'), name, text);
}

const states = ['active', 'free', 'expired', 'abandoned', 'released', 'active', 'backup'];

/**
 * A lease file in dhcpd's own layout (two-space indentation: dhcpd-pools
 * reads it right) declaring every other address of the given ranges, in
 * states cycling through every kind, some addresses twice.
 */
export function canonicalLeases(
  ranges: Array<[string, string]>,
  cycle: readonly string[] = states,
): string {
  let out = 'authoring-byte-order little-endian;\n\n';
  let n = 0;
  for (const [first, last] of ranges) {
    const base = first.split('.').slice(0, 3).join('.');
    const from = Number(first.split('.')[3]);
    const to = Number(last.split('.')[3]);
    for (let host = from; host <= to + 2; host += 2) {
      const state = cycle[n++ % cycle.length]!;
      out += lease(`${base}.${host}`, state);
      if (n % 5 === 0) out += lease(`${base}.${host}`, cycle[(n + 2) % cycle.length]!);
    }
  }
  return out;
}

function lease(address: string, state: string): string {
  return `lease ${address} {
  starts 4 2037/01/01 00:00:00;
  ends 4 2037/12/31 00:00:00;
  cltt 4 2037/01/01 00:00:00;
  binding state ${state};
  next binding state free;
  hardware ethernet 00:11:22:33:44:${(Number(address.split('.')[3]) % 256).toString(16).padStart(2, '0')};
}
`;
}

/** The same lease file with every statement indented with `indent` instead of two spaces. */
export function reindent(leases: string, indent: string): string {
  return leases.replace(/^ {2}/gm, indent);
}
