// A snapshot holding more of something than dhcpd said it wrote is not
// consistent: `compare` calls it `extra`, an error (count-mismatch), never
// `ok`. Through verifyLeaseFile the snapshot scan stops each counter at the
// logged count (what follows was appended after the snapshot), so `compare`
// is exercised on its own here with a scan allowed to count past the log.
import { describe, expect, it } from 'vitest';
import type { ProcessRun } from '../../src/log/history.js';
import type { LineRef } from '../../src/log/types.js';
import { compare } from '../../src/verify/compare.js';
import type { SnapshotRef } from '../../src/verify/select.js';
import { scanSnapshot, verifyLeaseFile, type VerifyReport } from '../../src/verify/index.js';
import { header, leases, now, startupLog, tempDir, write } from './helpers.js';

const at = (line: number): LineRef => ({ source: 'dhcpd.log', line, time: null });

/** The reference a log saying `Wrote <logged> leases` (v4, dhcpd 4.4.3-P1) gives. */
function referenceFor(logged: number): SnapshotRef {
  const run = {
    index: 0,
    host: null,
    pid: null,
    kind: 'startup',
    banner: at(1),
    version: '4.4.3-P1',
    configFile: null,
    databaseFile: null,
    pidFile: null,
    first: at(1),
    last: at(9),
    firstSeq: 1,
    lastSeq: 9,
    beganOtherwise: false,
    snapshots: [],
    startupComplete: null,
    listening: [],
    peers: new Map(),
    lastNormalPeer: null,
    complaints: [],
    inWroteGroup: false,
    fatal: null,
    exited: null,
  } satisfies ProcessRun;
  return {
    run,
    family: 'v4',
    group: {
      kind: 'startup',
      first: at(8),
      last: at(8),
      counts: { leases: logged },
      v6: null,
      lines: [{ ref: at(8), event: { type: 'wrote', what: 'leases', count: logged } }],
    },
  };
}

function emptyReport(file: string): VerifyReport {
  return {
    file,
    status: 'consistent',
    consistent: true,
    check: { verdict: 'clean', problems: 0, firstProblem: null },
    family: 'v4',
    server: null,
    reference: null,
    history: [],
    candidates: [],
    counts: [],
    snapshot: { endsBeforeLine: null, appended: 0, startupServerDuid: null },
    writer: { file: '4.4.3-P1', log: null, match: null },
    complaints: [],
    findings: [],
  };
}

/** compare() on a file of `inFile` leases against a log of `logged`, the scan not capped by the log. */
function compareLeases(inFile: number, logged: number): VerifyReport {
  const file = write(tempDir(), 'dhcpd.leases', header() + leases(0, inFile));
  const report = emptyReport(file);
  compare(report, referenceFor(logged), scanSnapshot(file, 'v4', { leases: inFile + 10 }));
  return report;
}

describe('compare: the snapshot against the logged counts', () => {
  it('more leases than dhcpd logged is `extra`, an error (count-mismatch), never ok', () => {
    const report = compareLeases(3, 2);
    expect(report.counts).toEqual([
      expect.objectContaining({ what: 'leases', logged: 2, found: 3, status: 'extra' }),
    ]);
    expect(report.findings).toEqual([
      expect.objectContaining({
        code: 'count-mismatch',
        severity: 'error',
        message: expect.stringMatching(/^dhcpd wrote 2 leases but the snapshot holds 3\b/),
      }),
    ]);
  });

  it('as many as logged is ok, with no finding; fewer is missing (data loss)', () => {
    const same = compareLeases(2, 2);
    expect(same.counts[0]).toMatchObject({ logged: 2, found: 2, status: 'ok' });
    expect(same.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const fewer = compareLeases(1, 2);
    expect(fewer.counts[0]).toMatchObject({ logged: 2, found: 1, status: 'missing' });
    expect(fewer.findings.map((f) => [f.code, f.severity])).toEqual([['data-loss', 'error']]);
  });
});

describe('verifyLeaseFile: leases past the logged count', () => {
  it('are taken as appended after the snapshot, so the counts agree', async () => {
    const dir = tempDir();
    const file = write(dir, 'dhcpd.leases', header() + leases(0, 3));
    const log = write(dir, 'dhcpd.log', startupLog(['Wrote 2 leases to leases file.']));
    const report = await verifyLeaseFile(file, { logs: [log], now });
    expect(report.counts.find((c) => c.what === 'leases')).toMatchObject({
      logged: 2,
      found: 2,
      status: 'ok',
    });
    expect(report.snapshot.appended).toBe(1);
  });
});
