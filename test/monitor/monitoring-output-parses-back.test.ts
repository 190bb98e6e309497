import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/check/types.js';
import { renderNagios, renderNagiosUnknown } from '../../src/monitor/nagios.js';
import { renderPrometheus, renderPrometheusUnreadable } from '../../src/monitor/prometheus.js';
import { bindingStates } from '../../src/model/types.js';
import { fakeCheck, leaseFile } from '../repair/helpers/fake-check.js';
import { useTmp } from '../repair/helpers/tmp.js';
import { realFixtureDir } from '../helpers.js';

const now = new Date('2026-11-28T13:00:00Z');
const tmp = useTmp();

async function cleanReport(): Promise<CheckReport> {
  const file = join(tmp(), 'dhcpd.leases');
  writeFileSync(file, leaseFile(7), 'latin1');
  return fakeCheck(file, { now });
}

async function truncatedReport(): Promise<CheckReport> {
  const file = join(tmp(), 'dhcpd.leases');
  copyFileSync(`${realFixtureDir}/enospc-truncated.leases`, file);
  return fakeCheck(file, { now });
}

/** Parses one monitoring-plugin line: status, text and perfdata (label → value, uom, warn, crit). */
function parseNagios(text: string) {
  expect(text.endsWith('\n')).toBe(true);
  expect(text.trimEnd().includes('\n')).toBe(false);
  const m = /^LEASECHECK (OK|WARNING|CRITICAL|UNKNOWN) - ([^|]*?)(?: \| (.*))?$/.exec(
    text.trimEnd(),
  );
  expect(m).not.toBeNull();
  const perf: Record<string, { value: number; uom: string; warn: string; crit: string }> = {};
  for (const item of (m![3] ?? '').split(' ').filter(Boolean)) {
    const p = /^([a-z]+)=(-?[\d.]+)([a-zA-Z%]*);([^;]*);([^;]*);([^;]*);([^;]*)$/.exec(item);
    expect(p, item).not.toBeNull();
    perf[p![1]!] = { value: Number(p![2]), uom: p![3]!, warn: p![4]!, crit: p![5]! };
  }
  return { status: m![1]!, message: m![2]!, perf };
}

/** Parses the text exposition format strictly enough: HELP/TYPE before samples, labels, values. */
function parsePrometheus(text: string) {
  const samples: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  const typed = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const t = /^# TYPE (\w+) (gauge|counter)$/.exec(line);
    if (t) {
      typed.add(t[1]!);
      continue;
    }
    if (line.startsWith('# HELP ')) continue;
    const m = /^(\w+)\{(.*)\} (\S+)$/.exec(line);
    expect(m, line).not.toBeNull();
    expect(typed.has(m![1]!), `TYPE before ${m![1]}`).toBe(true);
    const labels: Record<string, string> = {};
    for (const l of m![2]!.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: m![1]!, labels, value: Number(m![3]) });
  }
  const get = (name: string, labels: Record<string, string> = {}) =>
    samples.filter(
      (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
    );
  return { samples, get };
}

describe('nagios output', () => {
  it('is OK for a clean file, with perfdata equal to the report', async () => {
    const report = await cleanReport();
    const result = renderNagios(report);
    const parsed = parseNagios(result.text);
    expect(result.exitCode).toBe(0);
    expect(parsed.status).toBe('OK');
    expect(parsed.perf.leases!.value).toBe(report.leases.distinct);
    expect(parsed.perf.active!.value).toBe(report.leases.byState.active ?? 0);
    expect(parsed.perf.free!.value).toBe(report.leases.byState.free ?? 0);
    expect(parsed.perf.backup!.value).toBe(report.leases.byState.backup ?? 0);
    expect(parsed.perf.bytes).toMatchObject({ value: report.bytes, uom: 'B' });
  });

  it('is CRITICAL (exit 2) for a truncated tail and for a corruption', async () => {
    const truncated = renderNagios(await truncatedReport());
    expect(truncated.exitCode).toBe(2);
    expect(parseNagios(truncated.text).message).toMatch(
      /truncated tail at line 449 \(lease 10\.0\.128\.150\); run leasecheck repair/,
    );
    const corrupt: CheckReport = {
      ...(await cleanReport()),
      verdict: 'corrupt',
      problems: [
        {
          code: 'syntax-error',
          severity: 'error',
          line: 12,
          column: 3,
          offset: 300,
          message: 'expected ";"',
        },
      ],
    };
    const r = renderNagios(corrupt);
    expect(r.exitCode).toBe(2);
    expect(parseNagios(r.text).message).toMatch(
      /corrupt: 1 problem\(s\), first at line 12: expected ";"/,
    );
    expect(parseNagios(r.text).perf.problems!.value).toBe(1);
  });

  it('is WARNING / CRITICAL when the file was not written for longer than --warning-age / --critical-age', async () => {
    const report = await cleanReport();
    const mtime = new Date(now.getTime() - 7200_000);
    expect(renderNagios(report, { mtime, warningAge: 3600, criticalAge: 86400 }).exitCode).toBe(1);
    const crit = renderNagios(report, { mtime, warningAge: 600, criticalAge: 3600 });
    expect(crit.exitCode).toBe(2);
    expect(parseNagios(crit.text).perf.age).toMatchObject({
      value: 7200,
      uom: 's',
      warn: '600',
      crit: '3600',
    });
    expect(renderNagios(report, { mtime, warningAge: 86400 }).exitCode).toBe(0);
  });

  it('is UNKNOWN (exit 3) when the file cannot be read', () => {
    const r = renderNagiosUnknown('/var/lib/dhcp/dhcpd.leases', 'permission denied');
    expect(r.exitCode).toBe(3);
    expect(parseNagios(r.text)).toMatchObject({
      status: 'UNKNOWN',
      message: '/var/lib/dhcp/dhcpd.leases: permission denied',
    });
  });
});

