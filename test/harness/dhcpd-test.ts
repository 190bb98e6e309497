// `dhcpd -T -cf CONF -lf FILE`: the real dhcpd reads a lease file and says
// what it thinks of it (parse warnings, then its `Wrote …` counts). dhcpd -T
// exits 0 whatever it found, so the verdict is in its output. It always runs
// on a private copy: -T writes (and unlinks) a temp file next to the lease file.
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './exec.js';
import { tool } from './prerequisites.js';

/** A file by path, or its content (strings are latin1: lease files are bytes). */
export type FileInput = string | { content: string | Uint8Array };

export interface DhcpdTestWarning {
  /** Line in the lease file, or null for the line-less `Corrupt lease file - possible data loss!`. */
  line: number | null;
  message: string;
  /** The source line and caret dhcpd prints under a warning. */
  context: string[];
}

/** What one snapshot wrote, from the `Wrote …` lines (server/mdb.c, server/mdb6.c). */
export interface WroteCounts {
  leases?: number;
  classes?: number;
  groups?: number;
  deletedHosts?: number;
  dynamicHosts?: number;
  na?: number;
  ta?: number;
  pd?: number;
}

export interface DhcpdTestResult {
  /** Parse warnings about the lease file, in order. */
  warnings: DhcpdTestWarning[];
  /** Addresses dhcpd dropped with `lease X: no subnet.` (the config did not cover them). */
  noSubnet: string[];
  /** Every other line that is not part of the banner. */
  other: string[];
  wrote: WroteCounts;
  /** `Lease file test successful` was printed. */
  successful: boolean;
  exitCode: number | null;
  /** dhcpd's whole output (stderr then stdout), latin1. */
  raw: string;
  /**
   * With `keepRewrite`: the snapshot dhcpd wrote of what it loaded (the file a
   * real start-up renames over the lease file), or null when it wrote none.
   */
  rewrite?: Buffer | null;
}

export interface DhcpdTestOptions {
  /** Default: 6 when the config declares a `subnet6`, else 4. */
  family?: 4 | 6;
  timeoutMs?: number;
  /**
   * Keep the snapshot dhcpd -T writes and then unlinks (server/db.c
   * new_lease_file in test mode: the same write_leases a start-up runs):
   * dhcpd runs under `strace`, which makes its unlink calls succeed without
   * removing anything. Needs strace (requireRealDhcpd(['strace'])).
   */
  keepRewrite?: boolean;
}

const wrotePatterns: [RegExp, (m: RegExpMatchArray) => WroteCounts][] = [
  [/^Wrote (\d+) leases to leases file\.$/, (m) => ({ leases: Number(m[1]) })],
  [/^Wrote (\d+) class decls to leases file\.$/, (m) => ({ classes: Number(m[1]) })],
  [/^Wrote (\d+) group decls to leases file\.$/, (m) => ({ groups: Number(m[1]) })],
  [/^Wrote (\d+) deleted host decls to leases file\.$/, (m) => ({ deletedHosts: Number(m[1]) })],
  [
    /^Wrote (\d+) new dynamic host decls to leases file\.$/,
    (m) => ({ dynamicHosts: Number(m[1]) }),
  ],
  [
    /^Wrote (\d+) NA, (\d+) TA, (\d+) PD leases to lease file\.$/,
    (m) => ({ na: Number(m[1]), ta: Number(m[2]), pd: Number(m[3]) }),
  ],
];

const bannerPatterns = [
  /^Internet Systems Consortium DHCP Server /,
  /^Copyright \d{4}-\d{4} Internet Systems Consortium\.$/,
  /^All rights reserved\.$/,
  /^For info, please visit /,
  /^(Config|Database|PID) file: /,
  /^Lease file test successful/,
  /^$/,
];

/** Reads dhcpd -T output; `leasePath` is the lease file path dhcpd was given (its warnings name it). */
export function parseDhcpdTestOutput(
  raw: string,
  leasePath: string,
  confPath: string,
  exitCode: number | null,
): DhcpdTestResult {
  const result: DhcpdTestResult = {
    warnings: [],
    noSubnet: [],
    other: [],
    wrote: {},
    successful: /^Lease file test successful/m.test(raw),
    exitCode,
    raw,
  };
  const lines = raw.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string;
    const located = /^(.*) line (\d+): (.*)$/.exec(text);
    if (located !== null && (located[1] === leasePath || located[1] === confPath)) {
      if (located[1] === confPath) {
        throw new Error(`dhcpd -T rejected the generated config (${confPath}):\n${raw}`);
      }
      // Under the warning: the offending line and a caret, after an empty line when the
      // message itself ends in a newline ("Too many starts parameters in lease …\n").
      const context: string[] = [];
      const caret = [2, 3].find((k) => /^\s*\^$/.test(lines[i + k] ?? ''));
      if (caret !== undefined) {
        context.push(...lines.slice(i + 1, i + caret + 1).filter((_, k) => caret === 2 || k > 0));
        i += caret;
      }
      result.warnings.push({ line: Number(located[2]), message: located[3] as string, context });
      continue;
    }
    if (text === 'Corrupt lease file - possible data loss!') {
      result.warnings.push({ line: null, message: text, context: [] });
      continue;
    }
    const noSubnet = /^lease (\S+): no subnet\.$/.exec(text);
    if (noSubnet !== null) {
      result.noSubnet.push(noSubnet[1] as string);
      continue;
    }
    const wrote = wrotePatterns.find(([pattern]) => pattern.test(text));
    if (wrote !== undefined) {
      Object.assign(result.wrote, wrote[1](text.match(wrote[0]) as RegExpMatchArray));
      continue;
    }
    if (bannerPatterns.some((pattern) => pattern.test(text))) continue;
    result.other.push(text);
  }
  if (/Configuration file errors encountered/.test(raw)) {
    throw new Error(`dhcpd -T rejected the config:\n${raw}`);
  }
  return result;
}

