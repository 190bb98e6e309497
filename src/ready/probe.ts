import { readFile, stat } from 'node:fs/promises';
import { hostname } from 'node:os';

/**
 * What `ready` asks the machine about a process (src/ready liveness.ts).
 * Read from Linux's /proc; injectable so that tests can play any machine.
 */

export interface ProcessFacts {
  /** /proc/PID/comm: the executable's name (15 characters at most). */
  comm: string;
  /** The first word of /proc/PID/cmdline. */
  argv0: string;
  /** When the process started (boot time plus /proc/PID/stat's starttime). */
  startedAt: Date;
}

export interface ProcessProbe {
  hostname(): string;
  /** The process, or null when there is none with this pid. */
  process(pid: number): Promise<ProcessFacts | null>;
  /** The pid a pid file holds; null when it is missing, unreadable or holds no number. */
  pidFile(path: string): Promise<number | null>;
  /** A log file's last modification; null for standard input or what cannot be read. */
  modified(path: string): Promise<Date | null>;
}

/** Clock ticks per second of /proc/PID/stat's starttime: 100 on every Linux architecture's USER_HZ. */
const USER_HZ = 100;

async function bootTime(): Promise<number> {
  const text = await readFile('/proc/stat', 'latin1');
  const m = /^btime (\d+)$/m.exec(text);
  if (!m) throw new Error('no btime in /proc/stat');
  return Number(m[1]) * 1000;
}

async function facts(pid: number): Promise<ProcessFacts | null> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // `pid (comm) state ppid …`: comm may hold spaces and parentheses; the fields after the last `)` are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const startTicks = Number(fields[19]); // field 22 of proc(5), counted from field 3
  const comm = (await readFile(`/proc/${pid}/comm`, 'latin1').catch(() => '')).trim();
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'latin1').catch(() => '');
  return {
    comm,
    argv0: cmdline.split('\0')[0] ?? '',
    startedAt: new Date((await bootTime()) + (startTicks * 1000) / USER_HZ),
  };
}

/** The machine leasecheck runs on, through /proc. */
export const procProbe: ProcessProbe = {
  hostname: () => hostname(),
  process: async (pid) => (Number.isSafeInteger(pid) && pid > 0 ? facts(pid) : null),
  pidFile: async (path) => {
    const text = await readFile(path, 'latin1').catch(() => null);
    const m = text === null ? null : /^\s*(\d+)\s*$/.exec(text);
    return m ? Number(m[1]) : null;
  },
  modified: async (path) => {
    if (path === '-') return null;
    try {
      return (await stat(path)).mtime;
    } catch {
      return null;
    }
  },
};
