// A fresh Debian 12 booted with systemd as its PID 1, for the tests that need
// a real systemd: debootstrap a minimal bookworm from the host's configured
// Debian mirror into a temporary directory, boot it with `systemd-nspawn
// --boot` on a private network (loopback only: nothing it does reaches the
// host's network), and run commands in it with nsenter (machined, and so
// machinectl, needs systemd as the host's PID 1, which a CI runner lacks).
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync, readdirSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findTool } from '../harness/prerequisites.js';

/** What debootstrap installs beyond minbase: what a Debian 12 server with isc-dhcp-server has. */
export const DEBIAN_PACKAGES = [
  'systemd',
  'systemd-sysv',
  'dbus',
  // The init script of isc-dhcp-server checks its pid with ps: a real install has procps.
  'procps',
  'isc-dhcp-server',
  'man-db',
  'iproute2',
];

/** Why a Debian 12 cannot be booted here, or null when it can be tried. */
export function nspawnMissing(): string | null {
  if (process.getuid?.() !== 0)
    return 'not running as root (debootstrap and systemd-nspawn need it)';
  const missing = ['debootstrap', 'systemd-nspawn', 'nsenter'].filter((t) => findTool(t) === null);
  if (missing.length > 0)
    return `missing ${missing.join(', ')} (Debian: apt-get install debootstrap systemd-container; see .ci/run)`;
  if (!existsSync('/usr/share/keyrings/debian-archive-keyring.gpg'))
    return 'missing /usr/share/keyrings/debian-archive-keyring.gpg (Debian: debian-archive-keyring)';
  return null;
}

/**
 * The Debian mirror apt on this host uses (its sources.list or deb822
 * .sources), so that CI fetches from where it already fetches; else
 * deb.debian.org. LEASECHECK_DEBIAN_MIRROR overrides.
 */
export function debianMirror(): string {
  if (process.env.LEASECHECK_DEBIAN_MIRROR) return process.env.LEASECHECK_DEBIAN_MIRROR;
  const texts: string[] = [];
  for (const file of ['/etc/apt/sources.list']) {
    if (existsSync(file)) texts.push(readFileSync(file, 'utf8'));
  }
  const dir = '/etc/apt/sources.list.d';
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).filter((n) => /\.(list|sources)$/.test(n)))
      texts.push(readFileSync(join(dir, name), 'utf8'));
  }
  for (const text of texts) {
    const uris = [
      ...text.matchAll(/^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/gm),
      ...text.matchAll(/^URIs:\s*(\S+)/gm),
    ].map((m) => m[1]!);
    const main = uris.find((uri) => /\/debian\/?$/.test(uri));
    if (main) return main;
  }
  return 'http://deb.debian.org/debian';
}

const run = promisify(execFile);

export const DEBOOTSTRAP_TIMEOUT_MS = 15 * 60_000;

/** debootstraps bookworm into ROOT; returns the seconds it took. Throws with debootstrap's last lines. */
export async function debootstrap(root: string, mirror: string): Promise<number> {
  const started = Date.now();
  try {
    await run(
      'debootstrap',
      ['--variant=minbase', `--include=${DEBIAN_PACKAGES.join(',')}`, 'bookworm', root, mirror],
      {
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        // About 60 s on an idle 2-core machine; 12 minutes was seen on one
        // shared with a dozen busy processes. Beyond this, say so and stop.
        timeout: DEBOOTSTRAP_TIMEOUT_MS,
      },
    );
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    const tail = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim().split('\n').slice(-5).join(' / ');
    const timedOut = Date.now() - started >= DEBOOTSTRAP_TIMEOUT_MS;
    throw new Error(
      `debootstrap bookworm from ${mirror} ${timedOut ? `took more than ${DEBOOTSTRAP_TIMEOUT_MS / 60_000} minutes` : 'failed'}: ${tail || e.message}`,
    );
  }
  return (Date.now() - started) / 1000;
}

