import { describe, expect, it } from 'vitest';
import { verifyLeaseFile, type VerifyReport } from '../../src/verify/index.js';
import {
  header,
  lease,
  leases,
  linesOf,
  now,
  read,
  real,
  startupLog,
  tempDir,
  write,
} from './helpers.js';

/**
 * What the verify report says beyond its status: the wording of dhcpd's
 * miscounted counters and complaints, the writer version when one side does
 * not tell, the family of a mixed file, the reference and its history.
 */

async function verify(text: string, log: string): Promise<VerifyReport> {
  const dir = tempDir();
  return verifyLeaseFile(write(dir, 'dhcpd.leases', text), {
    logs: [write(dir, 'dhcpd.log', log)],
    now,
  });
}

const byCode = (report: VerifyReport, code: string) =>
  report.findings.filter((f) => f.code === code);

const dynamicHost =
  'host new-host {\n  dynamic;\n  hardware ethernet 00:11:22:33:44:66;\n  fixed-address 10.0.9.9;\n}\n';
const wrote = (dynamic: number): string[] => [
  `Wrote ${dynamic} new dynamic host decls to leases file.`,
  'Wrote 1 leases to leases file.',
];

describe("dhcpd's dynamic-host counter counts failed writes (server/mdb.c write_leases)", () => {
  it('0 is not a count: a note naming how many dynamic hosts the snapshot holds', async () => {
    const report = await verify(header() + dynamicHost + leases(0, 1), startupLog(wrote(0)));
    expect(report.status).toBe('consistent');
    expect(byCode(report, 'dynamic-host-counter')).toEqual([
      expect.objectContaining({
        severity: 'note',
        message:
          '"Wrote 0 new dynamic host decls" is not a count: dhcpd counts failed writes there (server/mdb.c write_leases); the snapshot holds 1 dynamic host(s)',
      }),
    ]);
  });

  it('1 means one dynamic host could not be written: an error', async () => {
    const report = await verify(header() + dynamicHost + leases(0, 1), startupLog(wrote(1)));
    expect(report.status).toBe('inconsistent');
    expect(byCode(report, 'dynamic-host-counter')).toEqual([
      expect.objectContaining({
        severity: 'error',
        message:
          'dhcpd logged "Wrote 1 new dynamic host decls", and that counter counts failed writes (server/mdb.c write_leases): 1 dynamic host(s) could not be written; the snapshot holds 1',
      }),
    ]);
  });
});

describe('the class counter', () => {
  it('subclasses: one note on the class count, none on the other counts', async () => {
    const text =
      header() +
      'class "vendor" {\n  match option vendor-class-identifier;\n}\n' +
      'subclass "vendor" "MSFT" {\n  dynamic;\n}\n' +
      leases(0, 1);
    const report = await verify(
      text,
      startupLog(['Wrote 1 class decls to leases file.', 'Wrote 1 leases to leases file.']),
    );
    expect(report.findings).toEqual([
      expect.objectContaining({
        code: 'class-counter',
        severity: 'note',
        message:
          'the class counter leaves out subclasses (server/mdb.c write_leases): the snapshot also holds 1 subclass declaration(s)',
        log: expect.objectContaining({ line: 8 }),
      }),
    ]);
  });

  it('classes without subclasses: no note about subclasses', async () => {
    const text =
      header() + 'class "vendor" {\n  match option vendor-class-identifier;\n}\n' + leases(0, 1);
    const report = await verify(
      text,
      startupLog(['Wrote 1 class decls to leases file.', 'Wrote 1 leases to leases file.']),
    );
    expect(report.status).toBe('consistent');
    expect(report.findings).toEqual([]);
  });
});

describe('a snapshot holding more than dhcpd wrote, with an address twice', () => {
  it('says how many of the extra leases name an address twice', async () => {
    // fo-secondary: a failover start-up snapshot, sealed by its failover-state block.
    const lines = linesOf(read(real('fo-secondary.leases')));
    lines.splice(36, 0, ...lines.slice(30, 36)); // lease 10.0.1.3 once more
    const dir = tempDir();
    const report = await verifyLeaseFile(
      write(dir, 'fo-secondary.leases', `${lines.join('\n')}\n`),
      { logs: [real('fo-secondary.log'), real('fo-secondary-2.log')], now },
    );
    const mismatch = byCode(report, 'count-mismatch');
    // It points at the line that closes the snapshot.
    expect(mismatch.map((f) => f.fileLine)).toEqual([report.snapshot.endsBeforeLine]);
    expect(mismatch.map((f) => f.message)).toEqual([
      expect.stringMatching(
        /^dhcpd wrote 10 leases but the snapshot holds 11 \(up to line \d+, failover-state, which closes it\): 1 more than dhcpd wrote, 1 of them naming an address twice$/,
      ),
    ]);
  });
});

