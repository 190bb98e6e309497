// What check says about the declaration a file ends inside: its key (none
// when the file ends in its head), the complete statements and the one it is
// cut in, the earlier declaration of the same key (found however long it
// is), the text shown (bounded), and for a cut IA whose complete blocks end
// bindings of its earlier copy, that removing it would bring them back.
// (What dhcpd does with each cut is compared with the real dhcpd in
// test/dhcpd/partial-*-matches-real-dhcpd and test/real-dhcpd/partial-ia-repair.)
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { fixturePath, tempDir, write } from '../helpers.js';

const dir = tempDir('check-truncated');
let counter = 0;
function leases(text: string): string {
  return write(dir, `f${counter++}.leases`, text);
}
const now = new Date('2026-11-28T13:00:00Z');
const whole = 'lease 10.0.0.9 {\n  binding state free;\n}\n';

describe('a lease cut after its binding state', () => {
  it('is one dhcpd loads: the report says so, with the fields it keeps and those it lacks', async () => {
    // (test/dhcpd/partial-lease-matches-real-dhcpd.test.ts holds the model against dhcpd.)
    const cut =
      'lease 10.0.0.20 {\n  starts 4 2037/01/01 00:00:00;\n  ends 4 2037/12/31 00:00:00;\n' +
      '  binding state active;\n  hardware ethernet 00:00:00:00:00:01;\n  uid "ab';
    const report = await checkLeaseFile(leases(whole + cut), { now });
    expect(report.truncated).toMatchObject({
      key: '10.0.0.20',
      completeStatements: ['starts', 'ends', 'binding state', 'hardware'],
      cutInside: 'uid',
      previous: null,
    });
    expect(report.truncated!.dhcpd).toEqual({
      action: 'loaded',
      bindingState: 'active',
      fields: ['starts', 'ends', 'binding state', 'hardware', 'uid'],
      missing: ['cltt', 'next binding state'],
      explanation:
        'dhcpd loads the partial lease as active with starts, ends, binding state, hardware, uid (2 byte(s) of the uid) but without cltt, next binding state; it replaces any earlier declaration of the address.',
    });
  });
});

describe('a tail cut inside its first word', () => {
  it('is no declaration dhcpd recognises: dropped, with nothing kept or missing', async () => {
    const report = await checkLeaseFile(leases(`${whole}lea`), { now });
    expect(report.truncated).toMatchObject({ kind: null, key: null, text: 'lea' });
    expect(report.truncated!.dhcpd).toEqual({
      action: 'dropped',
      bindingState: null,
      fields: [],
      missing: [],
      explanation:
        'dhcpd does not recognise the start of this declaration: it logs "Corrupt lease file - possible data loss!" and skips it.',
    });
  });
});

describe('a lease cut in its head', () => {
  it.each(['lease 10.0.', 'lease 10.0.0.9 '])(
    '%j: no key, no statements, no earlier declaration (dhcpd drops it at its head)',
    async (head) => {
      const report = await checkLeaseFile(leases(whole + head), { now });
      expect(report.verdict).toBe('truncated-tail');
      expect(report.truncated).toMatchObject({
        offset: whole.length,
        line: 4,
        kind: 'lease',
        key: null,
        length: head.length,
        text: head,
        completeStatements: [],
        cutInside: null,
        previous: null,
      });
      expect(report.truncated!.dhcpd.action).toBe('dropped');
    },
  );
});

describe('another kind of declaration cut off', () => {
  it('a host: its kind, no key', async () => {
    const host = 'host h {\n  dynamic;\n';
    const report = await checkLeaseFile(leases(whole + host), { now });
    expect(report.truncated).toMatchObject({
      kind: 'host',
      key: null,
      text: host,
      completeStatements: [],
      cutInside: null,
      previous: null,
    });
  });
});

