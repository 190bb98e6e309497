// A failover pair whose roles are wrong, against the real dhcpd 4.4.3.
// - A secondary's file that says `primary` (and so lacks split and mclt):
//   dhcpd -t refuses it at the block's closing `}` (confpars.c
//   parse_failover_peer checks after its loop has read that token), and
//   leasecheck points at the same line.
// - Both files `primary` (or both `secondary`), each complete: dhcpd -t
//   accepts each, names no line, and at run time the peers never reach
//   normal. leasecheck pair finds it, at each file's role statement.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDhcpdConf } from '../../src/conf/load.js';
import {
  cleanupAfterEach,
  cleanupTempDir,
  createLan,
  failoverConfig,
  leasecheck,
  requireRealDhcpd,
  startDhcpd,
  waitForLogInAny,
  type Cleanup,
} from '../harness/index.js';
import { dhcpdAccepts } from '../conf/dhcpd-oracle.js';

const gate = requireRealDhcpd();

/** The line dhcpd -t names in `FILE line N: …`, or null. */
function dhcpdLine(output: string): number | null {
  const match = / line (\d+): /.exec(output);
  return match ? Number(match[1]) : null;
}

/** The secondary's config with its role statement replaced (and, for a primary, split and mclt added). */
function secondaryDeclaring(role: 'primary' | 'primary-complete'): string {
  const statements = role === 'primary' ? '  primary;' : '  primary;\n  mclt 600;\n  split 128;';
  return failoverConfig('secondary').replace('  secondary;', statements);
}

/** The primary's config declaring `secondary`, without the primary-only settings. */
function primaryAsSecondary(): string {
  return failoverConfig('primary')
    .replace('  primary;', '  secondary;')
    .replace('  mclt 600;\n', '')
    .replace('  split 128;\n', '');
}

async function written(
  cleanup: Cleanup,
  files: Record<string, string>,
): Promise<Record<string, string>> {
  const dir = await cleanupTempDir(cleanup, 'pair-roles');
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    paths[name] = join(dir, `${name}.conf`);
    await writeFile(paths[name], text);
  }
  return paths;
}

describe.skipIf(gate.skip)('failover roles: where dhcpd and leasecheck point (real dhcpd)', () => {
  const cleanup = cleanupAfterEach();

  it('a secondary declared primary without split or mclt: dhcpd -t and leasecheck name the same line, the closing brace', async () => {
    const files = await written(cleanup, {
      primary: failoverConfig('primary'),
      secondary: secondaryDeclaring('primary'),
      // Layout moved: a long block, the closing brace far from the role.
      spread: secondaryDeclaring('primary').replace('  primary;', '  primary;\n\n\n\n'),
      nopeer: failoverConfig('secondary').replace('  peer address 10.0.0.1;\n', ''),
    });
    for (const [name, message] of [
      ['secondary', /primary failover server must have hba or split/],
      ['spread', /primary failover server must have hba or split/],
      ['nopeer', /peer address may not be omitted/],
    ] as const) {
      const theirs = dhcpdAccepts(files[name]!);
      expect(theirs.accepted).toBe(false);
      expect(theirs.output).toMatch(message);
      const line = dhcpdLine(theirs.output);
      expect(line, theirs.output).not.toBeNull();
      await expect(loadDhcpdConf(files[name]!)).rejects.toThrow(
        new RegExp(`${name}\\.conf:${line}: ${message.source}`),
      );
      // The closing brace of the failover block, not the block's first line.
      const lines = (await readFile(files[name]!, 'utf8')).split('\n');
      expect(lines[line! - 1]).toBe('}');
    }
    const cli = await leasecheck(['pair', files.primary!, files.secondary!]);
    expect(cli.code).toBe(8);
    expect(cli.stderr).toMatch(
      new RegExp(
        `secondary\\.conf:${dhcpdLine(dhcpdAccepts(files.secondary!).output)}: primary failover server must have hba or split`,
      ),
    );
  });

  it('two primaries, two secondaries: dhcpd -t accepts each file and names no line; running, neither pair reaches normal; leasecheck pair points at the role statements', async () => {
    const files = await written(cleanup, {
      primary: failoverConfig('primary'),
      twoPrimaries: secondaryDeclaring('primary-complete'),
      twoSecondaries: primaryAsSecondary(),
      secondary: failoverConfig('secondary'),
    });
    for (const file of Object.values(files)) {
      expect(dhcpdAccepts(file).accepted, dhcpdAccepts(file).output).toBe(true);
    }
    const [p1, p2, s1, s2] = await createLan(cleanup, [
      { address: '10.0.0.1/16' },
      { address: '10.0.0.3/16' },
    ]).then(async (first) => [
      ...first,
      ...(await createLan(cleanup, [{ address: '10.0.0.1/16' }, { address: '10.0.0.3/16' }])),
    ]);
    const servers = await Promise.all([
      startDhcpd(cleanup, { host: p1!, conf: failoverConfig('primary') }),
      startDhcpd(cleanup, { host: p2!, conf: secondaryDeclaring('primary-complete') }),
      startDhcpd(cleanup, { host: s1!, conf: primaryAsSecondary() }),
      startDhcpd(cleanup, { host: s2!, conf: failoverConfig('secondary') }),
    ]);
    // Two primaries: each connects, each refuses the other's connection. Which
    // side logs the refusal depends on which dhcpd was listening first.
    await waitForLogInAny(
      servers.slice(0, 2),
      /^Failover CONNECTACK from foo: already connected$/m,
      60_000,
    );
    // Two secondaries: neither sends CONNECT, so the side whose connection got
    // through gives up 15 s later (dhcp_failover_link_startup_timeout). When a
    // peer was not yet listening, its partner retries 5 s to 90 s later.
    await waitForLogInAny(servers.slice(2, 4), /^failover: link startup timeout$/m, 150_000);
    for (const server of servers) {
      const log = await server.logSinceStart();
      expect(log).not.toMatch(/Both servers normal|I move from \S+ to normal/);
      expect(log).not.toMatch(/ line \d+/);
    }
    const twoPrimaries = await leasecheck(['pair', '--json', files.primary!, files.twoPrimaries!]);
    expect(twoPrimaries.code).toBe(4);
    const roleLine = (text: string): number => text.split('\n').indexOf('  primary;') + 1;
    expect(JSON.parse(twoPrimaries.stdout).findings).toMatchObject([
      {
        code: 'failover-roles',
        primary: { line: roleLine(failoverConfig('primary')), value: 'primary' },
        secondary: { line: roleLine(secondaryDeclaring('primary-complete')), value: 'primary' },
      },
    ]);
    const twoSecondaries = await leasecheck(['pair', files.twoSecondaries!, files.secondary!]);
    expect(twoSecondaries.code).toBe(4);
    expect(twoSecondaries.stdout).toMatch(/both files declare secondary/);
    expect(twoSecondaries.stdout).toMatch(/never reach normal/);
  }, 240_000);
});
