// What dhcpd kept of a partial lease, seen directly: a real dhcpd started on a
// lease file rewrites it at start-up (server/db.c new_lease_file), so the new
// file shows the fields it kept. For a handful of cut points, the rewritten
// lease must have the binding state, hardware, uid and times leasecheck predicts.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach, createLan, requireRealDhcpd, startDhcpd } from '../harness/index.js';
import { simulatePartialDeclaration } from '../../src/dhcpd/partial-declaration.js';
import { checkLeaseFile } from '../../src/check/index.js';
import { cutLease } from './cut-lease.js';
import { handWrittenCases } from './leases-for-cuts.js';

const gate = requireRealDhcpd();

/** The block of `lease ADDRESS { … }` in a lease file written by dhcpd (the last one), or null. */
function leaseBlock(file: string, address: string): string | null {
  const blocks = file.match(
    new RegExp(`^lease ${address.replace(/\./g, '\\.')} \\{[^]*?\\n\\}`, 'gm'),
  );
  return blocks ? (blocks[blocks.length - 1] as string) : null;
}

const everyStatement = handWrittenCases()[0]!;
/** Cut points, named by the text the file ends with. */
const cutsAfter = [
  '  starts 4 2037/01/01 00:00:00;', // starts only: no ends, state made up as free, not written
  '  cltt 4 2037/01/01 00:00:00;', // times only: ends in 2037, made up as active
  '  binding state active;', // active, no hardware
  '  hardware ethernet', // hardware type only: rewritten as `hardware ethernet ;`
  '  hardware ethernet 5e:fe:1', // hardware cut short: 5e:fe:01
  '  uid "\\001^\\376', // uid cut inside its string: kept, shorter
  '  uid "', // uid cut right after its opening quote: the lease is kept, with no uid
  '  set vendor-class-identifier = "MSFT 5.0";', // everything but client-hostname
  '  client-hostname "vm-o', // dropped: the earlier lease of 10.0.0.50 stays
];

describe.skipIf(gate.skip)(
  'the fields dhcpd keeps of a partial lease (real dhcpd rewriting its file)',
  () => {
    const cleanup = cleanupAfterEach();

    it.each(cutsAfter)(
      'file ending with %j',
      async (ending) => {
        const end = everyStatement.last.indexOf(ending);
        expect(end).toBeGreaterThan(0);
        const partialText = everyStatement.last.slice(0, end + ending.length);
        const now = new Date();
        const prediction = simulatePartialDeclaration(cutLease(partialText), now);

        const [server] = await createLan(cleanup, [
          { address: '10.0.0.1/16' },
          { address: '10.0.0.2/16' },
        ]);
        const dhcpd = await startDhcpd(cleanup, {
          host: server!,
          conf: everyStatement.conf,
          leases: Buffer.from(everyStatement.prefix + partialText, 'latin1'),
        });
        const rewritten = await readFile(dhcpd.leasePath, 'latin1');
        // Whatever dhcpd itself wrote checks without an error.
        const recheck = await checkLeaseFile(dhcpd.leasePath, { now });
        expect(recheck.problems.filter((p) => p.severity === 'error')).toEqual([]);
        const block = leaseBlock(rewritten, '10.0.0.50');
        if (process.env.SHOW_BLOCKS) console.info(ending, prediction.outcome, block);

        if (prediction.outcome.action === 'dropped') {
          // The earlier declaration stays: its hardware address, still active.
          expect(block).toContain('hardware ethernet 00:11:22:33:44:55;');
          expect(block).toContain('binding state active;');
          return;
        }
        const fate = prediction.fate!;
        if (!fate.written) {
          expect(block).toBeNull();
          return;
        }
        expect(block).toContain(`binding state ${fate.state};`);
        const lease = prediction.parse!.lease!;
        const hw = lease.hardware
          ? lease.hardware.bytes.map((b) => b.toString(16).padStart(2, '0')).join(':')
          : null;
        if (hw === null) expect(block).not.toMatch(/hardware/);
        else expect(block).toContain(`hardware ethernet ${hw};`);
        if (hw === '') expect(recheck.problems.map((p) => p.code)).toContain('hardware-type-only');
        expect(/\n {2}uid /.test(block!)).toBe(lease.uid !== null);
        expect(/\n {2}client-hostname /.test(block!)).toBe(lease.clientHostname !== null);
        expect(/\n {2}starts /.test(block!)).toBe(lease.starts !== 0);
        expect(/\n {2}ends /.test(block!)).toBe(lease.ends !== 0);
        expect(/\n {2}set vendor-class-identifier/.test(block!)).toBe(
          lease.bindings.includes('vendor-class-identifier'),
        );
        for (const field of prediction.outcome.fields.filter((f) =>
          ['starts', 'ends', 'cltt', 'tsfp', 'atsfp'].includes(f),
        )) {
          expect(block).toMatch(new RegExp(`\\n  ${field} `));
        }
      },
      60_000,
    );
  },
);
