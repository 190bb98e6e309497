import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCi } from '../harness/prerequisites.js';
import { repoRoot } from '../helpers.js';
import {
  DEBOOTSTRAP_TIMEOUT_MS,
  boot,
  debianMirror,
  debootstrap,
  inside,
  insideAsync,
  nspawnMissing,
  powerOff,
  type Booted,
} from './nspawn.js';

/**
 * What a new admin does on a fresh Debian 12 with only the packed tarball, on
 * a real systemd: install leasecheck with npm, read `man leasecheck`, check
 * the live lease file, install the systemd drop-in (samples/systemd/
 * leasecheck.conf) and see dhcpd start through Debian's own isc-dhcp-server
 * unit; see the drop-in stop a start on a damaged file, and repair a cut tail
 * and let dhcpd start. And the restart-pair sample's start command
 * (samples/restart-pair/dhcpd-start-after-shutdown): after an OMAPI shutdown
 * Debian's unit still says active, `systemctl start` does nothing, the
 * sample's `systemctl restart` brings dhcpd back.
 *
 * The Debian is debootstrapped from the host's mirror at every run (nothing
 * cached between runs) and booted with systemd-nspawn on a private network.
 * Node.js 20 is this process's own binary (Debian 12's nodejs is 18); npm
 * installs offline from this host's npm cache, seen through a throw-away
 * overlay. Where nspawn cannot boot a systemd, the tests skip and say why.
 */

const missing = nspawnMissing();
if (missing !== null && isCi()) {
  describe('fresh Debian 12 prerequisites (CI=true: required, .ci/run installs them)', () => {
    it('are all present', () => {
      throw new Error(`the fresh Debian 12 tests cannot run: ${missing}`);
    });
  });
} else if (missing !== null) console.warn(`[fresh-debian-12] skipping: ${missing}`);

const secret = randomBytes(32).toString('base64');
const dhcpdConf = `# the test's dhcpd.conf: one subnet on the veth lc0, OMAPI on loopback
authoritative;
default-lease-time 600;
max-lease-time 7200;
omapi-port 7911;
key omapi_key { algorithm hmac-md5; secret "${secret}"; }
omapi-key omapi_key;
subnet 192.0.2.0 netmask 255.255.255.0 {
  range 192.0.2.100 192.0.2.150;
}
`;

let work = '';
let container: Booted | null = null;
/** Why the container did not come up ('' when it did). */
let notBooted = '';

beforeAll(async () => {
  if (missing !== null) return;
  work = mkdtempSync(join(tmpdir(), 'leasecheck-debian12-'));
  const root = join(work, 'root');
  const mirror = debianMirror();
  try {
    const seconds = await debootstrap(root, mirror);
    console.log(`[fresh-debian-12] debootstrap bookworm from ${mirror}: ${seconds.toFixed(0)} s`);
  } catch (error) {
    notBooted = (error as Error).message;
    return;
  }
  // What the admin brings: Node.js 20, npm, the packed tarball; and the samples.
  copyFileSync(realpathSync(process.execPath), join(root, 'usr/local/bin/node'));
  const npmCli = realpathSync(
    execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim(),
  );
  const npmPackage = dirname(dirname(npmCli));
  cpSync(npmPackage, join(root, 'usr/local/lib/node_modules/npm'), { recursive: true });
  symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(root, 'usr/local/bin/npm'));
  // dist/ is built by the global setup; `npm pack` packs it as `npm publish` would.
  const packed = execFileSync(
    'npm',
    ['pack', '--ignore-scripts', '--silent', '--pack-destination', work],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  )
    .trim()
    .split('\n')
    .pop()!;
  const admin = join(root, 'root');
  copyFileSync(join(work, packed), join(admin, 'leasecheck.tgz'));
  for (const sample of ['clean-v4.leases', 'corrupt-middle.leases', 'truncated-tail.leases'])
    copyFileSync(join(repoRoot, 'samples', sample), join(admin, sample));
  copyFileSync(join(repoRoot, 'samples/systemd/leasecheck.conf'), join(admin, 'leasecheck.conf'));
  copyFileSync(
    join(repoRoot, 'samples/restart-pair/dhcpd-start-after-shutdown'),
    join(admin, 'dhcpd-start-after-shutdown'),
  );
  writeFileSync(join(admin, 'dhcpd.conf'), dhcpdConf);
  const npmCache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
  // The container has no network: its `npm install --offline` reads the host's cache, mounted
  // in. `npm ci` puts only the dependencies' tarballs there, not the registry's metadata an
  // install of the tarball resolves its dependencies with (ENOTCACHED on a machine whose cache
  // holds nothing else). Installing the tarball once here, into a scratch prefix, puts in the
  // cache exactly what the container's install reads.
  try {
    execFileSync(
      'npm',
      [
        'install',
        '--global',
        '--prefix',
        join(work, 'warm-cache'),
        '--prefer-offline',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--cache',
        npmCache,
        join(work, packed),
      ],
      { stdio: 'pipe' },
    );
  } catch (error) {
    notBooted = `npm could not fill its cache for the container's offline install: ${(error as Error).message}`;
    return;
  }
  mkdirSync(join(root, 'var/cache/host-npm'), { recursive: true });
  try {
    container = await boot(root, join(work, 'console.log'), {
      machine: `lc-${randomBytes(4).toString('hex')}`,
      overlays: existsSync(npmCache) ? [[npmCache, '/var/cache/host-npm']] : [],
    });
  } catch (error) {
    notBooted = (error as Error).message;
  }
}, DEBOOTSTRAP_TIMEOUT_MS + 180_000);

