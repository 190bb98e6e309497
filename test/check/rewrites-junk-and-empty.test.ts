// Three things `check` must say as dhcpd and `repair --preen` see them:
// - `hardware ethernet ;` is what dhcpd itself writes after loading a lease cut
//   right after its hardware type: it checks without an error (an info note);
// - junk after the last complete declaration (a pasted shell line, NUL padding,
//   garbage) is damage at the tail, which plain repair and --preen remove;
// - a 0-byte file beside a non-empty FILE~ is a warning, so that monitoring
//   agrees with --preen (which refuses to start dhcpd on it).
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { renderNagios } from '../../src/monitor/nagios.js';
import { preen } from '../../src/repair/preen.js';
import { defaultRepairDeps } from '../../src/repair/default-deps.js';
import { useTmp } from '../repair/helpers/tmp.js';
import { fixturePath } from '../helpers.js';

const now = new Date('2026-11-28T13:00:00Z');
const tmp = useTmp();
const write = { pidFiles: [] as string[] };
const srv = readFileSync(fixturePath('srv.leases'));

function file(content: string | Buffer, name = 'dhcpd.leases'): string {
  const path = join(tmp(), name);
  writeFileSync(path, typeof content === 'string' ? Buffer.from(content, 'latin1') : content);
  return path;
}

describe('a hardware type with no address, as dhcpd rewrites a cut lease', () => {
  it('checks clean, with an info note on the lease that has it', async () => {
    const path = file(
      `${srv.toString('latin1')}lease 10.0.0.50 {\n  starts 4 2037/01/01 00:00:00;\n  ends 4 2037/12/31 00:00:00;\n  binding state active;\n  hardware ethernet ;\n}\nhost h1 {\n  dynamic;\n  hardware token-ring ;\n}\n`,
    );
    const report = await checkLeaseFile(path, { now });
    expect(report.verdict).toBe('clean');
    expect(report.problems.map((p) => [p.code, p.severity, p.line])).toEqual([
      ['hardware-type-only', 'info', 19],
    ]);
    expect(report.problems[0]!.message).toMatch(/^2 declarations have/);
    expect(report.leases.byState).toEqual({ active: 2 });
    // Monitoring does not count a note as a problem.
    expect(renderNagios(report).status).toBe('OK');
  });
});

describe('junk after the last complete declaration', () => {
  const junks: Array<[string, Buffer]> = [
    ['a pasted shell line', Buffer.from('sudo systemctl restart isc-dhcp-server\n')],
    ['NUL padding left by a crash', Buffer.alloc(4096)],
    ['a word with no end of line', Buffer.from('garbage')],
  ];

  it.each(junks)('%s: is reported at the tail, and --preen removes it', async (_, junk) => {
    const path = file(Buffer.concat([srv, junk]));
    const report = await checkLeaseFile(path, { now });
    expect(report.verdict).toBe('truncated-tail');
    expect(report.problems.map((p) => [p.code, p.line])).toEqual([['junk-at-tail', 19]]);
    expect(report.truncated).toMatchObject({ offset: srv.length, kind: null });

    const result = await preen(path, { now, write }, defaultRepairDeps);
    expect(result.status).toBe('repaired');
    expect(result.lines[0]).toMatch(
      /removed junk at the tail \(\d+ bytes from byte 544, line 19\)/,
    );
    expect(readFileSync(path).equals(srv)).toBe(true);
  });

  it('is damage in the middle when a complete declaration follows it', async () => {
    const path = file(
      Buffer.concat([srv, Buffer.from('xx;\nlease 10.0.0.99 {\n  binding state active;\n}\n')]),
    );
    const report = await checkLeaseFile(path, { now });
    expect(report.verdict).toBe('corrupt');
    expect((await preen(path, { now, write }, defaultRepairDeps)).status).toBe('problems');
  });

  it('is not removed when a declaration keyword hides in it (dhcpd swallows that lease; a person may want it)', async () => {
    const path = file(
      Buffer.concat([srv, Buffer.from('\0\0\0lease 10.0.0.99 {\n  binding state active;\n}\n')]),
    );
    const report = await checkLeaseFile(path, { now });
    expect(report.verdict).toBe('corrupt');
    expect(report.problems.map((p) => p.code)).toEqual(['unknown-declaration']);
  });
});

describe('an empty file beside a non-empty FILE~', () => {
  it('is a warning naming what FILE~ holds, and monitoring says WARNING as --preen refuses', async () => {
    const path = file('');
    copyFileSync(fixturePath('srv.leases'), `${path}~`);
    const report = await checkLeaseFile(path, { now });
    expect(report.verdict).toBe('clean');
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ code: 'empty-beside-backup', severity: 'warning' });
    expect(report.problems[0]!.message).toContain(`${path}~ (its previous snapshot) holds 1 lease`);
    expect(renderNagios(report).status).toBe('WARNING');
    expect((await preen(path, { now, write }, defaultRepairDeps)).status).toBe('problems');
  });

  it('is clean alone, or beside an empty FILE~, as --preen finds it', async () => {
    const alone = file('');
    expect((await checkLeaseFile(alone, { now })).problems).toEqual([]);
    expect((await preen(alone, { now, write }, defaultRepairDeps)).status).toBe('clean');
    const besideEmpty = file('');
    writeFileSync(`${besideEmpty}~`, '');
    expect((await checkLeaseFile(besideEmpty, { now })).problems).toEqual([]);
  });
});
