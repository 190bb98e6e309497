import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { verifyLeaseFile } from '../../src/verify/index.js';
import { header, lease, leases, now, startupLog, tempDir, write } from './helpers.js';

/**
 * verifyLeaseFile's own steps: the file's family from its declarations, which
 * complaints count (only those after the reference, a v6 one included), the
 * logs read from standard input, and the report of a file with nothing to
 * verify against.
 */

const serverDuid = 'server-duid "\\000\\001\\000\\001";\n';
const ia = (kind: 'ia-na' | 'ia-ta', n: number): string =>
  `${kind} "\\000\\000\\000${n}\\000\\001\\000\\001" {\n  cltt 6 2026/11/28 12:54:02;\n` +
  `  iaaddr fd00::${n} {\n    binding state active;\n    preferred-life 375;\n` +
  '    max-life 600;\n    ends 6 2026/11/28 13:04:02;\n  }\n}\n';
const v6file = header() + serverDuid + ia('ia-na', 1) + ia('ia-ta', 2);
const v6wrote = 'Wrote 1 NA, 1 TA, 0 PD leases to lease file.';
const corrupt = 'Corrupt lease file - possible data loss!';

async function verify(text: string, log: string) {
  const dir = tempDir();
  return verifyLeaseFile(write(dir, 'dhcpd6.leases', text), {
    logs: [write(dir, 'dhcpd.log', log)],
    now,
  });
}

describe('verifyLeaseFile', () => {
  it('a file with as many ia-ta as ia-na (and no ia-pd) is a v6 file', async () => {
    const report = await verify(v6file, startupLog([v6wrote], '/var/lib/dhcp/dhcpd6.leases'));
    expect(report.family).toBe('v6');
    expect(report.status).toBe('consistent');
    expect(report.consistent).toBe(true);
  });

  it('a complaint logged before the v6 reference is not held against the file; one after it is', async () => {
    const before = await verify(
      v6file,
      startupLog([corrupt, v6wrote], '/var/lib/dhcp/dhcpd6.leases'),
    );
    expect(before.complaints).toEqual([]);
    expect(before.status).toBe('consistent');

    const after = await verify(
      v6file,
      `${startupLog([v6wrote], '/var/lib/dhcp/dhcpd6.leases')}${corrupt}\n`,
    );
    expect(after.complaints.map((c) => [c.type, c.count])).toEqual([['corrupt-lease-file', 1]]);
    expect(after.status).toBe('inconsistent');
  });

  it('reads the log from standard input (`-`)', async () => {
    const file = write(tempDir(), 'dhcpd.leases', header() + leases(0, 2));
    const report = await verifyLeaseFile(file, {
      logs: ['-'],
      stdin: Readable.from([startupLog(['Wrote 2 leases to leases file.'])]),
      now,
    });
    expect(report.status).toBe('consistent');
    expect(report.counts).toEqual([expect.objectContaining({ what: 'leases', found: 2 })]);
  });

  it('nothing to verify against: no history, candidates, counts or snapshot figures', async () => {
    const report = await verify(header() + leases(0, 1), 'Started Session 7 of user root.\n');
    expect(report.status).toBe('no-reference');
    expect(report.consistent).toBe(false);
    expect(report.history).toEqual([]);
    expect(report.candidates).toEqual([]);
    expect(report.counts).toEqual([]);
    expect(report.snapshot).toEqual({ endsBeforeLine: null, appended: 0, startupServerDuid: null });
    expect(report.server).toBeNull();
    expect(report.reference).toBeNull();
  });

  it('the history holds every earlier snapshot of the server, the reference is the last', async () => {
    const log =
      startupLog(['Wrote 2 leases to leases file.']) +
      'DHCPACK on 10.0.1.0 to 00:11:22:33:44:55 via eth0\n' +
      'Wrote 2 leases to leases file.\n' +
      'DHCPACK on 10.0.1.1 to 00:11:22:33:44:55 via eth0\n' +
      'Wrote 2 leases to leases file.\n';
    const report = await verify(header() + leases(0, 2), log);
    expect(report.status).toBe('consistent');
    expect(report.reference?.kind).toBe('rewrite');
    expect(report.history.map((h) => h.kind)).toEqual(['startup', 'rewrite']);
  });

  it('a rewrite is not sealed by a failover-state block: a lease after its count is appended', async () => {
    const failover =
      'failover peer "foo" state {\n  my state normal at 6 2026/11/28 12:52:46;\n' +
      '  partner state normal at 6 2026/11/28 12:52:46;\n  mclt 600;\n}\n';
    const log = `${startupLog(['Wrote 1 leases to leases file.'])}Wrote 2 leases to leases file.\n`;
    const report = await verify(header() + failover + leases(0, 2) + lease('10.0.1.9'), log);
    expect(report.reference?.kind).toBe('rewrite');
    expect(report.counts).toEqual([expect.objectContaining({ logged: 2, found: 2, status: 'ok' })]);
    expect(report.snapshot.appended).toBe(1);
    expect(report.status).toBe('consistent');
  });
});
