// Groups whose flags dhcpd reads otherwise (src/dhcpd/confpars-group.ts):
// after `dynamic;`, `static;` or `deleted;` parse_group_declaration hands the
// next token to parse_statement, so a flag right before the group's `}` makes
// the group swallow every declaration after it, and a flag after a flag is
// ignored. Both shapes are write_group's, and dhcpd puts groups before
// every lease when it rewrites the file at start-up. Each case runs
// dhcpd -T twice, the second time on the snapshot the first wrote (what the
// next start reads), and `check --config` on both files: leasecheck's verdict
// is an error exactly where one of the two starts loses leases, and its
// predicted "Wrote N leases" is dhcpd's.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import type { CheckReport } from '../../src/check/types.js';
import { planFromText } from '../../src/conf/index.js';
import { readLeases } from '../../src/leases/index.js';
import { dhcpdTest, requireRealDhcpd, type DhcpdTestResult } from '../harness/index.js';

const gate = requireRealDhcpd(['strace']);
const now = new Date('2026-12-10T12:00:00Z');
const conf = `authoritative;
subnet 10.0.0.0 netmask 255.255.0.0 { range 10.0.0.10 10.0.0.250; }
`;
const header = 'authoring-byte-order little-endian;\n\n';

function lease(n: number): string {
  return (
    `lease 10.0.0.${n} {\n  starts 4 2026/12/10 10:00:00;\n  ends 4 2037/12/10 20:00:00;\n` +
    `  binding state active;\n  hardware ethernet 00:11:22:33:44:${String(n).padStart(2, '0')};\n}\n`
  );
}
const twoLeases = lease(20) + lease(21);

let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Start {
  dhcpd: DhcpdTestResult;
  report: CheckReport;
  /** The addresses `leasecheck leases` lists for the file. */
  listed: string[];
}

/** dhcpd -T and `check --config` on the same bytes. */
async function start(leases: Buffer): Promise<Start> {
  dir ||= await mkdtemp(join(tmpdir(), 'leasecheck-groups-'));
  const path = join(dir, `t${Math.random().toString(36).slice(2)}.leases`);
  await writeFile(path, leases);
  const dhcpd = await dhcpdTest({ content: conf }, { content: leases }, { keepRewrite: true });
  const report = await checkLeaseFile(path, {
    now,
    config: { file: 'dhcpd.conf', plan: planFromText(conf, 'dhcpd.conf') },
  });
  const listed: string[] = [];
  for await (const record of readLeases(path, { now })) listed.push(record.address);
  return { dhcpd, report, listed };
}

/** This start, then the next one, which reads the snapshot this one wrote. */
async function twoStarts(text: string): Promise<[Start, Start]> {
  const first = await start(Buffer.from(header + text, 'latin1'));
  expect(first.dhcpd.rewrite, 'dhcpd -T wrote a snapshot').toBeTruthy();
  return [first, await start(first.dhcpd.rewrite!)];
}

function codes(report: CheckReport, severity: 'error' | 'warning'): string[] {
  return report.problems.filter((p) => p.severity === severity).map((p) => p.code);
}

