import { readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { readBoundedFile, RefusedFileError, sizeCaps } from '../bounded-file.js';
import { basename, isAbsolute, resolve } from 'node:path';

/** A process that may be using the lease file, and how leasecheck knows. */
export interface Holder {
  pid: number;
  command: string;
  why: string;
}

export interface HolderOptions {
  /** Pid files to consult; default: where Debian, Red Hat and ISC's defaults put dhcpd's. */
  pidFiles?: string[];
  /** Root of the process file system (tests may point elsewhere). */
  procRoot?: string;
  /** This process and its ancestors do not count. */
  ignorePids?: number[];
}

export const defaultPidFiles = [
  '/var/run/dhcpd.pid',
  '/run/dhcpd.pid',
  '/run/dhcp-server/dhcpd.pid',
  '/var/run/dhcp-server/dhcpd.pid',
  '/var/run/dhcpd6.pid',
  '/run/dhcp-server/dhcpd6.pid',
];

/** dhcpd's compiled-in defaults (Debian's isc-dhcp-server: `strings /usr/sbin/dhcpd`). */
const DEFAULT_LEASES_V4 = '/var/lib/dhcp/dhcpd.leases';
const DEFAULT_LEASES_V6 = '/var/lib/dhcp/dhcpd6.leases';
const DEFAULT_CONF = '/etc/dhcp/dhcpd.conf';

interface FileId {
  dev: number;
  ino: number;
}

function fileId(path: string): FileId | null {
  try {
    const s = statSync(path);
    return { dev: s.dev, ino: s.ino };
  } catch {
    return null;
  }
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function readCmdline(procRoot: string, pid: number): string[] | null {
  try {
    const raw = readBoundedFile(
      `${procRoot}/${pid}/cmdline`,
      'a process command line',
      sizeCaps.procFile,
    ).toString('latin1');
    return raw ? raw.replace(/\0$/, '').split('\0') : null;
  } catch {
    return null;
  }
}

function pids(procRoot: string): number[] {
  try {
    return readdirSync(procRoot)
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

function isDhcpd(argv: string[]): boolean {
  return basename(argv[0] ?? '') === 'dhcpd';
}

function optionValue(argv: string[], flag: string): string | null {
  const at = argv.indexOf(flag);
  return at >= 0 && at + 1 < argv.length ? argv[at + 1]! : null;
}

/**
 * The lease file a dhcpd command line uses: `-lf`, else `lease-file-name`
 * (`dhcpv6-lease-file-name` with -6) in its configuration, else the default.
 */
export function dhcpdLeaseFile(argv: string[], cwd = '/'): string {
  const v6 = argv.includes('-6');
  const explicit = optionValue(argv, '-lf');
  if (explicit) return isAbsolute(explicit) ? explicit : resolve(cwd, explicit);
  const conf = optionValue(argv, '-cf') ?? DEFAULT_CONF;
  try {
    const text = readBoundedFile(
      isAbsolute(conf) ? conf : resolve(cwd, conf),
      'a dhcpd.conf',
      sizeCaps.conf,
    ).toString('latin1');
    const statement = v6 ? 'dhcpv6-lease-file-name' : 'lease-file-name';
    const match = new RegExp(`^\\s*${statement}\\s+"([^"]+)"\\s*;`, 'm').exec(text);
    if (match) return match[1]!;
  } catch {
    // An unreadable configuration: dhcpd would not start either; fall back to the default.
  }
  return v6 ? DEFAULT_LEASES_V6 : DEFAULT_LEASES_V4;
}

function sameFile(a: string, aId: FileId | null, b: string): boolean {
  const bId = fileId(b);
  if (aId && bId) return aId.dev === bId.dev && aId.ino === bId.ino;
  return canonical(a) === canonical(b);
}

function cwdOf(procRoot: string, pid: number): string {
  try {
    return readlinkSync(`${procRoot}/${pid}/cwd`);
  } catch {
    return '/';
  }
}

/**
 * Processes that may hold `path`: any process with it open (`/proc/PID/fd`),
 * and any live dhcpd — found in its pid file or the process list — whose
 * lease file is `path`. A dhcpd serving another file does not count.
 */
export function findHolders(path: string, options: HolderOptions = {}): Holder[] {
  const procRoot = options.procRoot ?? '/proc';
  const ignore = new Set([process.pid, ...(options.ignorePids ?? [])]);
  const target = fileId(path);
  const holders = new Map<number, Holder>();
  const add = (pid: number, argv: string[] | null, why: string): void => {
    if (!holders.has(pid)) holders.set(pid, { pid, command: argv?.join(' ') ?? '?', why });
  };

  for (const pid of pids(procRoot)) {
    if (ignore.has(pid)) continue;
    const argv = readCmdline(procRoot, pid);
    if (target) {
      let fds: string[] = [];
      try {
        fds = readdirSync(`${procRoot}/${pid}/fd`);
      } catch {
        fds = [];
      }
      for (const fd of fds) {
        const id = fileId(`${procRoot}/${pid}/fd/${fd}`);
        if (id && id.dev === target.dev && id.ino === target.ino) {
          add(pid, argv, `has the file open (${procRoot}/${pid}/fd/${fd})`);
          break;
        }
      }
    }
    if (argv && isDhcpd(argv) && !argv.includes('-T')) {
      const leases = dhcpdLeaseFile(argv, cwdOf(procRoot, pid));
      if (sameFile(path, target, leases))
        add(pid, argv, `is a dhcpd whose lease file is ${leases}`);
    }
  }

  for (const pidFile of options.pidFiles ?? defaultPidFiles) {
    let pid: number;
    try {
      pid = Number.parseInt(
        readBoundedFile(pidFile, 'a pid file', sizeCaps.pidFile).toString('latin1').trim(),
        10,
      );
    } catch (error) {
      // A pid file that is a FIFO, a device or huge is no pid file: say so
      // (exit 8) rather than guess; a missing or unreadable one names nobody.
      if (error instanceof RefusedFileError) throw error;
      continue;
    }
    if (!Number.isInteger(pid) || pid <= 0 || ignore.has(pid) || holders.has(pid)) continue;
    const alive = fileId(`${procRoot}/${pid}`) !== null;
    if (!alive) continue; // a stale pid file after a crash: dhcpd is not running
    const argv = readCmdline(procRoot, pid);
    if (argv === null) {
      add(pid, null, `is named in ${pidFile} and leasecheck cannot see which lease file it uses`);
    } else if (isDhcpd(argv)) {
      const leases = dhcpdLeaseFile(argv, cwdOf(procRoot, pid));
      if (sameFile(path, target, leases))
        add(pid, argv, `is the dhcpd of ${pidFile}, serving ${leases}`);
    } else if (options.pidFiles) {
      // The user named this pid file as dhcpd's: a live process in it counts even under another name.
      add(pid, argv, `is named in ${pidFile} (given with --pid-file)`);
    }
  }
  return [...holders.values()];
}