export interface Booted {
  /** The container's PID 1 (systemd), as the host sees it. */
  pid: number;
  nspawn: ChildProcess;
  /** systemd-nspawn's console output (the boot messages). */
  consoleLog: string;
}

export interface InsideResult {
  code: number | null;
  out: string;
  err: string;
}

/** Boots ROOT with systemd-nspawn; resolves once systemd says the boot is done (running or degraded). */
export async function boot(
  root: string,
  consoleLog: string,
  options: { machine: string; overlays?: Array<[string, string]> },
): Promise<Booted> {
  const out = openSync(consoleLog, 'a');
  const nspawn = spawn(
    'systemd-nspawn',
    [
      '--quiet',
      // No machined to register with, and no host systemd to make a scope.
      '--register=no',
      '--keep-unit',
      '--private-network',
      `--machine=${options.machine}`,
      '-D',
      root,
      // An overlay with a throw-away upper layer: the container writes, the host's directory stays as it was.
      ...(options.overlays ?? []).map(([host, inside]) => `--overlay=${host}::${inside}`),
      '--boot',
    ],
    { stdio: ['ignore', out, out], detached: true },
  );
  closeSync(out);
  const deadline = Date.now() + 90_000;
  let pid = 0;
  while (Date.now() < deadline) {
    if (nspawn.exitCode !== null) break;
    if (pid === 0) pid = childNamed(nspawn.pid!, 'systemd') ?? 0;
    if (pid !== 0) {
      const state = inside({ pid }, 'systemctl is-system-running').out.trim();
      if (state === 'running' || state === 'degraded') return { pid, nspawn, consoleLog };
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const log = existsSync(consoleLog) ? readFileSync(consoleLog, 'utf8') : '';
  const tail = log.trim().split('\n').slice(-4).join(' / ');
  await powerOff({ pid, nspawn });
  throw new Error(
    `systemd-nspawn --boot did not reach a booted systemd within 90 s (exit ${nspawn.exitCode ?? 'none'}): ${tail}`,
  );
}

/** The pid of PARENT's child whose command is NAME, or null. */
function childNamed(parent: number, name: string): number | null {
  const r = spawnSync('pgrep', ['-P', String(parent), '-x', name], { encoding: 'utf8' });
  const pid = Number(r.stdout.trim().split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Runs a shell command inside the container, as root with a clean environment and the C locale. */
export function inside(
  container: { pid: number },
  command: string,
  timeoutMs = 60_000,
): InsideResult {
  const r = spawnSync(
    'nsenter',
    [
      '-t',
      String(container.pid),
      '-a',
      'env',
      '-i',
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'HOME=/root',
      'TERM=dumb',
      'sh',
      '-c',
      command,
    ],
    { encoding: 'utf8', timeout: timeoutMs },
  );
  return { code: r.status, out: r.stdout ?? '', err: r.stderr ?? '' };
}

/** As inside(), without blocking the test worker (npm install takes seconds). */
export async function insideAsync(
  container: { pid: number },
  command: string,
): Promise<InsideResult> {
  try {
    const { stdout, stderr } = await run(
      'nsenter',
      [
        '-t',
        String(container.pid),
        '-a',
        'env',
        '-i',
        'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'HOME=/root',
        'sh',
        '-c',
        command,
      ],
      { maxBuffer: 16 * 1024 * 1024, timeout: 300_000 },
    );
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === 'number' ? e.code : null,
      out: e.stdout ?? '',
      err: e.stderr ?? '',
    };
  }
}

/** Powers the container off (systemd stops its services), killing it if it has not stopped in 20 s. */
export async function powerOff(container: { pid: number; nspawn: ChildProcess }): Promise<void> {
  const { nspawn } = container;
  if (nspawn.exitCode !== null || nspawn.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => nspawn.once('exit', () => resolve()));
  if (container.pid) inside(container, 'systemctl poweroff', 10_000);
  else nspawn.kill('SIGTERM');
  const timer = setTimeout(() => {
    try {
      process.kill(-nspawn.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 20_000);
  await exited;
  clearTimeout(timer);
}