/** leasecheck predicts dhcpd's "Wrote N leases", and `leases` lists the ones dhcpd wrote. */
function expectSameCount(s: Start): void {
  expect(s.report.config?.wrote.written).toBe(s.dhcpd.wrote.leases);
  const written = [...(s.dhcpd.rewrite?.toString('latin1') ?? '').matchAll(/^lease (\S+) \{/gm)];
  expect(s.listed.sort()).toEqual(written.map((m) => m[1]).sort());
}

/** leasecheck's problem of `code` is on the line of dhcpd's first warning. */
function expectFirstWarningLine(s: Start, code: string): void {
  const first = s.dhcpd.warnings[0];
  expect(first?.message).toBe('expecting a parameter or declaration');
  expect(s.report.problems.find((p) => p.code === code)?.line).toBe(first?.line);
}

describe.skipIf(gate.skip)('groups whose flags dhcpd reads otherwise (real dhcpd -T)', () => {
  it("a dynamic group with no statements swallows every lease after it: corrupt, and the count is dhcpd's", async () => {
    const [first, next] = await twoStarts(`group g {\n  dynamic;\n}\n${twoLeases}`);
    expect(first.dhcpd.wrote.leases).toBe(0);
    expect(first.report.verdict).toBe('corrupt');
    expect(codes(first.report, 'error')).toEqual(['group-runs-on']);
    expect(first.report.problems[0]!.message).toContain('none of the 2 lease');
    expectFirstWarningLine(first, 'group-runs-on');
    expectSameCount(first);
    expect(first.report.leases.distinct).toBe(0);
    // dhcpd writes the group back as it read it: the next start is no better.
    expect(next.report.verdict).toBe('corrupt');
    expectSameCount(next);
  });

  it('the same group after every lease: dhcpd loads them now, and the next start loses them all', async () => {
    const [first, next] = await twoStarts(`${twoLeases}group g {\n  dynamic;\n}\n`);
    expect(first.dhcpd.wrote.leases).toBe(2);
    expectSameCount(first);
    expect(first.report.verdict).toBe('corrupt');
    expect(first.report.problems[0]!.message).toContain('Nothing after it is lost now');
    expectFirstWarningLine(first, 'group-runs-on');
    // The snapshot puts the group first: dhcpd's next start loads no lease.
    expect(next.dhcpd.wrote.leases).toBe(0);
    expect(next.report.verdict).toBe('corrupt');
    expectSameCount(next);
  });

  it('a deleted dynamic group, as dhcpd writes it: not deleted, and written back so the start after loses every lease', async () => {
    const [first, next] = await twoStarts(`group g {\n  dynamic;\n  deleted;\n}\n${twoLeases}`);
    expect(first.dhcpd.wrote.leases).toBe(2);
    expect(first.dhcpd.wrote.groups).toBe(1);
    expectSameCount(first);
    expect(first.report.verdict).toBe('corrupt');
    expect(codes(first.report, 'error')).toEqual(['group-runs-on']);
    expectFirstWarningLine(first, 'group-runs-on');
    expect(next.dhcpd.wrote.leases).toBe(0);
    expect(next.report.verdict).toBe('corrupt');
    expectSameCount(next);
  });

  it('a group deleted after it was declared: dhcpd warns and drops it all the same; a warning, and clean', async () => {
    const [first, next] = await twoStarts(
      `group g {\n  dynamic;\n        supersede domain-name = "a";\n}\n${twoLeases}group g {\n  dynamic;\n  deleted;\n}\n`,
    );
    expect(first.dhcpd.warnings).toHaveLength(1);
    expect(first.dhcpd.wrote).toMatchObject({ groups: 0, leases: 2 });
    expect(first.report.verdict).toBe('clean');
    expect(codes(first.report, 'warning')).toEqual(['dhcpd-warns']);
    expectFirstWarningLine(first, 'dhcpd-warns');
    expectSameCount(first);
    expect(next.dhcpd.warnings).toEqual([]);
    expect(next.report.verdict).toBe('clean');
    expect(next.report.problems).toEqual([]);
  });

  it('a flag after a flag before a statement: dhcpd ignores it; a warning, and clean', async () => {
    const [first, next] = await twoStarts(
      `group g {\n  dynamic;\n  static;\n        supersede domain-name = "b";\n}\n${twoLeases}`,
    );
    expect(first.dhcpd.warnings).toHaveLength(1);
    expect(first.dhcpd.wrote).toMatchObject({ groups: 1, leases: 2 });
    expect(first.report.verdict).toBe('clean');
    expectFirstWarningLine(first, 'dhcpd-warns');
    expect(next.dhcpd.warnings).toEqual([]);
    expect(next.report.problems).toEqual([]);
  });

  it('hosts and classes after a group that never ends are read as its statements; leases are lost', async () => {
    const [first] = await twoStarts(
      `group g {\n  dynamic;\n}\nhost h {\n  dynamic;\n  hardware ethernet 00:aa:bb:cc:dd:ee;\n}\n${lease(20)}class "c" {\n  dynamic;\n  lease limit 5;\n}\n${lease(21)}`,
    );
    expect(first.dhcpd.wrote).toMatchObject({ classes: 1, leases: 0 });
    expect(first.report.declarations).toMatchObject({ host: 1, class: 1, group: 1 });
    expect(first.report.declarations.lease ?? 0).toBe(0);
    expect(first.report.problems[0]!.message).toContain('none of the 2 lease');
    expectSameCount(first);
  });

  it('a group cut after `dynamic;`: dhcpd enters it and writes the group that never ends, and the next start loses every lease', async () => {
    for (const cut of [
      'group g {\n  dynamic;\n',
      'group g {\n  dynamic;\n        supersede domain-na',
    ]) {
      const [first, next] = await twoStarts(twoLeases + cut);
      expect(first.dhcpd.wrote.leases, cut).toBe(2);
      expect(first.report.verdict, cut).toBe('truncated-tail');
      expect(first.report.truncated?.dhcpd.explanation, cut).toContain(
        'the start after this one loses every lease',
      );
      expectSameCount(first);
      expect(next.dhcpd.wrote.leases, cut).toBe(0);
      expect(next.report.verdict, cut).toBe('corrupt');
      expectSameCount(next);
    }
  });

  it('a group without flags, or with a statement after each flag, is read whole, by both', async () => {
    const [first] = await twoStarts(
      `group a {\n}\ngroup b {\n  dynamic;\n        supersede domain-name = "b";\n}\n${twoLeases}`,
    );
    expect(first.dhcpd.warnings).toEqual([]);
    expect(first.report.problems).toEqual([]);
    expectSameCount(first);
  });
});
