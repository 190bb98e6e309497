// `leasecheck restart-pair` end to end against two real dhcpd 4.4.3 in
// network namespaces, one pair for every case (start-ups are the slow part):
// the command runs in a third namespace on the same LAN and reaches both
// servers' OMAPI; start commands start dhcpd again inside the server's
// namespace. Small mclt and max-response-delay keep the returns to normal short.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  answerGaps,
  cleanupAfterAll,
  delay,
  dhclientLease,
  gateOnFeatures,
  missingCommands,
  repoRoot,
  requireRealDhcpd,
  run,
  runOk,
  startFailoverPair,
  startPerfdhcp,
  cleanupTempDir,
  tool,
  type DhcpdServer,
  type FailoverPair,
  type RunResult,
} from '../harness/index.js';
import { renderEventLine } from '../../src/cli/render/restart-pair-text.js';
import type { RestartEvent } from '../../src/restart-pair/types.js';
import { pending } from './pending.js';

const gate = requireRealDhcpd(['dhclient']);
const feature = gate.skip
  ? { skip: true, reason: '' }
  : gateOnFeatures('restart-pair', await missingCommands(['restart-pair']), pending);

const OMAPI_PORT = 7911;
/** DISCOVERs a second from perfdhcp during the full restart. */
const CLIENT_RATE = 20;
/**
 * The longest a client may go with no answer from either server: a DHCP
 * client retransmits its DISCOVER after about 4 s, then 8 s (RFC 2131 4.1);
 * a stretch shorter than the first wait costs it at most one retransmission,
 * which no user sees.
 */
const UNANSWERED_BOUND_MS = 4_000;
const PEER = 'foo';
const bin = join(repoRoot, 'bin/leasecheck.js');
const secret = Buffer.from('restart-pair-key').toString('base64');
const keyArg = `omapikey:${secret}`;
const omapiStatements = `key omapikey { algorithm hmac-md5; secret "${secret}"; }
omapi-key omapikey;
omapi-port ${OMAPI_PORT};
`;

type Event = { event: string; step?: string; server?: string; status?: string } & Record<
  string,
  unknown
>;

function events(result: RunResult): Event[] {
  return result.stdout
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Event);
}

