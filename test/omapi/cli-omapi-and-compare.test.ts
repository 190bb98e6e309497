// The real CLI (`node bin/leasecheck.js`, built in dist/) against dhcpd's
// recorded replies on loopback: output shapes and exit codes, no root needed.
import { type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { leasecheck } from '../harness/leasecheck.js';
import { requireBuiltCli } from './omapi-lab.js';
import { loadFixture, replayServer } from './fixtures.js';

const cli = requireBuiltCli();

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    await new Promise((resolve) => {
      server.close(resolve);
      // Replay servers keep idle sockets; the CLI has exited, so nothing else is waiting.
      setTimeout(resolve, 200);
    });
  }
});

async function replay(scenario: string): Promise<{ port: number; key: string }> {
  const fixture = loadFixture(scenario);
  const { port, server } = await replayServer(fixture);
  servers.push(server);
  return { port, key: `${fixture.clientKey.name}:${fixture.clientKey.secret}` };
}

describe.skipIf(!cli)('leasecheck omapi get', () => {
  it('--json prints one object keyed by dhcpd attribute names, values decoded; exit 0', async () => {
    const { port, key } = await replay('lease-active');
    const result = await leasecheck([
      'omapi',
      'get',
      'lease',
      '10.0.1.5',
      '--omapi',
      `127.0.0.1:${port}`,
      '--key',
      key,
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      'ip-address': '10.0.1.5',
      state: 'active',
      'hardware-address': '52:54:00:12:34:56',
      ends: '2036-11-29T12:00:00Z',
    });
  });

  it('text output: a heading and one aligned line per attribute', async () => {
    const { port, key } = await replay('failover-state-primary');
    const result = await leasecheck([
      'omapi',
      'get',
      'failover-state',
      'foo',
      '--omapi',
      `127.0.0.1:${port}`,
      '--key',
      key,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^failover-state foo\n/);
    expect(result.stdout).toMatch(/^ {2}local-state +normal$/m);
    expect(result.stdout).toMatch(/^ {2}hierarchy +primary$/m);
  });

  it('an unknown object is exit 8; a wrong secret is exit 8', async () => {
    const unknown = await replay('lease-unknown');
    const missing = await leasecheck([
      'omapi',
      'get',
      'lease',
      '10.0.9.9',
      '--omapi',
      `127.0.0.1:${unknown.port}`,
      '--key',
      unknown.key,
    ]);
    expect(missing.code).toBe(8);
    expect(missing.stderr).toMatch(
      /^leasecheck: dhcpd at 127\.0\.0\.1:\d+ has no lease "10\.0\.9\.9"\n$/,
    );
    const wrong = await replay('wrong-secret');
    const refused = await leasecheck([
      'omapi',
      'get',
      'lease',
      '10.0.1.5',
      '--omapi',
      `127.0.0.1:${wrong.port}`,
      '--key',
      wrong.key,
    ]);
    expect(refused.code).toBe(8);
    expect(refused.stderr).toMatch(/the secret differs from dhcpd's/);
  });

  it('usage errors are exit 16: unknown type, no --omapi, bad --key, bad address', async () => {
    const cases: [string[], RegExp][] = [
      [['omapi', 'get', 'subnet', 'x', '--omapi', '127.0.0.1:1'], /unknown object type "subnet"/],
      [['omapi', 'get', 'lease', '10.0.1.5'], /required option '--omapi/],
      [
        ['omapi', 'get', 'lease', '10.0.1.5', '--omapi', '127.0.0.1:1', '--key', 'nocolon'],
        /NAME:BASE64SECRET/,
      ],
      [
        ['omapi', 'get', 'lease', '10.0.1', '--omapi', '127.0.0.1:1', '--key', 'k:AAAA'],
        /not an IPv4 address/,
      ],
      [
        ['omapi', 'shutdown', '--omapi', '127.0.0.1:1', '--key', 'k:AAAA'],
        /without --yes-shut-down-dhcpd/,
      ],
      [['compare', 'x.leases', '--omapi', '127.0.0.1:1', '--sample', '0'], /--sample "0"/],
    ];
    for (const [args, message] of cases) {
      const result = await leasecheck(args);
      expect(result.code, args.join(' ')).toBe(16);
      expect(result.stderr).toMatch(message);
    }
  });

  it('a refused connection is exit 8', async () => {
    const result = await leasecheck([
      'omapi',
      'get',
      'host',
      'h',
      '--omapi',
      '127.0.0.1:1',
      '--key',
      'k:AAAA',
    ]);
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/connection refused/);
  });
});