afterAll(async () => {
  if (container) await powerOff(container);
  if (work) rmSync(work, { recursive: true, force: true });
});

/**
 * The container, or a visible skip when this machine could not fetch or boot
 * it (no route to the mirror, a kernel or sandbox where nspawn cannot run
 * systemd): that is the machine's limit, not leasecheck's; the reason is
 * printed with the skip. A missing tool under CI=true fails above instead.
 */
function booted(ctx: { skip: (note?: string) => never }): Booted {
  if (container) return container;
  const reason = missing ?? notBooted;
  console.warn(`[fresh-debian-12] skipped: ${reason}`);
  return ctx.skip(reason);
}

function sh(c: Booted, command: string) {
  return inside(c, command);
}

const dhcpdPid = (c: Booted) => sh(c, 'pidof dhcpd').out.trim();
const journal = (c: Booted) => sh(c, 'journalctl -u isc-dhcp-server --no-pager -o cat').out;

describe.skipIf(missing !== null)(
  `a fresh Debian 12 with systemd as PID 1${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    it('npm install -g of the packed tarball puts leasecheck on the PATH and its man page where man finds it', async (ctx) => {
      const c = booted(ctx);
      expect(sh(c, 'command -v leasecheck').code).not.toBe(0);
      const install = await insideAsync(
        c,
        'cd /root && npm install --global --offline --no-audit --no-fund --cache /var/cache/host-npm /root/leasecheck.tgz',
      );
      expect(install.code, install.err).toBe(0);
      expect(sh(c, 'command -v leasecheck').out.trim()).toBe('/usr/local/bin/leasecheck');
      const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(sh(c, 'leasecheck --version').out.trim()).toBe(version.version);
      // man in the C locale of a fresh system, as the admin first reads it: no troff warning.
      const man = sh(c, 'MANWIDTH=80 man leasecheck');
      expect(man.code).toBe(0);
      expect(man.err).toBe('');
      expect(man.out).toMatch(/^LEASECHECK\(1\)/m);
      for (const command of ['check', 'repair', 'ready', 'restart-pair'])
        expect(man.out).toContain(command);
      expect(man.out).toMatch(/EXIT STATUS/);
    }, 300_000);

    it('leasecheck check on the live file the package created: clean, exit 0', (ctx) => {
      const c = booted(ctx);
      const r = sh(c, 'leasecheck check /var/lib/dhcp/dhcpd.leases');
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^\/var\/lib\/dhcp\/dhcpd\.leases: clean/);
    });

    it('with the drop-in installed, systemctl start isc-dhcp-server runs leasecheck first and dhcpd starts', (ctx) => {
      const c = booted(ctx);
      const setup = sh(
        c,
        [
          'set -e',
          'ip link add lc0 type veth peer name lc1',
          'ip addr add 192.0.2.1/24 dev lc0',
          'ip link set lc0 up',
          'ip link set lc1 up',
          'cp /root/dhcpd.conf /etc/dhcp/dhcpd.conf',
          `sed -i 's/^INTERFACESv4=.*/INTERFACESv4="lc0"/' /etc/default/isc-dhcp-server`,
          // As samples/systemd/leasecheck.conf says to install it.
          'install -D -m 644 /root/leasecheck.conf /etc/systemd/system/isc-dhcp-server.service.d/leasecheck.conf',
          'systemctl daemon-reload',
          'cp /root/clean-v4.leases /var/lib/dhcp/dhcpd.leases',
        ].join('\n'),
      );
      expect(setup.code, setup.err).toBe(0);
      expect(sh(c, 'systemctl show -p DropInPaths isc-dhcp-server').out).toContain(
        'leasecheck.conf',
      );
      const start = sh(
        c,
        'systemctl reset-failed isc-dhcp-server; systemctl start isc-dhcp-server',
      );
      expect(start.code, `${start.err}\n${journal(c)}`).toBe(0);
      expect(sh(c, 'systemctl is-active isc-dhcp-server').out.trim()).toBe('active');
      expect(dhcpdPid(c)).toMatch(/^\d+$/);
      expect(journal(c)).toMatch(/Server starting service/);
      expect(journal(c)).not.toMatch(/leasecheck: not starting dhcpd/);
    });

    it("ready on the journal of the start Debian's unit made (dhcpd -q: no banner, no file paths): ready, the start-up complete", (ctx) => {
      const c = booted(ctx);
      // Debian's init script starts dhcpd with -q: the journal has none of the
      // banner's lines, only the Wrote group and "Server starting service.".
      const lines = sh(c, 'journalctl -u isc-dhcp-server --no-pager -o short-iso').out;
      expect(lines).toMatch(/dhcpd\[\d+\]: Server starting service\./);
      expect(lines).not.toMatch(/dhcpd\[\d+\]: Internet Systems Consortium DHCP Server/);
      expect(lines).not.toMatch(/dhcpd\[\d+\]: Database file:/);
      const r = sh(
        c,
        'journalctl -u isc-dhcp-server --no-pager -o short-iso > /root/dhcpd.journal && leasecheck ready --log /root/dhcpd.journal',
      );
      expect(r.code, `${r.out}\n${r.err}`).toBe(0);
      expect(r.out).toMatch(/^ready \(host \S+, pid \d+\)/);
      expect(r.out).toContain('(no banner: dhcpd -q), start-up complete at');
      expect(r.out).not.toContain('is not in the log');
      expect(r.out).toContain(`pid ${dhcpdPid(c)}`);
    });

    it("a restart by Debian's unit (dhcpd -q to dhcpd -q): from the new dhcpd's first line, the new one is judged", (ctx) => {
      const c = booted(ctx);
      const old = dhcpdPid(c);
      expect(old).toMatch(/^\d+$/);
      const restart = sh(c, 'systemctl restart isc-dhcp-server');
      expect(restart.code, `${restart.err}\n${journal(c)}`).toBe(0);
      const now = dhcpdPid(c);
      expect(now).toMatch(/^\d+$/);
      expect(now).not.toBe(old);
      // The unit's start returns once dhcpd has forked: wait (10 s at most) for the end of its start-up.
      sh(
        c,
        `for i in $(seq 50); do journalctl -u isc-dhcp-server --no-pager -o cat _PID=${now} | grep -q 'Server starting service' && break; sleep 0.2; done`,
      );
      sh(c, 'journalctl -u isc-dhcp-server --no-pager -o short-iso > /root/restart.journal');
      // The journal as it stood when the new dhcpd had logged one line: its start-up's
      // Wrote group, the first thing dhcpd -q logs. The old process, complete and
      // ready, was judged there before: a false "ready" under --log-only.
      const first = sh(c, `grep -m1 'dhcpd\\[${now}\\]:' /root/restart.journal`).out;
      expect(first).toMatch(/: Wrote \d+ leases to leases file\./);
      sh(
        c,
        `awk '{ print } /dhcpd\\[${now}\\]:/ { exit }' /root/restart.journal > /root/starting.journal`,
      );
      const starting = sh(c, 'leasecheck ready --log-only --log /root/starting.journal');
      expect(starting.code, `${starting.out}\n${starting.err}`).toBe(4);
      expect(starting.out).toContain(`start-up not complete: dhcpd (pid ${now}) began at`);
      const whole = sh(c, 'leasecheck ready --log /root/restart.journal');
      expect(whole.code, `${whole.out}\n${whole.err}`).toBe(0);
      expect(whole.out).toMatch(new RegExp(`^ready \\(host \\S+, pid ${now}\\)`));
    });

    it('a lease file damaged in the middle: the drop-in stops the start, dhcpd does not run, the journal says why', async (ctx) => {
      const c = booted(ctx);
      expect(sh(c, 'systemctl stop isc-dhcp-server').code).toBe(0);
      // Debian's init script stops with `start-stop-daemon --stop` and no --retry: it
      // sends SIGTERM and returns before dhcpd has exited. On a busy machine dhcpd was
      // once still there when stop returned; give it up to 10 s.
      for (let i = 0; i < 50 && dhcpdPid(c) !== ''; i++)
        await new Promise((r) => setTimeout(r, 200));
      expect(dhcpdPid(c)).toBe('');
      sh(c, 'cp /root/corrupt-middle.leases /var/lib/dhcp/dhcpd.leases');
      const before = sh(c, 'sha256sum /var/lib/dhcp/dhcpd.leases').out;
      const start = sh(c, 'systemctl start isc-dhcp-server');
      expect(start.code).not.toBe(0);
      expect(sh(c, 'systemctl is-active isc-dhcp-server').out.trim()).toBe('failed');
      expect(dhcpdPid(c)).toBe('');
      expect(journal(c)).toMatch(
        /leasecheck: not starting dhcpd \(exit 4\); run: leasecheck repair \/var\/lib\/dhcp\/dhcpd\.leases/,
      );
      expect(sh(c, 'sha256sum /var/lib/dhcp/dhcpd.leases').out).toBe(before);
    });

    it('a lease file cut at its tail: the drop-in repairs it (with a backup) and dhcpd starts', (ctx) => {
      const c = booted(ctx);
      sh(
        c,
        'cp /root/truncated-tail.leases /var/lib/dhcp/dhcpd.leases; systemctl reset-failed isc-dhcp-server',
      );
      const start = sh(c, 'systemctl start isc-dhcp-server');
      expect(start.code, `${start.err}\n${journal(c)}`).toBe(0);
      expect(dhcpdPid(c)).toMatch(/^\d+$/);
      expect(sh(c, 'ls /var/lib/dhcp').out).toMatch(/dhcpd\.leases\.leasecheck-\d{8}T\d{6}Z\.bak/);
    });

    it("restart-pair's start command: after an OMAPI shutdown Debian's unit stays active, start does nothing, the sample restarts dhcpd", async (ctx) => {
      const c = booted(ctx);
      const old = dhcpdPid(c);
      expect(old).toMatch(/^\d+$/);
      const shutdown = sh(
        c,
        `leasecheck omapi shutdown --yes-shut-down-dhcpd --omapi 127.0.0.1:7911 --key omapi_key:${secret}`,
      );
      expect(shutdown.code, shutdown.err).toBe(0);
      // dhcpd goes through its shutdown stages on one-second timers (dhcp_io_shutdown_countdown),
      // a few seconds on an idle machine; on a machine busy with the rest of the suite, 10 s
      // were once not enough. 30 s.
      for (let i = 0; i < 150 && dhcpdPid(c) !== ''; i++)
        await new Promise((r) => setTimeout(r, 200));
      expect(dhcpdPid(c)).toBe('');
      // The premise of the sample: RemainAfterExit=yes keeps the generated unit "active (exited)".
      expect(sh(c, 'systemctl is-active isc-dhcp-server').out.trim()).toBe('active');
      sh(c, 'systemctl start isc-dhcp-server');
      expect(dhcpdPid(c)).toBe('');
      sh(
        c,
        'install -m 755 /root/dhcpd-start-after-shutdown /usr/local/sbin/dhcpd-start-after-shutdown',
      );
      const restart = sh(c, 'dhcpd-start-after-shutdown');
      expect(restart.code, `${restart.err}\n${journal(c)}`).toBe(0);
      const now = dhcpdPid(c);
      expect(now).toMatch(/^\d+$/);
      expect(now).not.toBe(old);
      expect(sh(c, 'systemctl is-active isc-dhcp-server').out.trim()).toBe('active');
    }, 180_000);
  },
);
