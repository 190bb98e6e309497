// `leases` says what dhcpd loads. The real dhcpd, started on a lease file,
// rewrites it at start-up (server/db.c new_lease_file) with exactly what it
// kept: for odd but readable files (tabs, no indentation, `\"` in strings,
// no binding state, an address declared twice, a truncated tail), the
// addresses leasecheck says are written, their start-up states and hardware
// addresses must be those of dhcpd's rewrite.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { cleanupAfterEach, createLan, requireRealDhcpd, startDhcpd } from '../harness/index.js';
import { readLeases } from '../../src/leases/index.js';
import type { LeaseRecord } from '../../src/leases/index.js';
import { oddConf, oddLeases, oddLeasesTruncated } from './odd-files.js';
import { readFixture } from '../helpers.js';

const gate = requireRealDhcpd();

interface Written {
  state: string;
  hardware: string | null;
  uid: string | null;
  hostname: string | null;
}

/** The leases of a file dhcpd wrote, read with patterns of its own canonical format (server/db.c write_lease). */
function writtenByDhcpd(file: string): Map<string, Written> {
  const out = new Map<string, Written>();
  for (const block of file.match(/^lease [0-9.]+ \{\n[^]*?\n\}/gm) ?? []) {
    const address = /^lease ([0-9.]+)/.exec(block)![1]!;
    out.set(address, {
      state: /\n {2}binding state (\w+);/.exec(block)![1]!,
      hardware: /\n {2}hardware \w+ ([0-9a-f:]*);/.exec(block)?.[1] ?? null,
      uid: /\n {2}uid "(.*)";/.exec(block)?.[1] ?? null,
      hostname: /\n {2}client-hostname "(.*)";/.exec(block)?.[1] ?? null,
    });
  }
  return out;
}

async function predicted(text: string, now: Date): Promise<Map<string, Written>> {
  const out = new Map<string, Written>();
  const records: LeaseRecord[] = [];
  for await (const r of readLeases({ text }, { now })) records.push(r);
  for (const r of records) {
    if (!r.written) continue;
    out.set(r.address, {
      state: r.startupState!,
      hardware: r.hardware?.address ?? null,
      uid: r.uid?.text ?? null,
      // write_lease writes a client-hostname only when db_printable (no `"`
      // or `\\`), and a lease that expires at start-up loses it.
      hostname:
        r.clientHostname !== null &&
        r.startupState === r.state &&
        /^[\x20-\x7e]*$/.test(r.clientHostname) &&
        !/["\\]/.test(r.clientHostname)
          ? r.clientHostname
          : null,
    });
  }
  return out;
}

describe.skipIf(gate.skip)(
  'leases matches what the real dhcpd keeps (its start-up rewrite)',
  () => {
    const cleanup = cleanupAfterEach();

    it.each([
      ['odd but whole', oddLeases],
      ['odd, with a truncated tail', oddLeasesTruncated],
      ['the real fixture srv.leases', readFixture('srv.leases')],
    ])(
      '%s',
      async (_name, leases) => {
        const conf = leases.includes('10.0.0.') ? oddConf : readFixture('srv.conf');
        const [server] = await createLan(cleanup, [
          { address: '10.0.0.1/16' },
          { address: '10.0.0.2/16' },
        ]);
        const now = new Date();
        const dhcpd = await startDhcpd(cleanup, {
          host: server!,
          conf,
          leases: Buffer.from(leases, 'latin1'),
        });
        const rewritten = writtenByDhcpd(await readFile(dhcpd.leasePath, 'latin1'));
        const ours = await predicted(leases, now);
        expect(rewritten.size).toBeGreaterThan(0);
        expect(Object.fromEntries(ours)).toEqual(Object.fromEntries(rewritten));
      },
      60_000,
    );
  },
);
