// A cut last lease whose address has an octet above 255 (the grammar takes three
// digits an octet): dhcpd warns "300 exceeds max (255) for precision.", keeps the
// octet's low 8 bits and loads the partial lease as 10.0.0.44, in place of the
// earlier 10.0.0.44. check names that earlier copy (what removing the tail brings
// back, as repair says) and `--config` predicts the `Wrote N leases` dhcpd -T logs
// (answers kept).
import { describe, expect, it } from 'vitest';
import { closeSync, openSync } from 'node:fs';
import { checkLeaseFile } from '../../src/check/index.js';
import { planRepair } from '../../src/repair/plan.js';
import { planFromText } from '../../src/conf/index.js';
import { requireRealDhcpd } from '../harness/index.js';
import { cachedDhcpdTests } from '../dhcpd/cached-dhcpd-test.js';
import { plainConf } from '../dhcpd/leases-for-cuts.js';
import { tempDir, write } from '../helpers.js';

const gate = requireRealDhcpd();
const dir = tempDir('check-cut-address');
const now = new Date('2026-11-28T13:00:00Z');
const earlier =
  'lease 10.0.0.44 {\n  starts 4 2030/01/03 00:00:00;\n  ends 5 2031/01/03 00:00:00;\n  binding state active;\n  hardware ethernet 00:11:22:33:44:55;\n}\n';
// Loaded by dhcpd as a free lease with no hardware address: not written back.
const cut =
  'lease 10.0.0.300 {\n  starts 4 2030/01/03 00:00:00;\n  ends 5 2031/01/03 00:00:00;\n  binding state free;\n';

describe.skipIf(gate.skip)('a cut last lease at 10.0.0.300 (dhcpd -T)', () => {
  it('replaces the earlier 10.0.0.44, as dhcpd reads it: the earlier copy is named, Wrote 0', async () => {
    const [real] = await cachedDhcpdTests('cut-lease-address-as-read', [
      { conf: { content: plainConf }, leases: { content: earlier + cut } },
    ]);
    expect(real!.warnings[0]).toMatchObject({
      line: 7,
      message: '300 exceeds max (255) for precision.',
    });
    expect(real!.wrote.leases).toBe(0);

    const path = write(dir, 'cut.leases', earlier + cut);
    const plan = planFromText(plainConf, 'dhcpd.conf');
    const report = await checkLeaseFile(path, { now, config: { file: 'dhcpd.conf', plan } });
    expect(report.verdict).toBe('truncated-tail');
    expect(report.config!.wrote).toMatchObject({ written: real!.wrote.leases });
    expect(report.truncated).toMatchObject({
      line: 7,
      kind: 'lease',
      key: '10.0.0.44',
      previous: { line: 1, bindingState: 'active', hardware: 'ethernet 00:11:22:33:44:55' },
    });
    // Without --config: the same earlier copy, which repair says removing the tail brings back.
    const plain = await checkLeaseFile(path, { now });
    expect(plain.truncated).toMatchObject({ key: '10.0.0.44', previous: { line: 1 } });
    const fd = openSync(path, 'r');
    try {
      expect(planRepair(plain, {}, fd).explanation).toContain(
        'The earlier declaration of 10.0.0.44 (line 1: binding state active, ends 2031-01-03T00:00:00Z) takes effect again.',
      );
    } finally {
      closeSync(fd);
    }
  }, 60_000);
});
