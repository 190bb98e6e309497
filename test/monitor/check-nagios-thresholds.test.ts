// `check --format nagios -w/-c` take Nagios plugin ranges on the seconds since
// the lease file was last written (as check_file_age does): `-w 7200` is
// WARNING when the file is older than two hours. `--warning-age N` stays the
// same as `-w N`. A bad range is the plugin's UNKNOWN (exit 3), never an OK.
import { spawnSync } from 'node:child_process';
import { copyFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderNagios } from '../../src/monitor/nagios.js';
import { parseNagiosRange } from '../../src/monitor/nagios-range.js';
import { checkLeaseFile } from '../../src/check/index.js';
import { repoRoot, tempDir } from '../helpers.js';

const bin = join(repoRoot, 'bin/leasecheck.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], {
    encoding: 'latin1',
    env: { ...process.env, NO_COLOR: '1' },
  });

/** A copy of the clean sample, last written at MTIME. */
function leaseFileWrittenAt(mtime: Date): string {
  const file = join(tempDir('nagios-age'), 'dhcpd.leases');
  copyFileSync(join(repoRoot, 'samples/clean-v4.leases'), file);
  utimesSync(file, mtime, mtime);
  return file;
}

const written = new Date('2026-12-01T10:00:00Z');
/** --now two hours (7200 s) after the file was written. */
const twoHoursLater = '2026-12-01T12:00:00Z';

function perfAge(stdout: string): string {
  return /\bage=([^ \n]*)/.exec(stdout)?.[1] ?? '';
}

describe('check --format nagios -w/-c: Nagios ranges on the age of the lease file', () => {
  it('a plain number alerts when the file is older than that many seconds, CRITICAL before WARNING', () => {
    const file = leaseFileWrittenAt(written);
    const cases: Array<[string[], number, RegExp]> = [
      [
        ['-w', '3600', '-c', '86400'],
        1,
        /^LEASECHECK WARNING - .*not written for 7200s \(warning above 3600s\)/,
      ],
      [
        ['-w', '600', '-c', '3600'],
        2,
        /^LEASECHECK CRITICAL - .*not written for 7200s \(critical above 3600s\)/,
      ],
      [['-w', '86400', '-c', '172800'], 0, /^LEASECHECK OK - .*clean/],
      [['-w', '7200'], 0, /^LEASECHECK OK - /], // the range is inclusive: 7200 is inside 0..7200
      [['-w', '7199'], 1, /^LEASECHECK WARNING - /],
    ];
    for (const [thresholds, code, pattern] of cases) {
      const r = run('check', file, '--format', 'nagios', '--now', twoHoursLater, ...thresholds);
      expect({ thresholds, code: r.status }).toEqual({ thresholds, code });
      expect(r.stdout).toMatch(pattern);
    }
  });

  it('the range forms: N: (alert below N), A:B (outside), @A:B (inside)', () => {
    const file = leaseFileWrittenAt(written);
    const status = (...thresholds: string[]) =>
      run('check', file, '--format', 'nagios', '--now', twoHoursLater, ...thresholds).status;
    expect(status('-w', '10000:')).toBe(1); // 7200 s is below 10000
    expect(status('-w', '60:')).toBe(0);
    expect(status('-c', '60:3600')).toBe(2);
    expect(status('-c', '60:86400')).toBe(0);
    expect(status('-c', '@3600:86400')).toBe(2);
    expect(status('-c', '@0:60')).toBe(0);
    expect(status('-w', '~:7000')).toBe(1);
  });

  it('the perfdata carries the ranges as given, so graphs draw the thresholds', () => {
    const file = leaseFileWrittenAt(written);
    const r = run(
      'check',
      file,
      '--format',
      'nagios',
      '--now',
      twoHoursLater,
      '-w',
      '60:7000',
      '-c',
      '@0:30',
    );
    expect(perfAge(r.stdout)).toBe('7200s;60:7000;@0:30;0;');
    const legacy = run(
      'check',
      file,
      '--format',
      'nagios',
      '--now',
      twoHoursLater,
      '--warning-age',
      '3600',
      '--critical-age',
      '86400',
    );
    const ranges = run(
      'check',
      file,
      '--format',
      'nagios',
      '--now',
      twoHoursLater,
      '-w',
      '3600',
      '-c',
      '86400',
    );
    expect(legacy.stdout).toBe(ranges.stdout);
    expect(legacy.status).toBe(ranges.status);
  });

  it('a damaged file stays CRITICAL whatever the age thresholds say', () => {
    const r = run(
      'check',
      join(repoRoot, 'samples/truncated-tail.leases'),
      '--format',
      'nagios',
      '-w',
      '999999999',
      '-c',
      '999999999',
    );
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^LEASECHECK CRITICAL - .*truncated tail/);
  });

  it('a bad range, or both -w and --warning-age, is UNKNOWN on stdout with exit 3 and one leasecheck: line', () => {
    const file = leaseFileWrittenAt(written);
    for (const args of [
      ['-w', 'abc'],
      ['-c', '20:10'],
      ['-w', '80%'],
      ['-w', '60', '--warning-age', '60'],
      ['-c', '60', '--critical-age', '60'],
    ]) {
      const r = run('check', file, '--format', 'nagios', ...args);
      expect({ args, code: r.status }).toEqual({ args, code: 3 });
      expect(r.stdout).toMatch(/^LEASECHECK UNKNOWN - [^\n]+\n$/);
      expect(r.stderr).toMatch(/^leasecheck: [^\n]+\n$/);
    }
  });

  it('-w/-c outside --format nagios are usage errors (exit 16): nothing would judge them', () => {
    const file = leaseFileWrittenAt(written);
    for (const format of [[], ['--format', 'json'], ['--format', 'prometheus']]) {
      const r = run('check', file, ...format, '-w', '60');
      expect({ format, code: r.status }).toEqual({ format, code: 16 });
      expect(r.stderr).toMatch(/^leasecheck: -w: not used with --format/);
    }
  });
});

describe('renderNagios with ranges (the library)', () => {
  it('a range N is the same judgement as warningAge N, at the boundary too', async () => {
    const file = leaseFileWrittenAt(written);
    const report = await checkLeaseFile(file, { now: new Date(twoHoursLater) });
    for (const seconds of [7199, 7200, 7201]) {
      const byRange = renderNagios(report, {
        mtime: written,
        warning: parseNagiosRange(String(seconds))!,
      });
      const bySeconds = renderNagios(report, { mtime: written, warningAge: seconds });
      expect(byRange).toEqual(bySeconds);
    }
  });
});
