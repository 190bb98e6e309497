import { describe, expect, it } from 'vitest';
import { toLogEntry, LogHistory } from '../../src/log/index.js';
import { judge, linesOf, now, readyLines, verdictsPerLine } from './helpers.js';
import { checkReady } from '../../src/ready/index.js';
import { repoRoot, tempDir, write } from '../helpers.js';

/**
 * `dhcpd -q`, which is how Debian's init script (and so its
 * isc-dhcp-server unit) starts dhcpd, logs no banner, no `Config file:`,
 * `Database file:` or `PID file:` and no interfaces: a start-up shows only
 * as its `Wrote` group and "Server starting service." (the real dhcpd
 * 4.4.3-P1, started with -q and its syslog read; test/systemd runs it through
 * Debian's own unit). `ready` must still see it as a start-up: before, a
 * server without failover was never ready, and one with failover was
 * judged with the warning that its start-up was not in the log.
 */

const fullRestart = linesOf(`${repoRoot}/samples/logs/secondary-restart.syslog`);
/** The sample restart of the secondary, as dhcpd -q logs it: the banner, the paths and interfaces left out. */
const quietRestart = fullRestart.filter(
  (line) =>
    !/dhcpd\[\d+\]: (Internet Systems Consortium|Copyright|All rights|For info|Config file|Database file|PID file|Listening on|Sending on)/.test(
      line,
    ),
);

/** What the real dhcpd 4.4.3-P1 -q logged to syslog for a start-up without failover. */
const standalone = [
  'Dec  7 15:37:50 dhcp-c dhcpd[25183]: Wrote 1 leases to leases file.',
  'Dec  7 15:37:50 dhcp-c dhcpd[25183]: Server starting service.',
];

