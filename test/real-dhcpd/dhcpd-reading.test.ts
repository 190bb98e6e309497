// What dhcpd's own reading refuses or reads otherwise in text the grammar
// accepts: the checks of parse_ia_*_declaration after the syntax, the
// 1,500-byte token buffer, invalid escapes, deep nesting, partial IAs and
// the v6 "Wrote N NA, N TA, N PD" line. Each case runs the real dhcpd -T and
// `check --config` on the same bytes: every line dhcpd complains on carries
// a leasecheck problem, an error exactly where dhcpd drops something, and
// the predicted Wrote numbers equal dhcpd's.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import type { CheckReport } from '../../src/check/types.js';
import { planFromText } from '../../src/conf/index.js';
import { fixture } from './fixtures.js';
import { readFile } from 'node:fs/promises';
import {
  cleanupAfterEach,
  createLan,
  dhclientLease,
  dhcpdTest,
  requireRealDhcpd,
  startDhcpd,
  type DhcpdTestResult,
} from '../harness/index.js';

const gate = requireRealDhcpd();
const now = new Date('2026-12-10T12:00:00Z');

const v4conf = `authoritative;
subnet 10.0.0.0 netmask 255.255.0.0 { range 10.0.0.10 10.0.0.250; }
`;
const v6conf = `authoritative;
subnet6 fd00::/64 {
  range6 fd00::100 fd00::1ff;
  prefix6 fd00:0:0:100:: fd00:0:0:1ff:: /64;
}
`;

function lease(address: string, extra = ''): string {
  return (
    `lease ${address} {\n  starts 4 2026/12/10 10:00:00;\n  ends 4 2026/12/10 20:00:00;\n` +
    `  binding state active;\n  hardware ethernet 00:11:22:33:44:55;\n${extra}}\n`
  );
}

const duid = '\\001\\000\\000\\000\\000\\001\\000\\0012\\235\\213hz%\\335R';
function iaNa(
  address: string,
  body = '    binding state active;\n    ends 4 2026/12/10 20:00:00;\n',
  id = duid,
): string {
  return `ia-na "${id}" {\n  cltt 4 2026/12/10 10:00:00;\n  iaaddr ${address} {\n${body}  }\n}\n`;
}

let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function both(
  leases: string,
  family: 4 | 6,
  conf: string = family === 4 ? v4conf : v6conf,
): Promise<{ dhcpd: DhcpdTestResult; report: CheckReport; plain: CheckReport }> {
  dir ||= await mkdtemp(join(tmpdir(), 'leasecheck-reading-'));
  const path = join(dir, `t${Math.random().toString(36).slice(2)}.leases`);
  await writeFile(path, Buffer.from(leases, 'latin1'));
  const dhcpd = await dhcpdTest({ content: conf }, { content: leases }, { family });
  const report = await checkLeaseFile(path, {
    now,
    config: { file: 'dhcpd.conf', plan: planFromText(conf, 'dhcpd.conf') },
  });
  // Plain `check` (no --config, so a summary scan): its counts follow dhcpd's reading too.
  const plain = await checkLeaseFile(path, { now });
  return { dhcpd, report, plain };
}

/** Every line dhcpd -T names carries a leasecheck problem. */
function expectSameLines(dhcpd: DhcpdTestResult, report: CheckReport): void {
  const lines = new Set(report.problems.map((p) => p.line));
  for (const w of dhcpd.warnings) {
    if (w.line !== null) expect(lines, `dhcpd: line ${w.line}: ${w.message}`).toContain(w.line);
  }
}

function errors(report: CheckReport): string[] {
  return report.problems.filter((p) => p.severity === 'error').map((p) => p.code);
}