function alive(pid: number | null): boolean {
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(gate.skip || feature.skip)(
  'leasecheck restart-pair on a real failover pair',
  () => {
    const cleanup = cleanupAfterAll();
    let pair: FailoverPair;
    let dir: string;

    /** leasecheck run inside the client namespace, where both servers' OMAPI is reachable. */
    function leasecheckOnLan(args: readonly string[], timeoutMs = 120_000): Promise<RunResult> {
      return run(pair.client!.exec([process.execPath, bin, ...args]), {
        timeoutMs,
        env: { ...process.env, NO_COLOR: '1' },
      });
    }

    /** Waits (ready --omapi) until both servers see the peer normal on both sides. */
    async function bothNormalOverOmapi(): Promise<void> {
      for (const address of ['10.0.0.1', '10.0.0.3']) {
        const ready = await leasecheckOnLan([
          'ready',
          '--omapi',
          `${address}:${OMAPI_PORT}`,
          '--key',
          keyArg,
          '--peer',
          PEER,
          '--wait',
          '90',
        ]);
        expect(ready.code, `ready --omapi ${address}: ${ready.stdout}${ready.stderr}`).toBe(0);
      }
    }

    /**
     * A start command as an admin would write it for a host: wait until the
     * old dhcpd is gone, optionally `repair --preen` the lease file, then
     * start dhcpd in the background (its log appended to the usual file) and
     * note its pid.
     */
    function startCommand(
      server: DhcpdServer,
      options: { conf?: string; preen?: boolean; cutTail?: number } = {},
    ): string {
      const q = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
      const oldPid = server.pid ?? 0;
      const dhcpd = server.options.host.exec([
        tool('dhcpd'),
        '-d',
        '-4',
        '-cf',
        options.conf ?? server.confPath,
        '-lf',
        server.leasePath,
        '-pf',
        server.pidPath,
        server.options.host.iface,
      ]);
      return [
        `while kill -0 ${oldPid} 2>/dev/null; do sleep 0.2; done`,
        ...(options.cutTail ? [`truncate -s -${options.cutTail} ${q(server.leasePath)}`] : []),
        ...(options.preen
          ? [
              `${q(process.execPath)} ${q(bin)} repair --preen ${q(server.leasePath)}; rc=$?; [ $rc -le 1 ] || exit $rc`,
            ]
          : []),
        `${dhcpd.map(q).join(' ')} >>${q(server.logPath)} 2>&1 &`,
        `echo $! > ${q(join(server.dir, 'restarted.pid'))}`,
      ].join('\n');
    }

    function restartPair(
      startPrimary: string,
      startSecondary: string,
      extra: string[] = [],
    ): Promise<RunResult> {
      return leasecheckOnLan([
        'restart-pair',
        '--peer',
        PEER,
        '--primary',
        `10.0.0.1:${OMAPI_PORT}`,
        '--secondary',
        `10.0.0.3:${OMAPI_PORT}`,
        '--key',
        keyArg,
        '--start-primary',
        startPrimary,
        '--start-secondary',
        startSecondary,
        '--json',
        ...extra,
      ]);
    }

    /** Starts the secondary again by the harness after a case left it stopped, and waits for normal. */
    async function bringSecondaryBack(): Promise<void> {
      await pair.secondary.exited();
      await pair.secondary.start();
      await bothNormalOverOmapi();
    }

    beforeAll(async () => {
      pair = await startFailoverPair(cleanup, {
        withClient: true,
        extra: omapiStatements,
        mclt: 10,
        maxResponseDelay: 10,
      });
      dir = await cleanupTempDir(cleanup, 'restart-pair');
      await bothNormalOverOmapi();
    }, 180_000);

    it('a key the servers do not accept: exit 8 at pre-flight, nothing stopped', async () => {
      const before = [pair.primary.pid, pair.secondary.pid];
      const wrong = `omapikey:${Buffer.from('not-the-secret!!').toString('base64')}`;
      const result = await leasecheckOnLan([
        'restart-pair',
        '--peer',
        PEER,
        '--primary',
        `10.0.0.1:${OMAPI_PORT}`,
        '--secondary',
        `10.0.0.3:${OMAPI_PORT}`,
        '--key',
        wrong,
        '--start-primary',
        'exit 99',
        '--start-secondary',
        'exit 99',
      ]);
      expect(result.code, result.stdout + result.stderr).toBe(8);
      expect(result.stdout).toMatch(
        /restart-pair stopped at preflight of the primary: .*the secret differs/,
      );
      expect(result.stdout).toMatch(/next: give the key/);
      expect([pair.primary.pid, pair.secondary.pid]).toEqual(before);
      expect(before.every(alive)).toBe(true);
    });

    it('refuses at pre-flight when the partners are communications-interrupted (exit 4), and stops nothing', async () => {
      const before = [pair.primary.pid, pair.secondary.pid];
      // The secondary can no longer reach the primary; both still answer OMAPI from the client.
      const blackhole = [tool('ip'), '-n', pair.secondary.options.host.netns, 'route'];
      await runOk([...blackhole, 'add', 'blackhole', '10.0.0.1/32']);
      try {
        await pair.primary.waitForLog(/I move from normal to communications-interrupted/, 60_000);
        const result = await restartPair('exit 99', 'exit 99');
        expect(result.code, result.stdout + result.stderr).toBe(4);
        const abort = events(result).find((e) => e.event === 'abort');
        expect(abort).toMatchObject({ step: 'preflight', exitCode: 4 });
        expect(String(abort?.reason)).toMatch(/communications-interrupted/);
        expect(events(result).some((e) => e.event === 'step')).toBe(false);
        expect([pair.primary.pid, pair.secondary.pid]).toEqual(before);
        expect(before.every(alive)).toBe(true);
      } finally {
        await runOk([...blackhole, 'del', 'blackhole', '10.0.0.1/32']);
      }
      await bothNormalOverOmapi();
    }, 150_000);

    it('--dry-run on the healthy pair: pre-flight passes, the plan is printed, nothing stopped', async () => {
      const before = [pair.primary.pid, pair.secondary.pid];
      const result = await restartPair('exit 99', 'exit 99', ['--dry-run']);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const all = events(result);
      expect(all.find((e) => e.event === 'plan')).toMatchObject({
        order: ['secondary', 'primary'],
        dryRun: true,
      });
      expect(all.some((e) => e.event === 'step' || e.event === 'command')).toBe(false);
      expect([pair.primary.pid, pair.secondary.pid]).toEqual(before);
    });

    it("the secondary's start command fails: exit 8, the primary untouched", async () => {
      const primaryPid = pair.primary.pid;
      const result = await restartPair(
        'exit 99',
        'echo "Job for isc-dhcp-server.service failed" >&2; exit 1',
      );
      expect(result.code, result.stdout + result.stderr).toBe(8);
      const all = events(result);
      expect(all.find((e) => e.event === 'abort')).toMatchObject({
        step: 'start',
        server: 'secondary',
        restarted: [],
      });
      expect(all.find((e) => e.event === 'command')).toMatchObject({
        server: 'secondary',
        result: { code: 1, output: 'Job for isc-dhcp-server.service failed\n' },
      });
      expect(all.some((e) => e.server === 'primary' && e.event === 'step')).toBe(false);
      // The secondary was stopped gracefully (exit 0), the primary still runs as before.
      expect(await pair.secondary.exited()).toEqual({ code: 0, signal: null });
      expect(pair.primary.pid).toBe(primaryPid);
      expect(alive(primaryPid)).toBe(true);
      await bringSecondaryBack();
    }, 150_000);

    it('the secondary starts with a broken dhcpd.conf ("exiting."): exit 4 within --timeout, the primary untouched and serving', async () => {
      const primaryPid = pair.primary.pid;
      const broken = join(dir, 'broken.conf');
      await writeFile(
        broken,
        `${await readFile(pair.secondary.confPath, 'latin1')}\nthis is not a statement;\n`,
      );
      const logBefore = (await pair.secondary.log()).length;
      const started = Date.now();
      const result = await restartPair('exit 99', startCommand(pair.secondary, { conf: broken }), [
        '--timeout',
        '15',
      ]);
      const elapsed = Date.now() - started;
      expect(result.code, result.stdout + result.stderr).toBe(4);
      expect(events(result).find((e) => e.event === 'abort')).toMatchObject({
        step: 'wait',
        server: 'secondary',
        exitCode: 4,
      });
      // Stop (a few seconds), start command, then at most --timeout 15 s of waiting.
      expect(elapsed).toBeLessThan(60_000);
      expect((await pair.secondary.log()).slice(logBefore)).toMatch(/^exiting\.$/m);
      expect(pair.primary.pid).toBe(primaryPid);
      expect(alive(primaryPid)).toBe(true);
      const lease = await dhclientLease(cleanup, pair.client!);
      expect(lease.address).toMatch(/^10\.0\.1\.\d+$/);
      await bringSecondaryBack();
    }, 180_000);

    it("a full restart, the secondary's lease file cut at its tail: preen repairs it, secondary first, both pids change, both normal, clients answered throughout", async () => {
      const before = { primary: pair.primary.pid, secondary: pair.secondary.pid };
      // Clients asking all along: 20 DISCOVERs a second from 8 clients (each
      // keeps its address, so the 21-address pool never runs dry), until
      // after the pair is normal again; -x t reports when each got its OFFER.
      const clients = await startPerfdhcp(cleanup, pair.client!, {
        rate: CLIENT_RATE,
        clients: 8,
        seconds: 600,
        extraArgs: ['-x', 't'],
      });
      await delay(2_000);
      const result = await restartPair(
        startCommand(pair.primary, { preen: true }),
        startCommand(pair.secondary, { preen: true, cutTail: 25 }),
        ['--timeout', '90'],
      );
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const all = events(result);
      const stops = all.filter(
        (e) => e.event === 'step' && e.step === 'stop' && e.status === 'begin',
      );
      expect(stops.map((e) => e.server)).toEqual(['secondary', 'primary']);
      const secondaryCommand = all.find(
        (e) => e.event === 'command' && e.server === 'secondary',
      ) as { result: { code: number; output: string } } | undefined;
      expect(secondaryCommand?.result.code).toBe(0);
      expect(secondaryCommand?.result.output).toMatch(/: removed truncated .*; backup /);
      // The progress as people see it, for the CI log.
      console.log(all.map((e) => renderEventLine(e as unknown as RestartEvent)).join(''));
      expect(all.at(-1)).toMatchObject({
        event: 'finished',
        exitCode: 0,
        restarted: ['secondary', 'primary'],
      });
      for (const role of ['primary', 'secondary'] as const) {
        const server = pair[role];
        const now = Number((await readFile(join(server.dir, 'restarted.pid'), 'latin1')).trim());
        expect(now, role).not.toBe(before[role]);
        expect(alive(now), `${role} runs again`).toBe(true);
        expect(alive(before[role]), `${role}'s old process is gone`).toBe(false);
      }
      await bothNormalOverOmapi();
      await delay(2_000);
      await clients.stop('SIGINT');
      const output = await clients.output();
      const gaps = answerGaps(output);
      expect(gaps, output.slice(0, 2_000)).not.toBeNull();
      const at = (event: Event | undefined) => Date.parse(String(event?.time));
      const step = (server: string, name: string, status: string) =>
        all.find(
          (e) =>
            e.event === 'step' && e.server === server && e.step === name && e.status === status,
        );
      const down = (server: string) =>
        (at(step(server, 'wait', 'done')) - at(step(server, 'stop', 'begin'))) / 1000;
      const whole = (at(all.at(-1)) - at(step('secondary', 'stop', 'begin'))) / 1000;
      console.log(
        `clients during the restart: ${gaps!.answered} of ${gaps!.sent} DISCOVERs answered; ` +
          `longest with no answer from either server ${gaps!.longest.toFixed(2)} s ` +
          `(from ${gaps!.longestFrom.toFixed(1)} s); restart ${whole.toFixed(1)} s, ` +
          `secondary down ${down('secondary').toFixed(1)} s, primary down ${down('primary').toFixed(1)} s`,
      );
      // The clients asked throughout: before, during and after the restart.
      expect(gaps!.sent).toBeGreaterThan(CLIENT_RATE * whole);
      expect(gaps!.last * 1000).toBeGreaterThan(
        (gaps!.sent / CLIENT_RATE) * 1000 - UNANSWERED_BOUND_MS,
      );
      // While one server restarts, its partner keeps answering: no stretch in
      // which neither server answered any client lasts as long as either
      // server was down (that would be the pair down together), nor longer
      // than a client's first DISCOVER retransmission (RFC 2131 4.1: about
      // 4 s). This is the pair's silence, not one client's wait: a client
      // whose hash belongs to the stopped server is answered by its partner
      // once the partner has noticed (at most max-response-delay) or once
      // the client's retransmissions say secs >= load balance max seconds.
      expect(gaps!.longest * 1000).toBeLessThan(UNANSWERED_BOUND_MS);
      expect(gaps!.longest).toBeLessThan(Math.min(down('secondary'), down('primary')));
    }, 240_000);
  },
);
