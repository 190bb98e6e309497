// The real `dhcpd -t -cf FILE` as the oracle for the conf grammar: does ISC's
// own parser accept the file? Tests skip with a visible reason when dhcpd is
// not installed, and fail instead under CI=true.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { it } from 'vitest';

const candidates = ['/usr/sbin/dhcpd', '/sbin/dhcpd', '/usr/local/sbin/dhcpd'];

export const dhcpdPath: string | null =
  candidates.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }) ?? null;

const ci = ['true', '1', 'yes'].includes((process.env.CI ?? '').toLowerCase());

/** Why the oracle tests cannot run ('' when they can). */
export const oracleMissing =
  dhcpdPath === null ? 'dhcpd (Debian isc-dhcp-server) is not installed' : '';

/** Registers the visible skip (or, under CI, the failure) for a file whose tests need dhcpd. */
export function reportMissingOracle(): void {
  if (oracleMissing === '') return;
  if (ci) {
    it('has dhcpd installed (required under CI=true)', () => {
      throw new Error(oracleMissing);
    });
  } else {
    it.skip(`dhcpd oracle tests skipped: ${oracleMissing}`, () => {});
    process.stderr.write(`[skip] dhcpd oracle tests: ${oracleMissing}\n`);
  }
}

export interface OracleVerdict {
  accepted: boolean;
  output: string;
}

/**
 * Runs `dhcpd -t -cf FILE` (with -6 for a DHCPv6 configuration) from the file's
 * directory, so relative includes resolve as leasecheck resolves them.
 */
export function dhcpdAccepts(file: string, family: 4 | 6 = 4): OracleVerdict {
  const args = [...(family === 6 ? ['-6'] : []), '-t', '-cf', file];
  const result = spawnSync(dhcpdPath!, args, {
    cwd: dirname(file),
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { accepted: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}