describe('the earlier declaration of the cut lease', () => {
  it('is found and read whole even when it is longer than one read (4 KiB)', async () => {
    const long =
      'lease 10.0.0.9 {\n  binding state active;\n  hardware ethernet 00:11:22:33:44:55;\n' +
      `  set v = "${'y'.repeat(1000)}";\n`.repeat(6) +
      '  uid "abc";\n}\n';
    expect(long.length).toBeGreaterThan(4096);
    const cut = 'lease 10.0.0.9 {\n  binding state fr';
    const report = await checkLeaseFile(leases(long + cut), { now });
    expect(report.truncated).toMatchObject({
      key: '10.0.0.9',
      completeStatements: [],
      cutInside: 'binding state',
      previous: {
        offset: 0,
        line: 1,
        bindingState: 'active',
        ends: null,
        starts: null,
        hardware: 'ethernet 00:11:22:33:44:55',
        uid: '"abc"',
      },
    });
  });

  it('is the last whole one of that address, not another address', async () => {
    const a = (n: number, state: string) => `lease 10.0.0.${n} {\n  binding state ${state};\n}\n`;
    const text = a(1, 'active') + a(2, 'free') + a(1, 'expired') + a(3, 'free');
    const report = await checkLeaseFile(leases(`${text}lease 10.0.0.1 {\n  starts 6 `), { now });
    expect(report.truncated!.previous).toMatchObject({
      offset: a(1, 'active').length + a(2, 'free').length,
      line: 7,
      bindingState: 'expired',
    });
    expect(report.truncated!.completeStatements).toEqual([]);
    expect(report.truncated!.cutInside).toBe('starts');
  });
});

describe('the text of the cut declaration', () => {
  it('is shown up to 4 KiB, its length counted whole', async () => {
    const tail = `lease 10.0.0.7 {\n  client-hostname "${'z'.repeat(5000)}`;
    const report = await checkLeaseFile(leases(whole + tail), { now });
    expect(report.truncated!.length).toBe(tail.length);
    expect(report.truncated!.text).toBe(tail.slice(0, 4096));
    expect(report.truncated!.cutInside).toBe('client-hostname');
  });
});

describe('a cut IA whose complete blocks end bindings of its earlier copy', () => {
  const duid = String.raw`:\336R\335\000\001\000\0012\235\213hz%\335R\336:`;
  const ia = (state: string) =>
    `ia-na "${duid}" {\n  cltt 6 2026/11/28 12:54:02;\n` +
    ['fd00::1', 'fd00::2']
      .map(
        (a) =>
          `  iaaddr ${a} {\n    binding state ${state};\n    preferred-life 375;\n    max-life 600;\n    ends 6 2026/11/28 14:04:02;\n  }\n`,
      )
      .join('') +
    '}\n';
  const earlier = ia('active');
  const cut = ia('released');

  it('one ended: dhcpd keeps the earlier copy with the other only', async () => {
    const partial = cut.slice(0, cut.indexOf('  iaaddr fd00::2'));
    const report = await checkLeaseFile(leases(earlier + partial), { now });
    expect(report.truncated).toMatchObject({
      offset: earlier.length,
      kind: 'ia-na',
      key: `"${duid}"`,
      completeStatements: ['cltt', 'iaaddr'],
      cutInside: null,
      previous: { offset: 0, line: 1, bindingState: 'active' },
    });
    expect(report.truncated!.dhcpd.explanation).toBe(
      `dhcpd never enters a partial IA (at the end of the file it warns "corrupt lease file" and returns), but it applies each complete iaaddr block as it reads it: here they end the earlier copy's (line 1) binding of fd00::1, so dhcpd keeps the earlier copy with only fd00::2; removing the partial copy would bring that binding back.`,
    );
  });

  it('both ended: dhcpd keeps no binding for the IA', async () => {
    const partial = cut.slice(0, cut.length - 2);
    const report = await checkLeaseFile(leases(earlier + partial), { now });
    expect(report.truncated!.completeStatements).toEqual(['cltt', 'iaaddr', 'iaaddr']);
    expect(report.truncated!.dhcpd.explanation).toBe(
      `dhcpd never enters a partial IA (at the end of the file it warns "corrupt lease file" and returns), but it applies each complete iaaddr block as it reads it: here they end the earlier copy's (line 1) binding of fd00::1, fd00::2, so dhcpd keeps no binding for this IA; removing the partial copy would bring those bindings back.`,
    );
  });

  it('none ended (no complete block): the usual explanation, the earlier copy stays', async () => {
    const partial = cut.slice(0, cut.indexOf('  iaaddr fd00::1') + 10);
    const report = await checkLeaseFile(leases(earlier + partial), { now });
    expect(report.truncated!.completeStatements).toEqual(['cltt']);
    expect(report.truncated!.dhcpd.explanation).not.toMatch(/would bring/);
  });

  it('an IA_TA too, and the bindings kept are listed', async () => {
    const ta = (state: string) =>
      `ia-ta "${duid}" {\n  cltt 6 2026/11/28 12:54:02;\n` +
      ['fd00::1', 'fd00::2', 'fd00::3']
        .map(
          (a) =>
            `  iaaddr ${a} {\n    binding state ${state};\n    preferred-life 375;\n    max-life 600;\n    ends 6 2026/11/28 14:04:02;\n  }\n`,
        )
        .join('') +
      '}\n';
    const again = ta('released');
    const partial = again.slice(0, again.indexOf('  iaaddr fd00::2'));
    const report = await checkLeaseFile(leases(ta('active') + partial), { now });
    expect(report.truncated).toMatchObject({
      kind: 'ia-ta',
      completeStatements: ['cltt', 'iaaddr'],
    });
    expect(report.truncated!.dhcpd.explanation).toMatch(
      /here they end the earlier copy's \(line 1\) binding of fd00::1, so dhcpd keeps the earlier copy with only fd00::2, fd00::3; removing the partial copy would bring that binding back\.$/,
    );
  });

  it('an IA_PD names its iaprefix blocks', async () => {
    const pd = (state: string) =>
      `ia-pd "${duid}" {\n  cltt 6 2026/11/28 12:54:02;\n  iaprefix fd00:0:0:1ff::/64 {\n    binding state ${state};\n    preferred-life 375;\n    max-life 600;\n    ends 6 2026/11/28 14:04:02;\n  }\n}\n`;
    const partial = pd('released').slice(0, -2);
    const report = await checkLeaseFile(leases(pd('active') + partial), { now });
    expect(report.truncated!.dhcpd.explanation).toMatch(
      /applies each complete iaprefix block as it reads it: .* binding of fd00:0:0:1ff::(\/64)?, so dhcpd keeps no binding for this IA; removing the partial copy would bring that binding back\.$/,
    );
  });
});