/**
 * The line dhcpd names when it meets the end of a cut file: the line of the last token
 * it read — not where the file ends, when white space or comment lines follow it.
 */
export function dhcpdEofLine(bytes: Uint8Array | string): number {
  const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('latin1');
  const lines = text.split('\n');
  let last = lines.length;
  while (last > 1 && /^\s*(#.*)?$/.test(lines[last - 1] as string)) last--;
  return last;
}

async function place(input: FileInput, target: string): Promise<void> {
  if (typeof input === 'string') await copyFile(input, target);
  else
    await writeFile(
      target,
      typeof input.content === 'string' ? Buffer.from(input.content, 'latin1') : input.content,
    );
}

async function familyOf(conf: FileInput): Promise<4 | 6> {
  const text =
    typeof conf === 'string'
      ? await readFile(conf, 'latin1')
      : Buffer.from(conf.content as Uint8Array | string).toString('latin1');
  return /^\s*subnet6\s/m.test(text) ? 6 : 4;
}

/** Runs `dhcpd -T` on a copy of `leases` with the config `conf`, in a private directory. */
export async function dhcpdTest(
  conf: FileInput,
  leases: FileInput,
  options: DhcpdTestOptions = {},
): Promise<DhcpdTestResult> {
  const dir = await mkdtemp(join(tmpdir(), 'leasecheck-dhcpd-T-'));
  try {
    const confPath = join(dir, 'dhcpd.conf');
    const leasePath = join(dir, 'dhcpd.leases');
    await place(conf, confPath);
    await place(leases, leasePath);
    const family = options.family ?? (await familyOf(conf));
    const dhcpdArgv = [tool('dhcpd'), '-T', `-${family}`, '-cf', confPath, '-lf', leasePath];
    dhcpdArgv.push('-pf', join(dir, 'dhcpd.pid'));
    const argv = options.keepRewrite
      ? [
          tool('strace'),
          ...['-f', '-qq', '-o', '/dev/null', '-e', 'trace=unlink,unlinkat'],
          ...['-e', 'inject=unlink,unlinkat:retval=0'],
          ...dhcpdArgv,
        ]
      : dhcpdArgv;
    const result = await run(argv, { cwd: dir, timeoutMs: options.timeoutMs ?? 60_000 });
    if (result.timedOut) throw new Error(`dhcpd -T timed out on ${describeInput(leases)}`);
    const parsed = parseDhcpdTestOutput(
      result.stderr + result.stdout,
      leasePath,
      confPath,
      result.code,
    );
    if (options.keepRewrite) {
      // `dhcpd.leases.<unixtime>`, the temp file new_lease_file writes.
      const snapshot = (await readdir(dir)).find((name) => /^dhcpd\.leases\.\d+$/.test(name));
      parsed.rewrite = snapshot === undefined ? null : await readFile(join(dir, snapshot));
    }
    return parsed;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function describeInput(input: FileInput): string {
  return typeof input === 'string' ? input : `${input.content.length} bytes of generated content`;
}

export interface DhcpdTestCase {
  conf: FileInput;
  leases: FileInput;
  family?: 4 | 6;
  keepRewrite?: boolean;
}

/** Many `dhcpd -T` runs, a few at a time (each takes a few milliseconds on a small file); results in input order. */
export async function dhcpdTestMany(
  cases: readonly DhcpdTestCase[],
  concurrency = Math.max(2, availableParallelism()),
): Promise<DhcpdTestResult[]> {
  const results: DhcpdTestResult[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      const item = cases[index] as DhcpdTestCase;
      results[index] = await dhcpdTest(item.conf, item.leases, {
        ...(item.family !== undefined ? { family: item.family } : {}),
        ...(item.keepRewrite ? { keepRewrite: true } : {}),
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, worker));
  return results;
}
