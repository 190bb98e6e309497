import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian installs dhcpd. */
export const dhcpdPath = '/usr/sbin/dhcpd';

/** Why the real-dhcpd tests cannot run here, or null when they can. */
export function dhcpdUnavailable(): string | null {
  if (!existsSync(dhcpdPath))
    return `${dhcpdPath} is not installed (apt-get install isc-dhcp-server)`;
  if (process.getuid?.() !== 0) return 'dhcpd -T needs root';
  return null;
}

/** Lines dhcpd -T prints on every run: anything else is a warning. */
const routine = [
  /^Internet Systems Consortium DHCP Server/,
  /^Copyright /,
  /^All rights reserved/,
  /^For info, please visit/,
  /^Config file: /,
  /^Database file: /,
  /^PID file: /,
  /^Wrote \d+ /,
  /^Lease file test successful/,
  // `log (…, "lease event …")` statements in `on expiry` handlers that dhcpd runs while loading.
  /^lease event /,
  /^$/,
];

export interface DhcpdTest {
  output: string;
  /** Lines other than the banner, the `Wrote` lines and the success line. */
  warnings: string[];
}

/** Runs `dhcpd -T [-6] -cf CONF -lf LEASES` on copies in a private directory. */
export async function dhcpdTest(
  leases: string,
  config: string,
  family: 'v4' | 'v6',
): Promise<DhcpdTest> {
  const dir = mkdtempSync(join(tmpdir(), 'leasecheck-arb-dhcpd-'));
  try {
    const leasesPath = join(dir, 'dhcpd.leases');
    const configPath = join(dir, 'dhcpd.conf');
    writeFileSync(leasesPath, Buffer.from(leases, 'latin1'));
    writeFileSync(configPath, config);
    const args = ['-T', ...(family === 'v6' ? ['-6'] : []), '-cf', configPath, '-lf', leasesPath];
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        dhcpdPath,
        args,
        { encoding: 'latin1', timeout: 30_000 },
        (error, stdout, stderr) => {
          if (error && error.code !== 0 && typeof error.code !== 'number') reject(error);
          else resolve(stdout + stderr);
        },
      );
    });
    const warnings = output.split('\n').filter((line) => !routine.some((r) => r.test(line)));
    return { output, warnings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