describe('an empty file beside its previous snapshot FILE~', () => {
  function beside(content: string | null): string {
    const sub = join(dir, `empty${counter++}`);
    mkdirSync(sub);
    const path = join(sub, 'dhcpd.leases');
    writeFileSync(path, '');
    if (content !== null) writeFileSync(`${path}~`, content, 'latin1');
    return path;
  }

  it('counts the leases and IAs FILE~ holds, in the plural', async () => {
    const path = beside('');
    copyFileSync(fixturePath('fo-primary.leases'), `${path}~`);
    const report = await checkLeaseFile(path, { now });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toEqual({
      code: 'empty-beside-backup',
      severity: 'warning',
      line: 1,
      column: 1,
      offset: 0,
      message: `the file holds no declarations: dhcpd will start with no leases, while ${path}~ (its previous snapshot) holds 21 leases; review and restore with: leasecheck repair ${path} --write`,
    });
    const v6 = beside('');
    copyFileSync(fixturePath('v6.leases'), `${v6}~`);
    expect((await checkLeaseFile(v6, { now })).problems[0]!.message).toContain('holds 2 leases;');
  });

  it('says when FILE~ is itself damaged', async () => {
    const path = beside(`${whole}lease 10.0.0.8 {\n  binding sta`);
    const report = await checkLeaseFile(path, { now });
    expect(report.problems[0]!.message).toContain(
      `${path}~ (its previous snapshot) holds 1 lease (it is truncated-tail);`,
    );
  });

  it('counts its bytes when FILE~ cannot be checked', async () => {
    const path = beside(null);
    mkdirSync(`${path}~`);
    writeFileSync(join(`${path}~`, 'x'), 'x');
    const report = await checkLeaseFile(path, { now });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]!.message).toMatch(
      new RegExp(`\\(its previous snapshot\\) holds \\d+ bytes; review`),
    );
  });

  it('says nothing for a FILE that is not empty', async () => {
    const sub = join(dir, `full${counter++}`);
    mkdirSync(sub);
    const path = join(sub, 'dhcpd.leases');
    writeFileSync(path, whole);
    writeFileSync(`${path}~`, whole);
    expect((await checkLeaseFile(path, { now })).problems).toEqual([]);
  });
});