describe('the writer version', () => {
  it('a file without its header line against a log with a banner: no verdict on the version, a note', async () => {
    const text = header().replace(/# This lease file was written by .*\n/, '') + leases(0, 1);
    const report = await verify(text, startupLog(['Wrote 1 leases to leases file.']));
    expect(report.writer).toEqual({ file: null, log: '4.4.3-P1', match: null });
    expect(byCode(report, 'writer-version').map((f) => f.severity)).toEqual(['note']);
    expect(report.status).toBe('consistent');
  });

  it('another version than the log banner: an error naming both, citing the header line and the banner', async () => {
    const report = await verify(
      header('4.4.2') + leases(0, 1),
      startupLog(['Wrote 1 leases to leases file.']),
    );
    expect(byCode(report, 'writer-version')).toEqual([
      {
        code: 'writer-version',
        severity: 'error',
        message:
          'the file was written by isc-dhcp-4.4.2, but the server in the log is 4.4.3-P1: this file is not the one it wrote',
        fileLine: 2,
        log: expect.objectContaining({ line: 1 }),
      },
    ]);
  });

  it('the same version on both sides: a match, no finding', async () => {
    const report = await verify(
      header() + leases(0, 1),
      startupLog(['Wrote 1 leases to leases file.']),
    );
    expect(report.writer).toEqual({ file: '4.4.3-P1', log: '4.4.3-P1', match: true });
    expect(byCode(report, 'writer-version')).toEqual([]);
  });
});

describe('the family and the reference', () => {
  it('a file with both v4 leases and v6 IAs has no family of its own', async () => {
    const ia =
      'ia-na "\\000\\000\\000\\001\\000\\001\\000\\001" {\n  cltt 6 2026/11/28 12:54:02;\n' +
      '  iaaddr fd00::1 {\n    binding state active;\n    preferred-life 375;\n    max-life 600;\n' +
      '    ends 6 2026/11/28 13:04:02;\n  }\n}\n';
    const report = await verify(
      header() + leases(0, 1) + ia,
      startupLog(['Wrote 1 leases to leases file.']),
    );
    expect(report.family).toBe('unknown');
  });

  it('v6: the reference has no lease count, its NA/TA/PD instead', async () => {
    const report = await verify(
      header(),
      startupLog(['Wrote 0 NA, 0 TA, 0 PD leases to lease file.'], '/var/lib/dhcp/dhcpd.leases'),
    );
    expect(report.reference).toMatchObject({
      kind: 'startup',
      family: 'v6',
      leases: null,
      v6: { na: 0, ta: 0, pd: 0 },
    });
  });

  it('earlier complete groups are the history; the newest is the reference; the server is named', async () => {
    const log =
      startupLog(['Wrote 1 leases to leases file.']) +
      'Wrote 0 deleted host decls to leases file.\nWrote 2 leases to leases file.\n';
    const report = await verify(header() + leases(0, 2), log);
    expect(report.status).toBe('consistent');
    expect(report.reference).toMatchObject({ kind: 'rewrite', leases: 2, first: { line: 12 } });
    expect(report.history).toEqual([
      expect.objectContaining({
        kind: 'startup',
        leases: 1,
        first: { line: 8, source: expect.any(String), time: null },
      }),
    ]);
    expect(report.server).toEqual({
      host: null,
      pid: null,
      databaseFile: '/var/lib/dhcp/dhcpd.leases',
      configFile: '/etc/dhcp/dhcpd.conf',
      version: '4.4.3-P1',
    });
    expect(report.check).toEqual({ verdict: 'clean', problems: 0, firstProblem: null });
  });
});

describe("dhcpd's complaints", () => {
  it('several: counted, with the first and last line (file:line when the log has no times)', async () => {
    const log =
      startupLog(['Wrote 1 leases to leases file.']) +
      'commit_leases: unable to commit, fsync(): No space left on device\n' +
      'commit_leases: unable to commit, fsync(): No space left on device\n';
    const dir = tempDir();
    const logPath = write(dir, 'dhcpd.log', log);
    const report = await verifyLeaseFile(write(dir, 'dhcpd.leases', header() + leases(0, 1)), {
      logs: [logPath],
      now,
    });
    expect(byCode(report, 'dhcpd-complaint')).toEqual([
      {
        code: 'dhcpd-complaint',
        severity: 'error',
        message: `dhcpd logged 2× "commit_leases: unable to commit, fsync(): No space left on device" (first ${logPath}:12, last ${logPath}:13): leases acknowledged to clients may be missing from the file`,
        log: expect.objectContaining({ line: 12 }),
      },
    ]);
  });

  it('one, not a commit failure: no times, no warning about acknowledged leases', async () => {
    const log = startupLog(['Wrote 1 leases to leases file.']) + 'lease 10.9.9.9: no subnet.\n';
    const report = await verify(header() + leases(0, 1) + lease('10.0.1.7'), log);
    expect(byCode(report, 'dhcpd-complaint').map((f) => f.message)).toEqual([
      'dhcpd logged 1× "lease 10.9.9.9: no subnet."',
    ]);
    expect(report.status).toBe('inconsistent');
  });
});
