import { describe, expect, it } from 'vitest';
import { loadDhcpdConf } from '../../src/conf/index.js';
import { verifyLeaseFile } from '../../src/verify/index.js';
import { dhcpdTest, requireRealDhcpd } from '../harness/index.js';
import { header, lease, leases, startupLog, tempDir, write } from './helpers.js';

/**
 * `verify --config` against what the real `dhcpd -T` logs for the same file
 * and configuration: the addresses it drops with "no subnet" are the ones
 * the configuration has no range for, and its `Wrote N leases` is the count
 * verify predicts.
 */

const gate = requireRealDhcpd();

describe.skipIf(gate.skip)('verify --config and the real dhcpd -T', () => {
  it('the "no subnet" dhcpd logs is explained by the configuration; its Wrote N is predicted', async () => {
    const dir = tempDir();
    const conf = write(
      dir,
      'dhcpd.conf',
      'subnet 10.0.1.0 netmask 255.255.255.0 {\n  range 10.0.1.0 10.0.1.50;\n}\n',
    );
    const file = write(
      dir,
      'dhcpd.leases',
      header() + leases(1, 3) + lease('10.0.9.9') + lease('10.0.9.10', 'free'),
    );
    // dhcpd -T uses the real clock; the prediction must use the same moment.
    const now = new Date();
    const t = await dhcpdTest(conf, file);
    expect(t.successful).toBe(true);
    expect(t.noSubnet.sort()).toEqual(['10.0.9.10', '10.0.9.9']);

    // The server's last start-up wrote the three leases; then an admin ran dhcpd -T.
    const log = write(dir, 'dhcpd.log', startupLog(['Wrote 3 leases to leases file.']) + t.raw);
    const report = await verifyLeaseFile(file, {
      logs: [log],
      now,
      config: { file: conf, plan: await loadDhcpdConf(conf) },
    });
    expect(report.config?.wrote.written).toBe(t.wrote.leases);
    expect(report.config?.wrote.noSubnet).toBe(2);
    expect(report.config?.droppedSince?.addresses.sort()).toEqual(['10.0.9.10', '10.0.9.9']);
    expect(report.config?.droppedSince?.inRange).toBe(0);
    expect(report.findings.find((f) => f.code === 'dhcpd-complaint')?.severity).toBe('note');
    expect(report.config?.findings.map((f) => f.subject).sort()).toEqual([...t.noSubnet].sort());
    // The file still holds leases dhcpd drops at its next start: that stays an error.
    expect(report.status).toBe('inconsistent');
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual([
      'config-no-subnet',
      'config-no-subnet',
    ]);
  });
});
