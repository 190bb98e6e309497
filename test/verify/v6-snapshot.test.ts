import { describe, expect, it } from 'vitest';
import { verifyLeaseFile } from '../../src/verify/index.js';
import { header, now, startupLog, tempDir, write } from './helpers.js';

/** v6: `Wrote N NA, N TA, N PD leases` against the ia-na / ia-ta / ia-pd at the head of the file. */

const duid = (n: number): string =>
  `"\\000\\000\\000${String(n).padStart(3, '0')}\\000\\001\\000\\0012\\235\\213hz%\\335R\\336:"`;
const serverDuid = 'server-duid "\\000\\001\\000\\0012\\235\\213e~tNR\\256p";\n\n';

function ia(kind: 'ia-na' | 'ia-ta' | 'ia-pd', n: number): string {
  const inner =
    kind === 'ia-pd'
      ? `  iaprefix fd00:0:0:${n.toString(16)}::/64 {\n`
      : `  iaaddr fd00::${n.toString(16)} {\n`;
  return (
    `${kind} ${duid(n)} {\n  cltt 6 2026/11/28 12:54:02;\n${inner}` +
    '    binding state active;\n    preferred-life 375;\n    max-life 600;\n    ends 6 2026/11/28 13:04:02;\n  }\n}\n\n'
  );
}

const log = startupLog(
  ['Wrote 3 NA, 1 TA, 2 PD leases to lease file.'],
  '/var/lib/dhcp/dhcpd6.leases',
);

async function run(text: string) {
  const dir = tempDir();
  return verifyLeaseFile(write(dir, 'dhcpd6.leases', text), {
    logs: [write(dir, 'dhcpd6.log', log)],
    now,
  });
}

const snapshot =
  header() +
  serverDuid +
  ia('ia-na', 1) +
  ia('ia-na', 2) +
  ia('ia-na', 3) +
  ia('ia-ta', 4) +
  ia('ia-pd', 5) +
  ia('ia-pd', 6);

describe('v6 snapshot', () => {
  it('counts NA, TA and PD; server-duid written again after start-up and renewals appended are normal', async () => {
    const report = await run(
      snapshot + serverDuid + ia('ia-na', 2) + ia('ia-na', 9) + ia('ia-pd', 5),
    );
    expect(report.family).toBe('v6');
    expect(report.status).toBe('consistent');
    expect(report.counts.map((c) => [c.what, c.logged, c.found, c.status])).toEqual([
      ['ia-na', 3, 3, 'ok'],
      ['ia-ta', 1, 1, 'ok'],
      ['ia-pd', 2, 2, 'ok'],
    ]);
    expect(report.snapshot.appended).toBe(4);
  });

  it('a lost ia-na is data loss', async () => {
    const report = await run(snapshot.replace(ia('ia-na', 2), '') + ia('ia-na', 7));
    expect(report.status).toBe('inconsistent');
    expect(report.counts[0]).toMatchObject({
      what: 'ia-na',
      logged: 3,
      found: 2,
      status: 'missing',
    });
  });

  it('a file cut inside the PD section is data loss', async () => {
    const text = snapshot.slice(0, snapshot.lastIndexOf('ia-pd'));
    const report = await run(text);
    expect(report.status).toBe('inconsistent');
    expect(report.counts[2]).toMatchObject({ what: 'ia-pd', found: 1, status: 'missing' });
  });
});
