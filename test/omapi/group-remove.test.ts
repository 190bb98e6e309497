// A group made and then removed over OMAPI (omshell, with the real dhcpd):
// dhcpd appends the group, then writes the removal as `dynamic;` then
// `deleted;` (server/db.c write_group), which its own reader does not take
// as written (src/dhcpd/confpars-group.ts): it warns, ignores `deleted;`, and
// drops the group only because it was declared before. `check` says so: a
// warning on the line dhcpd names, and the file is clean.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { cleanupAfterAll, dhcpdTest, requireRealDhcpd, waitFor } from '../harness/index.js';
import { tempDir, write } from '../helpers.js';
import { omshell, omshellConnect, singleServerConfig, startSingleServer } from './omapi-lab.js';

const gate = requireRealDhcpd(['omshell']);
const dir = tempDir('omapi-group');

describe.skipIf(gate.skip)('a group made and removed over OMAPI (real dhcpd)', () => {
  const cleanup = cleanupAfterAll();

  it('is written as dhcpd then reads it: a warning on its line, and a clean file', async () => {
    const lab = await startSingleServer(cleanup);
    const connect = omshellConnect(lab.key);
    const made = await omshell(lab.host, [
      ...connect,
      'new group',
      'set name = "g1"',
      'set statements = "default-lease-time 600;"',
      'create',
    ]);
    expect(made.stdout).toContain('statements = "default-lease-time 600;"');
    await omshell(lab.host, [...connect, 'new group', 'set name = "g1"', 'open', 'remove']);
    const removed = /group g1 \{\n {2}dynamic;\n {2}deleted;\n\}/;
    const text = await waitFor(
      async () => {
        const t = await readFile(lab.server.leasePath, 'latin1');
        return removed.test(t) ? t : undefined;
      },
      10_000,
      () => 'dhcpd did not write the removed group to its lease file',
    );
    expect(text).toMatch(/group g1 \{\n {2}dynamic;\n {8}supersede /);

    const report = await checkLeaseFile(write(dir, 'omapi.leases', text), {});
    const dhcpd = await dhcpdTest({ content: singleServerConfig(lab.key) }, { content: text });
    expect(dhcpd.warnings.map((w) => w.message)).toEqual(['expecting a parameter or declaration']);
    expect(dhcpd.wrote.groups).toBe(0);
    expect(report.verdict).toBe('clean');
    expect(report.problems.map((p) => [p.code, p.severity, p.line])).toEqual([
      ['dhcpd-warns', 'warning', dhcpd.warnings[0]!.line],
    ]);
    expect(report.problems[0]!.message).toContain('drops both');
  }, 60_000);
});
