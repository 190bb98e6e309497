// What dhcpd keeps after damage, and of leases with no binding state: check's
// counts and its --config Wrote prediction follow dhcpd (each case here is
// also in the differential corpus, which compares it with the real dhcpd -T).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { planFromText } from '../../src/conf/index.js';
import { dhcpdRecovery } from '../../src/dhcpd/confpars-recovery.js';
import { requireRealDhcpd } from '../harness/index.js';
import { useTmp } from '../repair/helpers/tmp.js';
import { cachedDhcpdTests } from './cached-dhcpd-test.js';
import { plainConf } from './leases-for-cuts.js';

const now = new Date('2026-11-28T13:00:00Z');
const t = now.getTime() / 1000;
const tmp = useTmp();
const plan = planFromText(plainConf, 'dhcpd.conf');

const lease = (n: number, state = 'active') =>
  `lease 10.0.0.${n} {\n  starts 4 2037/01/01 00:00:00;\n  ends 4 2037/12/31 00:00:00;\n  binding state ${state};\n  hardware ethernet 00:00:00:00:00:${n};\n}\n`;

async function check(text: string) {
  const path = join(tmp(), 'dhcpd.leases');
  writeFileSync(path, Buffer.from(text, 'latin1'));
  return checkLeaseFile(path, { now, config: { file: 'dhcpd.conf', plan } });
}

