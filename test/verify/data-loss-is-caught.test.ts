import { describe, expect, it } from 'vitest';
import { verifyLeaseFile } from '../../src/verify/index.js';
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
 * Leases lost from the snapshot at the head of the file are caught;
 * declarations appended after it are normal.
 */

const secondaryLogs = [real('fo-secondary.log'), real('fo-secondary-2.log')];
const original = read(real('fo-secondary.leases'));

/** fo-secondary.leases without the declaration starting at `line` (1-based) and its following lines up to `}`. */
function withoutDeclarationAt(line: number): string {
  const lines = linesOf(original);
  let end = line - 1;
  while (lines[end] !== '}') end++;
  lines.splice(line - 1, end - line + 2);
  return `${lines.join('\n')}\n`;
}

async function verifySecondary(text: string) {
  const path = write(tempDir(), 'fo-secondary.leases', text);
  return verifyLeaseFile(path, { logs: secondaryLogs, now });
}

describe('data loss in the snapshot', () => {
  it('removing one snapshot lease is data loss (9 of 10)', async () => {
    const report = await verifySecondary(withoutDeclarationAt(37)); // lease 10.0.1.4
    expect(report.status).toBe('inconsistent');
    expect(report.counts[0]).toMatchObject({
      what: 'leases',
      logged: 10,
      found: 9,
      status: 'missing',
    });
    const loss = report.findings.find((f) => f.code === 'data-loss');
    expect(loss?.severity).toBe('error');
    expect(loss?.message).toMatch(/wrote 10 leases .* holds 9: 1 lost/);
  });

  it('removing the first or the last snapshot lease is data loss too', async () => {
    for (const line of [13, 67]) {
      const report = await verifySecondary(withoutDeclarationAt(line));
      expect(report.status, `line ${line}`).toBe('inconsistent');
      expect(report.counts[0]?.found).toBe(9);
    }
  });

  it('truncating away more than the last declaration, into the snapshot, is data loss', async () => {
    const lines = linesOf(original);
    // Cut inside lease 10.0.1.7 (line 55): the file also fails its own check.
    const cut = `${lines.slice(0, 57).join('\n')}\n  cltt 6 2026/11`;
    const report = await verifySecondary(cut);
    expect(report.status).toBe('inconsistent');
    expect(report.check.verdict).toBe('truncated-tail');
    expect(report.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(['file-not-clean', 'data-loss']),
    );
    expect(report.counts[0]?.found).toBeLessThan(10);
    // Cut cleanly after lease 10.0.1.5: a whole-looking file that lost 4 leases.
    const clean = await verifySecondary(`${lines.slice(0, 48).join('\n')}\n`);
    expect(clean.check.verdict).toBe('clean');
    expect(clean.status).toBe('inconsistent');
    expect(clean.counts[0]).toMatchObject({ found: 6, status: 'missing' });
  });

  it('a snapshot lease replaced by a copy of another is caught as a duplicate', async () => {
    const text = original.replace('lease 10.0.1.5 {', 'lease 10.0.1.3 {');
    const report = await verifySecondary(text);
    expect(report.status).toBe('inconsistent');
    expect(report.findings.find((f) => f.code === 'duplicate-in-snapshot')?.fileLine).toBe(43);
  });

  it('a lease inserted inside a failover start-up snapshot, before the failover-state block that closes it, is caught', async () => {
    const lines = linesOf(original);
    // After lease 10.0.1.4 (lines 37-42): an address the snapshot does not name.
    lines.splice(42, 0, ...linesOf(lease('10.0.1.15')).filter((l) => l !== ''));
    const report = await verifySecondary(`${lines.join('\n')}\n`);
    expect(report.status).toBe('inconsistent');
    expect(report.counts[0]).toMatchObject({ logged: 10, found: 11, status: 'extra' });
    expect(report.findings.find((f) => f.code === 'count-mismatch')?.message).toMatch(
      /wrote 10 leases but the snapshot holds 11 \(up to line \d+, failover-state, which closes it\): 1 more/,
    );
  });

  it('a lease duplicated inside the snapshot: 11 declarations where dhcpd wrote 10, one address twice', async () => {
    const lines = linesOf(original);
    const copy = lines.slice(30, 36); // lease 10.0.1.3, lines 31-36
    lines.splice(36, 0, ...copy);
    const report = await verifySecondary(`${lines.join('\n')}\n`);
    expect(report.status).toBe('inconsistent');
    expect(report.counts[0]).toMatchObject({ logged: 10, found: 11, status: 'extra' });
    expect(report.findings.find((f) => f.code === 'duplicate-in-snapshot')).toMatchObject({
      fileLine: 37,
      message: expect.stringMatching(/lease 10\.0\.1\.3 appears at lines 31 and 37/),
    });
    expect(report.findings.some((f) => f.code === 'data-loss')).toBe(false);
  });

  it('appending leases after the snapshot is not a mismatch', async () => {
    const text = original + leases(30, 25) + lease('10.0.1.2', 'free');
    const report = await verifySecondary(text);
    expect(report.status).toBe('consistent');
    expect(report.snapshot.appended).toBe(5 + 25); // and the start-up server-duid, not counted
  });

  it('an hourly rewrite group is the reference when it is the newest', async () => {
    const dir = tempDir();
    const file = write(dir, 'dhcpd.leases', header() + leases(0, 5) + lease('10.0.1.9'));
    const log = write(
      dir,
      'dhcpd.log',
      startupLog(['Wrote 2 leases to leases file.']) +
        'DHCPACK on 10.0.1.4 to 00:11:22:33:44:55 via v1\n' +
        'Wrote 0 deleted host decls to leases file.\nWrote 0 new dynamic host decls to leases file.\nWrote 5 leases to leases file.\n',
    );
    const report = await verifyLeaseFile(file, { logs: [log], now });
    expect(report.status).toBe('consistent');
    expect(report.reference?.kind).toBe('rewrite');
    expect(report.counts.find((c) => c.what === 'leases')).toMatchObject({ logged: 5, found: 5 });
    write(
      dir,
      'dhcpd.leases',
      header() + leases(0, 4) + 'server-duid "\\000\\001";\n' + lease('10.0.1.9'),
    );
    const cut = await verifyLeaseFile(file, { logs: [log], now });
    expect(cut.status).toBe('inconsistent');
    expect(cut.counts.find((c) => c.what === 'leases')).toMatchObject({
      found: 4,
      status: 'missing',
    });
  });

  it('known limit: a lost lease whose place a newly appended address takes goes unseen', async () => {
    const dir = tempDir();
    const log = write(dir, 'dhcpd.log', startupLog(['Wrote 5 leases to leases file.']));
    // 4 of the 5 snapshot leases, then 10.0.1.9 appended with nothing between:
    // the first 5 leases are 5 distinct addresses, exactly what a whole snapshot looks like.
    const file = write(dir, 'dhcpd.leases', header() + leases(0, 4) + lease('10.0.1.9', 'free'));
    const report = await verifyLeaseFile(file, { logs: [log], now });
    expect(report.counts[0]?.found).toBe(5);
    expect(report.status).toBe('consistent');
  });
});