describe('a start-up of dhcpd -q (no banner)', () => {
  it('without failover: ready once "Server starting service." is logged, not before', () => {
    expect(readyLines(verdictsPerLine(standalone))).toEqual([2]);
    const report = judge(standalone);
    expect(report.ready).toBe(true);
    expect(report.warnings).toEqual([]);
    expect(report.process).toMatchObject({ kind: 'startup', banner: null, pid: 25183 });
    expect(report.process?.startupComplete?.line).toBe(2);
  });

  it('before "Server starting service.": not ready, and the reason names the line that is missing', () => {
    const report = judge(standalone.slice(0, 1));
    expect(report.ready).toBe(false);
    expect(report.reasons[0]).toMatch(
      /^no start-up of dhcpd in the log \(no banner, and no "Server starting service\."/,
    );
  });

  it('a failover restart: judged as a start-up, with no warning that the start-up is missing', () => {
    const report = judge(quietRestart);
    expect(report.ready).toBe(true);
    expect(report.process).toMatchObject({ kind: 'startup', banner: null, pid: 4307 });
    expect(report.warnings.join('\n')).not.toMatch(/not in the log/);
    // Ready from the same line as the log with the banner: the failover lines decide, as there.
    const firstReady = (lines: string[]) => lines[verdictsPerLine(lines).indexOf(true)];
    expect(firstReady(quietRestart)).toBe(firstReady(fullRestart));
    expect(firstReady(quietRestart)).toBeDefined();
  });

  it("the start-up's Wrote group is the start-up's snapshot (verify holds the file to it), not an hourly rewrite", () => {
    const history = new LogHistory();
    standalone.forEach((text, i) => history.push(toLogEntry(text, 'log', i + 1, now)!));
    const run = history.hosts.get('dhcp-c')!.runs[0]!;
    expect(run.kind).toBe('startup');
    expect(run.snapshots.map((s) => s.kind)).toEqual(['startup']);
  });

  it('a process with no pid in its lines (dhcpd -d, journalctl -o cat) is not taken for a quiet start-up', () => {
    // Without a pid, lines of a process that began before the log and of a new
    // one cannot be told apart: "Server starting service." alone proves no start.
    const pidless = standalone.map((line) =>
      line.replace(/ dhcp-c dhcpd\[\d+\]:/, ' dhcp-c dhcpd:'),
    );
    const report = judge(pidless);
    expect(report.ready).toBe(false);
    expect(report.process).toMatchObject({ kind: 'running' });
  });

  it('journalctl -o cat of a quiet start (no pid, no "PID file:"): not ready, and the way to a log that tells', async () => {
    // The messages alone, as `journalctl -u isc-dhcp-server -o cat` prints them.
    const messages = quietRestart
      .filter((line) => / dhcpd\[\d+\]: /.test(line))
      .map((line) => line.replace(/^.*? dhcpd\[\d+\]: /, ''));
    const log = write(tempDir('quiet'), 'cat.log', `${messages.join('\n')}\n`);
    const report = await checkReady({
      logs: [log],
      now,
      probe: {
        hostname: () => 'dhcp-b',
        process: async () => null,
        pidFile: async () => null,
        modified: async () => null,
      },
    });
    expect(report.ready).toBe(false);
    expect(report.liveness).toMatchObject({ method: 'impossible', running: null });
    expect(report.reasons.join('\n')).toMatch(/give journalctl -o short-iso/);
  });

  describe('a quiet restart after a start-up the log shows (another pid)', () => {
    /** The quiet restart, six minutes later, by a new process. */
    const laterQuiet = (pid: number): string[] =>
      quietRestart
        .filter((line) => / dhcpd\[\d+\]: /.test(line))
        .map((line) =>
          line
            .replace(/^Nov 28 12:5(\d)/, (_, m: string) => `Nov 28 12:5${Number(m) + 6}`)
            .replace(/dhcpd\[4307\]/, `dhcpd[${pid}]`),
        );
    const newProcess = laterQuiet(5012);

    it('is judged from its first line: not ready until it is ready itself, never on the old process', () => {
      // Before, the old process (complete, failover normal) was judged until the new one
      // logged "Server starting service.": `ready --log-only` said ready in between.
      const lines = [...fullRestart, ...newProcess];
      const verdicts = verdictsPerLine(lines);
      expect(verdicts[fullRestart.length - 1]).toBe(true);
      const after = verdicts.slice(fullRestart.length);
      const quietAlone = verdictsPerLine(newProcess);
      expect(after).toEqual(quietAlone);
      expect(after[0]).toBe(false);
      expect(after.at(-1)).toBe(true);

      const starting = judge([...fullRestart, newProcess[0]!]);
      expect(newProcess[0]).toMatch(/Wrote 10 leases/);
      expect(starting.ready).toBe(false);
      expect(starting.process).toMatchObject({
        pid: 5012,
        kind: 'startup',
        banner: null,
        startupComplete: null,
      });
      expect(starting.reasons[0]).toBe(
        'start-up not complete: dhcpd (pid 5012) began at 2026-11-28T12:58:59.000Z with no banner (dhcpd -q); "Server starting service." not logged yet',
      );
      expect(judge(lines).process).toMatchObject({ pid: 5012, kind: 'startup' });
    });

    it('the same after a quiet start-up (dhcpd -q restarted by dhcpd -q)', () => {
      const lines = [...quietRestart, ...newProcess];
      const after = verdictsPerLine(lines).slice(quietRestart.length);
      expect(verdictsPerLine(quietRestart).at(-1)).toBe(true);
      expect(after).toEqual(verdictsPerLine(newProcess));
      expect(after[0]).toBe(false);
    });

    it('a process that logs lease-file complaints before its Wrote group is still a start-up under way', () => {
      const complaint =
        'Nov 28 12:58:59 dhcp-b dhcpd[5012]: /var/lib/dhcp/fo-secondary.leases line 40: unexpected end of file';
      const report = judge([...fullRestart, complaint, newProcess[0]!]);
      expect(report.ready).toBe(false);
      expect(report.process).toMatchObject({ pid: 5012, kind: 'startup' });
    });

    it('not when the older process logs on after it: that one still runs, and is judged', () => {
      const ack =
        'Nov 28 12:59:30 dhcp-b dhcpd[4307]: DHCPACK on 10.0.0.10 to 52:54:00:12:34:56 via et3';
      const report = judge([...fullRestart, newProcess[0]!, ack]);
      expect(report.ready).toBe(true);
      expect(report.process).toMatchObject({ pid: 4307 });
      // Logged between the new process's first line and its Wrote group: no replacement either.
      const complaint =
        'Nov 28 12:58:59 dhcp-b dhcpd[5012]: /var/lib/dhcp/fo-secondary.leases line 40: unexpected end of file';
      const before = new LogHistory();
      [...fullRestart, complaint, ack, newProcess[0]!].forEach((text, i) => {
        const entry = toLogEntry(text, 'log', i + 1, now);
        if (entry) before.push(entry);
      });
      expect(before.hosts.get('dhcp-b')!.runs.find((r) => r.pid === 5012)).toMatchObject({
        kind: 'running',
      });
    });

    it('not a process whose lines began otherwise (its Wrote is an hourly rewrite)', () => {
      const ack =
        'Nov 28 12:58:50 dhcp-b dhcpd[5012]: DHCPACK on 10.0.0.10 to 52:54:00:12:34:56 via et3';
      const report = judge([...fullRestart, ack, newProcess[0]!]);
      expect(report.process).toMatchObject({ pid: 4307, kind: 'startup' });
    });

    it('not a dhcpd -6 whose first line is its Wrote group: it is another server', () => {
      const v6 = 'Nov 28 12:58:59 dhcp-b dhcpd[5012]: Wrote 2 NA, 0 TA, 0 PD leases to lease file.';
      const history = new LogHistory();
      [...fullRestart, v6].forEach((text, i) => {
        const entry = toLogEntry(text, 'log', i + 1, now);
        if (entry) history.push(entry);
      });
      const runs = history.hosts.get('dhcp-b')!.runs;
      expect(runs.find((r) => r.pid === 5012)).toMatchObject({ kind: 'running' });
    });
  });
});