describe.skipIf(gate.skip)("dhcpd's reading after the syntax (real dhcpd -T)", () => {
  const cleanup = cleanupAfterEach();
  it('a string of 1,500 bytes loses its lease and every later one; 1,499 bytes load', async () => {
    const long = await both(
      lease('10.0.0.10', `  client-hostname "${'h'.repeat(1500)}";\n`) +
        lease('10.0.0.11') +
        lease('10.0.0.12'),
      4,
    );
    expect(long.dhcpd.warnings.map((w) => w.message)).toContain(
      'string constant larger than internal buffer',
    );
    expectSameLines(long.dhcpd, long.report);
    expect(errors(long.report)).toContain('token-too-long');
    expect(long.report.config?.wrote.written).toBe(long.dhcpd.wrote.leases);
    // Without --config the leases after it are not counted either (every one is active: loaded = written).
    expect(long.plain.leases.distinct).toBe(long.dhcpd.wrote.leases);
    expectSameLines(long.dhcpd, long.plain);
    const lost = long.plain.problems.find((p) => p.code === 'swallowed-by-recovery');
    // The same problem, on the same declaration, as the --config scan (which reads every declaration whole).
    expect(lost).toEqual(long.report.problems.find((p) => p.code === 'swallowed-by-recovery'));
    expect(lost?.line).toBe(8);
    expect(lost?.message).toMatch(/nor any after it \(2 in all\)/);

    const fits = await both(
      lease('10.0.0.10', `  client-hostname "${'h'.repeat(1499)}";\n`) + lease('10.0.0.11'),
      4,
    );
    expect(fits.dhcpd.warnings).toEqual([]);
    expect(fits.report.verdict).toBe('clean');
    expect(fits.report.config?.wrote.written).toBe(fits.dhcpd.wrote.leases);
  });

  it('a word or number of 1,500 characters: a warning on its line, the lease loads', async () => {
    for (const extra of [
      `  set ${'a'.repeat(1500)} = "x";\n`,
      `  set x = %${'1'.repeat(1500)};\n`,
    ]) {
      const { dhcpd, report } = await both(lease('10.0.0.10', extra) + lease('10.0.0.11'), 4);
      expect(dhcpd.warnings.map((w) => w.message)).toEqual([
        expect.stringMatching(/token larger than internal buffer/),
      ]);
      expectSameLines(dhcpd, report);
      expect(report.problems.map((p) => p.code)).toContain('token-too-long');
      expect(report.config?.wrote.written).toBe(dhcpd.wrote.leases);
    }
  });

  it('1,500 white space characters in a row: dhcpd exits, leasecheck says so on that line', async () => {
    const { dhcpd, report } = await both(
      lease('10.0.0.10') + '\n'.repeat(1499) + lease('10.0.0.11'),
      4,
    );
    expect(dhcpd.warnings.map((w) => w.message)).toEqual(['whitespace too long, buffer overflow.']);
    expectSameLines(dhcpd, report);
    expect(errors(report)).toEqual(['whitespace-too-long']);
    const fits = await both(lease('10.0.0.10') + '\n'.repeat(1498) + lease('10.0.0.11'), 4);
    expect(fits.dhcpd.warnings).toEqual([]);
    expect(fits.report.verdict).toBe('clean');
  });

  it("a lease address with an octet above 255: dhcpd warns and keeps the lease under the octet's low 8 bits; leasecheck warns, and counts it where dhcpd does", async () => {
    // Alone, and in the middle of a file long enough for the compiled engine's runs of leases.
    const run = (from: number): string =>
      Array.from({ length: 60 }, (_, i) => lease(`10.0.0.${from + i}`)).join('');
    for (const [text, line] of [
      [lease('10.0.0.300') + lease('10.0.0.11'), 1],
      [lease('10.0.0.44') + lease('10.0.0.300'), 7],
      [run(100) + lease('10.0.0.299') + run(170), 361],
    ] as const) {
      const { dhcpd, report, plain } = await both(text, 4);
      expect(dhcpd.warnings).toEqual([
        expect.objectContaining({
          line,
          message: expect.stringMatching(/^(300|299) exceeds max \(255\) for precision\.$/),
        }),
      ]);
      expectSameLines(dhcpd, report);
      for (const r of [report, plain]) {
        expect(r.verdict).toBe('clean');
        expect(r.problems).toEqual([
          expect.objectContaining({ code: 'dhcpd-warns', severity: 'warning', line }),
        ]);
        // Every lease is active and in the range: what dhcpd loads is what it writes.
        expect(r.leases.distinct).toBe(dhcpd.wrote.leases);
      }
      expect(report.config?.wrote.written).toBe(dhcpd.wrote.leases);
      const read = text.includes('10.0.0.299') ? '10.0.0.43' : '10.0.0.44';
      expect(plain.problems[0]?.message).toContain(`as ${read} (it warns`);
    }
    // What a real dhcpd writes back: the lease under the address leasecheck names.
    const kept = await dhcpdTest(
      { content: v4conf },
      { content: lease('10.0.0.300') + lease('10.0.0.11') },
      { keepRewrite: true },
    );
    expect(kept.rewrite?.toString('latin1')).toMatch(/^lease 10\.0\.0\.44 \{$/m);
    expect(kept.rewrite?.toString('latin1')).not.toContain('10.0.0.300');
  });

  it('a hardware address of 21 octets: dhcpd warns and loads the lease without it; leasecheck warns on that line, and 20 octets pass', async () => {
    const octets = (n: number): string =>
      Array.from({ length: n }, (_, i) => (i + 1).toString(16).padStart(2, '0')).join(':');
    const withHardware = (address: string, hardware: string): string =>
      lease(address).replace('hardware ethernet 00:11:22:33:44:55', `hardware ${hardware}`);
    const run = (from: number): string =>
      Array.from({ length: 60 }, (_, i) => lease(`10.0.0.${from + i}`)).join('');
    // Alone, and in the middle of a file long enough for the compiled engine's runs of leases.
    for (const [text, line] of [
      [withHardware('10.0.0.12', `ethernet ${octets(21)}`) + lease('10.0.0.11'), 5],
      [run(20) + withHardware('10.0.0.12', `token-ring ${octets(32)}`) + run(100), 365],
    ] as const) {
      const { dhcpd, report, plain } = await both(text, 4);
      expect(dhcpd.warnings).toEqual([
        expect.objectContaining({ line, message: 'hardware address too long' }),
      ]);
      expectSameLines(dhcpd, report);
      for (const r of [report, plain]) {
        expect(r.verdict).toBe('clean');
        expect(r.problems).toEqual([
          expect.objectContaining({ code: 'dhcpd-warns', severity: 'warning', line }),
        ]);
        expect(r.problems[0]?.message).toContain('without any hardware address');
        expect(r.leases.distinct).toBe(dhcpd.wrote.leases);
      }
    }
    // 20 octets (an InfiniBand address's length) are kept: no warning from either.
    const twenty = withHardware('10.0.0.12', `infiniband ${octets(20)}`) + run(20);
    const fits = await both(twenty, 4);
    expect(fits.dhcpd.warnings).toEqual([]);
    expect(fits.plain.problems).toEqual([]);
    expect(fits.report.problems).toEqual([]);
    // What a real dhcpd writes back: the lease, without a hardware line.
    const kept = await dhcpdTest(
      { content: v4conf },
      { content: withHardware('10.0.0.12', `ethernet ${octets(21)}`) },
      { keepRewrite: true },
    );
    const rewrite = kept.rewrite?.toString('latin1') ?? '';
    expect(rewrite).toMatch(/^lease 10\.0\.0\.12 \{$/m);
    expect(rewrite).not.toContain('hardware');
  });

  it('a lease time before 1970: dhcpd cannot rewrite the lease file, and a running dhcpd grants leases it never writes to it; leasecheck calls it an error on that line', async () => {
    const timed = (address: string, statement: string): string =>
      `lease ${address} {\n  binding state active;\n  hardware ethernet 00:11:22:33:44:55;\n${statement}}\n`;
    for (const statement of [
      '  ends 4 1969/12/10 10:00:00;\n',
      '  starts 4 0069/06/01 00:00:00;\n',
      '  cltt 4 1970/01/01 00:00:00 -3600;\n',
      '  tstp 4 2026/12/10 10:00:00 -1900000000;\n',
    ]) {
      const text = timed('10.0.0.10', statement) + lease('10.0.0.11');
      const { dhcpd, report, plain } = await both(text, 4);
      expect(dhcpd.successful, statement).toBe(false);
      expect(dhcpd.other).toContain('write_lease: unable to write lease 10.0.0.10');
      for (const r of [report, plain]) {
        expect(r.verdict, statement).toBe('corrupt');
        expect(r.problems).toEqual([
          expect.objectContaining({ code: 'unwritable-time', severity: 'error', line: 4 }),
        ]);
      }
    }
    // Times dhcpd writes: just after the epoch, years it reads as after 1970, an offset that stays after it.
    for (const statement of [
      '  ends 4 1970/01/01 00:00:01;\n',
      '  ends 4 0071/01/01 00:00:00;\n',
      '  ends 4 1026/12/10 10:00:00;\n',
      '  cltt 4 2026/12/10 10:00:00 -3600;\n',
    ]) {
      const text = timed('10.0.0.10', statement) + lease('10.0.0.11');
      const { dhcpd, report, plain } = await both(text, 4);
      expect(dhcpd.successful, statement).toBe(true);
      for (const r of [report, plain]) {
        expect(r.verdict, statement).toBe('clean');
        expect(r.problems).toEqual([]);
      }
    }
    // The same in a file long enough for the compiled engine's runs of leases.
    const run = (from: number): string =>
      Array.from({ length: 60 }, (_, i) => lease(`10.0.0.${from + i}`)).join('');
    const long = await both(
      run(100) + timed('10.0.0.10', '  ends 4 1969/12/10 10:00:00;\n') + run(170),
      4,
    );
    expect(long.dhcpd.successful).toBe(false);
    expect(long.plain.problems).toEqual([
      expect.objectContaining({ code: 'unwritable-time', line: 364 }),
    ]);
    // Running: the start-up rewrite fails at that lease, and dhcpd goes on serving.
    const [serverHost, client] = await createLan(cleanup, [
      { address: '10.0.0.1/16' },
      { address: '10.0.0.2/16' },
    ]);
    const server = await startDhcpd(cleanup, {
      host: serverHost!,
      conf: v4conf,
      leases: Buffer.from(timed('10.0.0.10', '  ends 4 1969/12/10 10:00:00;\n'), 'latin1'),
    });
    await server.waitForLog(/^write_lease: unable to write lease 10\.0\.0\.10$/m);
    const { address } = await dhclientLease(cleanup, client!);
    expect(await server.logSinceStart()).toContain(`DHCPACK on ${address} `);
    // new_lease_file left db_file on the temporary file it then unlinked: the lease granted
    // went there, and the lease file is as it was.
    const onDisk = (await server.leases()).toString('latin1');
    expect(onDisk).toBe(timed('10.0.0.10', '  ends 4 1969/12/10 10:00:00;\n'));
    expect(onDisk).not.toContain(address);
  }, 120_000);

  it('an invalid octal escape: a warning that says which uid dhcpd loads', async () => {
    const octal = lease('10.0.0.10', '  uid "\\001\\024\\108\\001abc";\n') + lease('10.0.0.11');
    const { dhcpd, report } = await both(octal, 4);
    expect(dhcpd.warnings.map((w) => w.message)).toContain('invalid octal digit 38');
    expectSameLines(dhcpd, report);
    const warning = report.problems.find((p) => p.code === 'invalid-escape');
    expect(warning?.severity).toBe('warning');
    expect(report.verdict).toBe('clean');
    expect(report.config?.wrote.written).toBe(dhcpd.wrote.leases);
    // The uid leasecheck names is the one a real dhcpd writes back at start-up.
    const said = /loads the lease with uid "(.*)"$/.exec(warning?.message ?? '')?.[1];
    expect(said).toBe('\\001\\024d\\000@01abc');
    const [server] = await createLan(cleanup, [
      { address: '10.0.0.1/16' },
      { address: '10.0.0.2/16' },
    ]);
    const server4 = await startDhcpd(cleanup, {
      host: server!,
      conf: v4conf,
      leases: Buffer.from(octal, 'latin1'),
    });
    const rewritten = await readFile(server4.leasePath, 'latin1');
    expect(rewritten).toContain(`uid "${said}";`);
  });

  it.each([
    ['\\0xab', 'ab'],
    ['\\0\\001', '\\001'],
    ['a\\0zb', 'a\\010'],
  ])(
    '`\\0` then a non-octal byte (uid "%s"): dhcpd is silent, leasecheck warns and names the uid dhcpd loads',
    async (uid, loaded) => {
      const text = lease('10.0.0.10', `  uid "${uid}";\n`) + lease('10.0.0.11');
      const { dhcpd, report } = await both(text, 4);
      expect(dhcpd.warnings).toEqual([]);
      const warning = report.problems.find((p) => p.code === 'invalid-escape');
      expect(warning).toMatchObject({ severity: 'warning', line: 6 });
      expect(report.verdict).toBe('clean');
      expect(report.config?.wrote.written).toBe(dhcpd.wrote.leases);
      const said = /loads the lease with uid "(.*)"$/.exec(warning?.message ?? '')?.[1];
      expect(said).toBe(loaded);
      // What dhcpd writes back of what it loaded carries that uid.
      const kept = await dhcpdTest({ content: v4conf }, { content: text }, { keepRewrite: true });
      expect(kept.rewrite?.toString('latin1')).toContain(`uid "${said}";`);
    },
  );

  it('nesting: 23 and 600 nested `on expiry` blocks load; no error', async () => {
    for (const depth of [23, 600]) {
      const blocks = '  on expiry {\n'.repeat(depth) + '  }\n'.repeat(depth);
      const { dhcpd, report } = await both(lease('10.0.0.10', blocks) + lease('10.0.0.11'), 4);
      expect(dhcpd.warnings).toEqual([]);
      expect(dhcpd.wrote.leases).toBe(2);
      expect(errors(report)).toEqual([]);
      expect(report.verdict).toBe('clean');
      if (depth === 23) expect(report.config?.wrote.written).toBe(2);
      else {
        expect(report.problems[0]?.message).toMatch(/nested 601 levels deep/);
      }
    }
  });

  it.each([
    ['no ends', '    binding state active;\n', 'corrupt lease file; missing end time in iaaddr'],
    [
      'no binding state',
      '    ends 4 2026/12/10 20:00:00;\n',
      'corrupt lease file; missing state in iaaddr',
    ],
  ])('v6: an iaaddr with %s is refused and swallows the next IA', async (_name, body, message) => {
    const { dhcpd, report } = await both(
      iaNa('fd00::100', body) + iaNa('fd00::101', undefined, duid.replace('R', 'S')),
      6,
    );
    expect(dhcpd.warnings.map((w) => w.message)).toContain(message);
    expect(dhcpd.warnings.map((w) => w.message)).toContain(
      'Corrupt lease file - possible data loss!',
    );
    expectSameLines(dhcpd, report);
    expect(errors(report)).toEqual(['dhcpd-refuses']);
    expect(report.problems.map((p) => p.code)).toContain('swallowed-by-recovery');
    expect(report.ia.distinct).toBe(0);
    expect(report.config?.wrote).toMatchObject({
      na: dhcpd.wrote.na,
      ta: dhcpd.wrote.ta,
      pd: dhcpd.wrote.pd,
    });
  });

  it('v6: an iaprefix with no ends is refused, and so is an IAID+DUID of 132 bytes', async () => {
    const pd = `ia-pd "${duid}" {\n  iaprefix fd00:0:0:100::/64 {\n    binding state active;\n  }\n}\n`;
    const longId = '\\001'.repeat(132);
    for (const file of [
      pd + iaNa('fd00::101'),
      iaNa('fd00::100', undefined, longId) + iaNa('fd00::101'),
    ]) {
      const { dhcpd, report } = await both(file, 6);
      expect(dhcpd.warnings.map((w) => w.message)).toContainEqual(
        expect.stringMatching(
          /^corrupt lease file; (missing end time in iaprefix|iaid\+ia_xx string too short)$/,
        ),
      );
      expectSameLines(dhcpd, report);
      expect(errors(report)).toEqual(['dhcpd-refuses']);
      expect(report.config?.wrote).toMatchObject({
        na: dhcpd.wrote.na,
        ta: dhcpd.wrote.ta,
        pd: dhcpd.wrote.pd,
      });
    }
  });

  it('v6: a refused IA swallows the v4 lease after it, and plain check does not count that lease', async () => {
    // dhcpd -6 reads v4 leases and drops each ("lease X: no subnet."): the one it names is the one it read.
    const { dhcpd, report, plain } = await both(
      iaNa('fd00::100', '    binding state active;\n') + lease('10.0.0.10') + lease('10.0.0.11'),
      6,
    );
    expect(dhcpd.noSubnet).toEqual(['10.0.0.11']);
    expectSameLines(dhcpd, plain);
    expect(plain.leases.distinct).toBe(dhcpd.noSubnet.length);
    expect(report.leases.distinct).toBe(dhcpd.noSubnet.length);
    expect(plain.problems.find((p) => p.code === 'swallowed-by-recovery')?.line).toBe(7);
  });

  it('an IA read by dhcpd -4: a warning on its line ("only supported in DHCPv6 mode"), skipped whole', async () => {
    const file =
      lease('10.0.0.10') +
      iaNa('fd00::100', '    binding state active;\n') +
      `ia-pd "${duid}" {\n  iaprefix fd00:0:0:100::/64 {\n  }\n}\n` +
      'ia-ta "x" { }\n' +
      lease('10.0.0.11');
    const { dhcpd, report } = await both(file, 4);
    expect(dhcpd.warnings.map((w) => w.message)).toEqual([
      'IA_NA is only supported in DHCPv6 mode.',
      'IA_PD is only supported in DHCPv6 mode.',
      'IA_TA is only supported in DHCPv6 mode.',
    ]);
    expectSameLines(dhcpd, report);
    // dhcpd -4 does not read the IAs' contents: nothing there is refused, nothing else lost.
    expect(errors(report)).toEqual([]);
    expect(report.verdict).toBe('clean');
    expect(report.ia.distinct).toBe(0);
    expect(report.config?.wrote.written).toBe(dhcpd.wrote.leases);
    expect(dhcpd.wrote.leases).toBe(2);
  });

  it('v6: an IAID+DUID of 5 bytes is refused', async () => {
    const { dhcpd, report } = await both(
      iaNa('fd00::100', undefined, '\\001\\002\\003\\004\\005') + iaNa('fd00::101'),
      6,
    );
    expect(dhcpd.warnings.map((w) => w.message)).toContain(
      'corrupt lease file; iaid+ia_xx string too short',
    );
    expectSameLines(dhcpd, report);
    expect(errors(report)).toEqual(['dhcpd-refuses']);
    expect(report.config?.wrote).toMatchObject({ na: dhcpd.wrote.na, ta: 0, pd: 0 });
  });

  it('v6: a later expired copy of an IA lacking only its final `}` leaves no binding', async () => {
    const active = iaNa('fd00::100');
    const expired = iaNa(
      'fd00::100',
      '    binding state expired;\n    ends 4 2026/12/10 11:00:00;\n',
    );
    const { dhcpd, report } = await both(active + expired.slice(0, expired.lastIndexOf('}')), 6);
    expect(dhcpd.warnings.map((w) => w.message)).toContain(
      'corrupt lease file; expecting IAADDR or right brace',
    );
    expect(dhcpd.wrote.na).toBe(0);
    expectSameLines(dhcpd, report);
    expect(report.config?.wrote.na).toBe(0);
  });

  it('v6: predicts "Wrote N NA, N TA, N PD leases" of whole files', async () => {
    const file =
      iaNa('fd00::100') +
      iaNa('fd00::101', undefined, duid.replace('R', 'S')) +
      iaNa('fd00::100', '    binding state released;\n    ends 4 2026/12/10 20:00:00;\n') +
      iaNa('fd00::5', undefined, duid.replace('R', 'T')) +
      `ia-pd "${duid}" {\n  iaprefix fd00:0:0:100::/64 {\n    binding state active;\n    ends 4 2026/12/10 20:00:00;\n  }\n}\n`;
    const { dhcpd, report } = await both(file, 6);
    expect(dhcpd.warnings).toEqual([]);
    expect(report.verdict).toBe('clean');
    expect(report.config?.wrote).toMatchObject({
      na: dhcpd.wrote.na,
      ta: dhcpd.wrote.ta,
      pd: dhcpd.wrote.pd,
    });
    expect(dhcpd.wrote).toMatchObject({ na: 1, ta: 0, pd: 1 });
  });

  it('v6: predicts the Wrote line of the real fixture v6.leases', async () => {
    const leases = await readFile(fixture('v6.leases'), 'latin1');
    const conf = await readFile(fixture('v6.conf'), 'latin1');
    const dhcpd = await dhcpdTest({ content: conf }, { content: leases }, { family: 6 });
    const report = await checkLeaseFile(fixture('v6.leases'), {
      now,
      config: { file: 'v6.conf', plan: planFromText(conf, 'v6.conf') },
    });
    expect(dhcpd.wrote.na).toBeGreaterThan(0);
    expect(report.config?.wrote).toMatchObject({
      na: dhcpd.wrote.na,
      ta: dhcpd.wrote.ta,
      pd: dhcpd.wrote.pd,
    });
  });
});
