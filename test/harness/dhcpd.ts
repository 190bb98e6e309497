// A real ISC dhcpd serving inside a network namespace: generated config and
// lease file in a private directory, its `-d` log (stderr) appended to a file,
// stopped with SIGTERM or SIGKILL, restarted, and always stopped by the cleanup
// stack.
import { openSync, closeSync } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cleanup } from './cleanup.js';
import { startProcess, waitFor, type LongRunning } from './exec.js';
import { cleanupTempDir } from './files.js';
import type { Host } from './netns.js';
import { tool } from './prerequisites.js';

export interface DhcpdOptions {
  host: Host;
  /** dhcpd.conf text. */
  conf: string;
  family?: 4 | 6;
  /** Initial lease file content (default: empty). */
  leases?: string | Buffer;
  /** Directory for the config, pid file and log (default: a new temporary directory). */
  dir?: string;
  /** Where the lease file lives (default `dir/dhcpd.leases`), e.g. on a small tmpfs. */
  leasePath?: string;
  /**
   * true (default): `-d`, the log goes to `logPath`. false: `-f`, dhcpd logs to syslog
   * (nowhere here), so its only write(2) calls are to the lease file — what the
   * crash-point runner counts.
   */
  logToStderr?: boolean;
  /** How long start() waits for start-up to complete. */
  startTimeoutMs?: number;
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export class DhcpdServer {
  readonly confPath: string;
  readonly leasePath: string;
  readonly logPath: string;
  readonly pidPath: string;
  private running: LongRunning | null = null;
  private logOffset = 0;

  constructor(
    readonly options: DhcpdOptions,
    readonly dir: string,
  ) {
    this.confPath = join(dir, 'dhcpd.conf');
    this.leasePath = options.leasePath ?? join(dir, 'dhcpd.leases');
    this.logPath = join(dir, 'dhcpd.log');
    this.pidPath = join(dir, 'dhcpd.pid');
  }

  get pid(): number | null {
    return this.running?.child.pid ?? null;
  }

  /** The argv dhcpd runs with (inside the namespace). */
  argv(): string[] {
    const { host, family = 4, logToStderr = true } = this.options;
    return host.exec([
      tool('dhcpd'),
      logToStderr ? '-d' : '-f',
      `-${family}`,
      '-cf',
      this.confPath,
      '-lf',
      this.leasePath,
      '-pf',
      this.pidPath,
      host.iface,
    ]);
  }

  /** Starts dhcpd and waits until it says `Server starting service.` (or, without a log, writes its pid file). */
  async start(): Promise<void> {
    if (this.running !== null) throw new Error('dhcpd is already running');
    // A stale pid file naming a live process makes dhcpd refuse to start.
    await rm(this.pidPath, { force: true });
    this.logOffset = await fileSize(this.logPath);
    const log = openSync(this.logPath, 'a');
    try {
      this.running = startProcess(this.argv(), { cwd: this.dir, stdio: ['ignore', log, log] });
    } finally {
      closeSync(log);
    }
    const running = this.running;
    let exited: Exit | null = null;
    void running.exited.then((exit) => {
      exited = exit;
    });
    const timeoutMs = this.options.startTimeoutMs ?? 20_000;
    const logToStderr = this.options.logToStderr ?? true;
    await waitFor(
      async () => {
        if (exited !== null) {
          this.running = null;
          throw new Error(
            `dhcpd exited during start-up (${exited.code ?? exited.signal}):\n${await this.logSinceStart()}`,
          );
        }
        if (logToStderr) {
          return /^Server starting service\.$/m.test(await this.logSinceStart()) ? true : undefined;
        }
        const pid = await readFile(this.pidPath, 'latin1').catch(() => '');
        return pid.trim() === String(running.child.pid) ? true : undefined;
      },
      timeoutMs,
      async () =>
        `dhcpd did not finish start-up within ${timeoutMs} ms:\n${await this.logSinceStart()}`,
    );
  }

  /** Sends `signal` and waits for the exit (SIGKILL after a grace period). Not running: no-op. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit | null> {
    const running = this.running;
    if (running === null) return null;
    const exit = await running.stop(signal);
    this.running = null;
    return exit;
  }

  kill(): Promise<Exit | null> {
    return this.stop('SIGKILL');
  }

  /** Settles when dhcpd exits on its own (e.g. killed by strace). */
  async exited(): Promise<Exit | null> {
    const running = this.running;
    if (running === null) return null;
    const exit = await running.exited;
    this.running = null;
    return exit;
  }

  async restart(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.stop(signal);
    await this.start();
  }

  /** The whole log file (every start appends to it, as syslog would). */
  log(): Promise<string> {
    return readFile(this.logPath, 'latin1').catch(() => '');
  }

  /** The log written since the last start(). */
  async logSinceStart(): Promise<string> {
    const log = await readFile(this.logPath).catch(() => Buffer.alloc(0));
    return log.subarray(this.logOffset).toString('latin1');
  }

  /** Waits until the log since the last start matches `pattern`. */
  async waitForLog(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    return waitFor(
      async () => (await this.logSinceStart()).match(pattern) ?? undefined,
      timeoutMs,
      async () =>
        `no ${pattern} in dhcpd's log within ${timeoutMs} ms:\n${await this.logSinceStart()}`,
    );
  }

  leases(): Promise<Buffer> {
    return readFile(this.leasePath);
  }
}

async function fileSize(path: string): Promise<number> {
  return stat(path).then(
    (s) => s.size,
    () => 0,
  );
}

/** Writes the config and lease file, starts dhcpd, and registers its stop with the cleanup stack. */
/**
 * Waits until one of `servers` logs `pattern` since its last start, and says which.
 * For events that either side of a link may log: which side initiates a failover
 * connection depends on which dhcpd was listening first.
 */
export async function waitForLogInAny(
  servers: readonly DhcpdServer[],
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<DhcpdServer> {
  return waitFor(
    async () => {
      for (const server of servers) {
        if (pattern.test(await server.logSinceStart())) return server;
      }
      return undefined;
    },
    timeoutMs,
    async () => {
      const logs = await Promise.all(servers.map((server) => server.logSinceStart()));
      return `no ${pattern} in any of ${servers.length} dhcpd logs within ${timeoutMs} ms:\n${logs.join('\n---\n')}`;
    },
  );
}

export async function startDhcpd(cleanup: Cleanup, options: DhcpdOptions): Promise<DhcpdServer> {
  const dir = options.dir ?? (await cleanupTempDir(cleanup, 'dhcpd'));
  const server = new DhcpdServer(options, dir);
  await writeFile(server.confPath, options.conf, 'latin1');
  await writeFile(server.leasePath, options.leases ?? '');
  cleanup.add(`stop dhcpd in ${options.host.netns}`, () => server.kill());
  await server.start();
  return server;
}