describe("dhcpd's recovery after damage (lease_file_subparse, skip_to_semi)", () => {
  it('a stray `}` makes dhcpd skip to the next `;`: the head of the next lease, and so all of it', async () => {
    const r = await check(`${lease(20)}}\n${lease(21)}`);
    expect(r.verdict).toBe('corrupt');
    expect(r.leases.distinct).toBe(1);
    expect(r.config?.wrote.written).toBe(1);
  });

  it('a bare `failover {` left open swallows the lease after it', async () => {
    const r = await check(`failover {\n${lease(20)}${lease(21)}`);
    expect(r.config?.wrote.written).toBe(1);
    expect(r.leases.distinct).toBe(1);
  });

  it('a damaged statement: dhcpd drops the lease, then its `}` swallows the next one', async () => {
    const r = await check(`${lease(20).replace('state active', 'state activ')}${lease(21)}`);
    expect(r.config?.wrote.written).toBe(0);
    expect(r.leases.distinct).toBe(0);
  });

  it.skipIf(requireRealDhcpd().skip)(
    'a lease dhcpd refuses at its `on`, or a `host` with no name: dhcpd skips it whole and reads the next lease, as check predicts',
    async () => {
      const texts = [
        `${lease(20).replace('  binding', '  on foo;\n  binding')}${lease(21)}${lease(22)}`,
        `host {\n  dynamic;\n}\n${lease(21)}${lease(22)}`,
      ];
      const real = await cachedDhcpdTests(
        'recovery-skips-whole',
        texts.map((text) => ({ conf: { content: plainConf }, leases: { content: text } })),
      );
      for (const [i, text] of texts.entries()) {
        const r = await check(text);
        expect(r.verdict).toBe('corrupt');
        expect(real[i]!.wrote.leases).toBe(2);
        expect(r.config?.wrote.written).toBe(real[i]!.wrote.leases);
        expect(r.leases.distinct).toBe(2);
      }
    },
    60_000,
  );

  it.skipIf(requireRealDhcpd().skip)(
    'a damaged lease with a comment between `lease` and its address, or its address in leading zeros: dhcpd enters it, as check predicts',
    async () => {
      const damaged = (n: number, address: string) =>
        lease(n)
          .replace(`lease 10.0.0.${n} {`, `lease ${address} {`)
          .replace('starts 4 2037/01/01 00:00:00', 'starts 4');
      const texts = [
        `junk;\n${damaged(20, '# note\n  10.0.0.20')}${lease(21)}`,
        `junk;\n${damaged(22, '010.000.000.022')}${lease(21)}`,
      ];
      const real = await cachedDhcpdTests(
        'recovery-lease-address',
        texts.map((text) => ({ conf: { content: plainConf }, leases: { content: text } })),
      );
      for (const [i, text] of texts.entries()) {
        const r = await check(text);
        expect(real[i]!.wrote.leases).toBe(2);
        expect(r.config?.wrote.written).toBe(real[i]!.wrote.leases);
        // The warnings dhcpd logs: the junk, and the damaged date (not "possibly corrupt lease file").
        const recovery = dhcpdRecovery(text, 1, t);
        expect(recovery.warnings).toEqual(real[i]!.warnings.map((w) => w.message));
        expect(recovery.entered.map((e) => e.address)).toEqual([
          i === 0 ? '10.0.0.20' : '10.0.0.22',
        ]);
      }
    },
    60_000,
  );

  it.skipIf(requireRealDhcpd().skip)(
    'a lease dhcpd enters after a whole declaration inside the damage is named at its own offset',
    async () => {
      const damaged = lease(20).replace('starts 4 2037/01/01 00:00:00', 'starts 4');
      const text = `junk;\nauthoring-byte-order little-endian;\n${damaged}${lease(21)}`;
      const [real] = await cachedDhcpdTests('recovery-after-whole', [
        { conf: { content: plainConf }, leases: { content: text } },
      ]);
      expect(real!.wrote.leases).toBe(2);
      // The scanner goes on at lease 21: the byte order and lease 20 are inside the damage.
      const r = dhcpdRecovery(text, text.indexOf('lease 10.0.0.21'), t);
      expect(r.entered.map((e) => [e.offset, e.address])).toEqual([
        [text.indexOf('lease 10.0.0.20'), '10.0.0.20'],
      ]);
      expect(r).toMatchObject({ resyncAt: text.indexOf('lease 10.0.0.21'), inStep: true });
      expect(r.warnings).toEqual(real!.warnings.map((w) => w.message));
    },
    60_000,
  );

  it('junk ending in `;` costs nothing more: the next lease is read', async () => {
    const r = await check(`xx;\n${lease(20)}`);
    expect(r.config?.wrote.written).toBe(1);
    expect(r.leases.distinct).toBe(1);
  });

  it('names where dhcpd is back in step, and the leases it entered on the way', () => {
    const text = `frobnicate 1;\n${lease(20)}`;
    const r = dhcpdRecovery(text, 1, now.getTime() / 1000);
    expect(r.resyncAt).toBe(text.indexOf('lease'));
    expect(r.entered).toEqual([]);
    expect(r.warnings).toEqual(['Corrupt lease file - possible data loss!']);
    // `from` is inside the damage (the scanner goes on at `robnicate`): not in step there.
    expect(r.inStep).toBe(false);
  });

  it('is in step only where the scanner goes on: a lease dhcpd swallowed and read past is not', () => {
    // dhcpd skips `frob { … }` whole, then reads lease 20 (which the scanner also reads) and is
    // back in step at lease 21; with `from` at lease 20 the scanner is back at lease 20.
    const text = `frob {\n  x;\n}\n  ${lease(20)}${lease(21)}`;
    const from = text.indexOf('}') + 1;
    const r = dhcpdRecovery(text, from, t);
    expect(r).toMatchObject({ resyncAt: text.indexOf('lease 10.0.0.20'), inStep: true });
    // Damage that swallows lease 20's head: dhcpd skips to its first `;`, and the rest of
    // lease 20 is stray tokens up to its `}`; it is back at lease 21, the scanner at lease 20.
    const swallowing = `frob\n${lease(20)}${lease(21)}`;
    const s = dhcpdRecovery(swallowing, 'frob'.length, t);
    expect(s.resyncAt).toBe(swallowing.indexOf('lease 10.0.0.21'));
    expect(s.inStep).toBe(false);
    expect(s.entered).toEqual([]);
  });

  it('is back in step at a whole declaration that starts exactly where the scanner goes on', () => {
    const text = `junk;\n${lease(20)}`;
    const from = text.indexOf('lease');
    expect(dhcpdRecovery(text, from, t)).toMatchObject({
      resyncAt: from,
      inStep: true,
      entered: [],
    });
  });

  it('is not back in step at a damaged declaration after the damage: it reads on to a whole one', () => {
    const text = `junk;\nlease 10.0.0.20 {\n  starts 4;\n}\n${lease(21)}`;
    const r = dhcpdRecovery(text, 1, t);
    expect(r.resyncAt).toBe(text.indexOf('lease 10.0.0.21'));
    // The damaged lease is entered (a bad date is only a warning) on the way.
    expect(r.entered.map((e) => e.address)).toEqual(['10.0.0.20']);
  });

  it('stops at a lease with `timestamp`, where dhcpd exits: nothing after it is read', () => {
    const text = `junk;\nlease 10.0.0.20 {\n  timestamp ${'4 2037/01/01 00:00:00'};\n}\nlease 10.0.0.19 {\n  starts 1;\n}\n${lease(21)}`;
    const r = dhcpdRecovery(text, 1, t);
    expect(r).toMatchObject({ resyncAt: text.length, inStep: false, entered: [] });
  });
});

describe('leases with no binding state (old files): dhcpd makes one up', () => {
  const noState = `lease 10.0.0.30 {\n  ends 4 2037/12/31 00:00:00;\n  hardware ethernet 00:00:00:00:00:30;\n}\nlease 10.0.0.31 {\n  ends 1 2001/01/01 00:10:00;\n  hardware ethernet 00:00:00:00:00:31;\n}\nlease 10.0.0.32 {\n  ends 1 2001/01/01 00:10:00;\n  on expiry {\n    set gone = "yes";\n  }\n}\nlease 10.0.0.34 {\n  ends 4 2037/12/31 00:00:00;\n  abandoned;\n}\n`;

  it('counts them in byState as active (ends after now, or on expiry) or free, and `abandoned;` as abandoned', async () => {
    const r = await check(noState);
    expect(r.verdict).toBe('clean');
    expect(r.leases.byState).toEqual({ active: 2, free: 1, abandoned: 1 });
  });

  it('writes them as dhcpd does: not the on-expiry lease, which expires to free with no hardware address', async () => {
    expect((await check(noState)).config?.wrote).toMatchObject({ written: 3, notWritten: 1 });
  });
});