describe('prometheus output', () => {
  it('holds the report: ok, leases by state, problems, bytes, check time', async () => {
    for (const report of [await cleanReport(), await truncatedReport()]) {
      const m = parsePrometheus(
        renderPrometheus(report, { mtime: new Date(now.getTime() - 60_000) }),
      );
      const file = { file: report.file };
      expect(m.get('leasecheck_file_ok', file)[0]!.value).toBe(report.verdict === 'clean' ? 1 : 0);
      for (const state of bindingStates) {
        expect(m.get('leasecheck_leases', { ...file, state })[0]!.value).toBe(
          report.leases.byState[state] ?? 0,
        );
      }
      expect(m.get('leasecheck_problems', file)[0]!.value).toBe(report.problems.length);
      expect(m.get('leasecheck_file_bytes', file)[0]!.value).toBe(report.bytes);
      expect(m.get('leasecheck_last_check_timestamp_seconds', file)[0]!.value).toBe(
        now.getTime() / 1000,
      );
      expect(m.get('leasecheck_file_mtime_seconds', file)[0]!.value).toBe(
        now.getTime() / 1000 - 60,
      );
      expect(m.get('leasecheck_verdict', { ...file, verdict: report.verdict })[0]!.value).toBe(1);
    }
  });

  it('escapes file names in labels so they parse back', async () => {
    const report = { ...(await cleanReport()), file: '/srv/we"ird\\dir\nname.leases' };
    const m = parsePrometheus(renderPrometheus(report));
    expect(m.get('leasecheck_file_ok')[0]!.labels.file).toBe(report.file);
  });

  it('says not ok and not readable for an unreadable file', () => {
    const m = parsePrometheus(renderPrometheusUnreadable('/x.leases', now));
    expect(m.get('leasecheck_file_ok')[0]!.value).toBe(0);
    expect(m.get('leasecheck_file_readable')[0]!.value).toBe(0);
  });
});

describe('check --format … as the CLI runs it (runMonitorCheck)', () => {
  it('writes prometheus metrics atomically to --output, with mode 0644, and nagios UNKNOWN for a missing file', async () => {
    const { runMonitorCheck } = await import('../../src/monitor/run.js');
    const { readFileSync, statSync, readdirSync } = await import('node:fs');
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(file, leaseFile(3), 'latin1');
    const out = join(dir, 'leasecheck.prom');
    const r = await runMonitorCheck(file, { format: 'prometheus', now, output: out }, fakeCheck);
    expect(r).toEqual({ text: '', exitCode: 0 });
    expect(readFileSync(out, 'utf8')).toContain(`leasecheck_file_ok{file="${file}"} 1`);
    expect(statSync(out).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir).sort()).toEqual(['dhcpd.leases', 'leasecheck.prom']);
    const missing = await runMonitorCheck(join(dir, 'nope'), { format: 'nagios', now }, fakeCheck);
    expect(missing.exitCode).toBe(3);
    expect(missing.text).toMatch(/^LEASECHECK UNKNOWN - .*nope: no such file\n$/);
    const unreadable = await runMonitorCheck(
      join(dir, 'nope'),
      { format: 'prometheus', now },
      fakeCheck,
    );
    expect(unreadable.text).toContain('leasecheck_file_readable{file=');
  });
  it('refuses an --output that is a symlink, a FIFO, a device or a directory, and leaves it as it was', async () => {
    const { runMonitorCheck } = await import('../../src/monitor/run.js');
    const { lstatSync, mkdirSync, readFileSync, symlinkSync } = await import('node:fs');
    const { spawnSync } = await import('node:child_process');
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(file, leaseFile(3), 'latin1');
    const target = join(dir, 'target.prom');
    writeFileSync(target, 'before\n');
    const link = join(dir, 'link.prom');
    symlinkSync(target, link);
    const fifo = join(dir, 'fifo.prom');
    spawnSync('mkfifo', [fifo]);
    const directory = join(dir, 'dir.prom');
    mkdirSync(directory);
    // A device node of our own (root can make one): never a real one under /dev.
    const device = join(dir, 'null.prom');
    const made = spawnSync('mknod', [device, 'c', '1', '3']).status === 0;
    for (const [out, what] of [
      [link, 'a symbolic link'],
      [fifo, 'not a regular file'],
      [directory, 'a directory'],
      ...(made ? ([[device, 'not a regular file']] as const) : []),
    ] as const) {
      const kind = lstatSync(out).mode;
      await expect(
        runMonitorCheck(file, { format: 'prometheus', now, output: out }, fakeCheck),
      ).rejects.toThrow(`${out}: is ${what}`);
      expect(lstatSync(out).mode).toBe(kind);
    }
    expect(readFileSync(target, 'utf8')).toBe('before\n');
  });
});
