// leasecheck's OMAPI client against the real dhcpd 4.4.3-P1 in a network
// namespace, with omshell as the reference: the same objects, the same values;
// wrong keys and absent servers are exit 8; `compare` catches the lease dhcpd
// loaded without its hardware address; the failover readiness follows a real
// restart of the secondary; the graceful shutdown really stops dhcpd.
import { writeFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Declaration } from '../../src/model/types.js';
import { emptyDeclaration } from '../../src/model/from-events.js';
import {
  compareDeclarations,
  getLease,
  omapiFailoverReady,
  parseKeyOption,
  withOmapi,
} from '../../src/omapi/index.js';
import { decodeAttributes } from '../../src/omapi/values.js';
import { cleanupAfterAll, requireRealDhcpd, waitFor } from '../harness/index.js';
import {
  OMAPI_PORT,
  bridgeToNamespace,
  leasecheckIn,
  omshell,
  omshellConnect,
  requireBuiltCli,
  seededLeases,
  startPairWithOmapi,
  startSingleServer,
  type LabKey,
  type PairLab,
  type SingleLab,
} from './omapi-lab.js';

const gate = requireRealDhcpd(['omshell']);
const cli = gate.skip || requireBuiltCli();

/** What omshell printed for the object it opened, decoded the way leasecheck decodes dhcpd's bytes. */
function omshellObject(type: string, output: string): Record<string, unknown> {
  const last = output.split('obj: ').pop() ?? '';
  const pairs: { name: string; value: Buffer }[] = [];
  for (const line of last.split('\n')) {
    const match = /^(?:> )?([a-z][a-z0-9-]*) = (.*)$/.exec(line);
    if (!match) continue;
    const [, name, text] = match as unknown as [string, string, string];
    const value = text.startsWith('"')
      ? Buffer.from(text.slice(1, -1), 'latin1')
      : Buffer.from(text.replace(/:/g, ''), 'hex');
    pairs.push({ name, value });
  }
  return decodeAttributes(type, pairs);
}

function keyArg(key: LabKey): string {
  return `${key.name}:${key.secret}`;
}

const omapiAddress = `127.0.0.1:${OMAPI_PORT}`;

function declaration(fields: Partial<Declaration> & { key: string; line: number }): Declaration {
  return {
    ...emptyDeclaration('lease', fields.line * 100, fields.line),
    length: 100,
    addresses: [],
    ...fields,
  };
}

describe.skipIf(gate.skip)('OMAPI with one real dhcpd', () => {
  const cleanup = cleanupAfterAll();
  let lab: SingleLab;
  let localPort: number;

  beforeAll(async () => {
    lab = await startSingleServer(cleanup);
    localPort = await bridgeToNamespace(cleanup, lab.host);
  });

  for (const [type, id, open] of [
    ['lease', '10.0.1.5', ['new lease', 'set ip-address = 10.0.1.5', 'open']],
    ['lease', '10.0.1.6', ['new lease', 'set ip-address = 10.0.1.6', 'open']],
    ['host', 'fixed1', ['new host', 'set name = "fixed1"', 'open']],
  ] as const) {
    it.skipIf(!cli)(`omapi get ${type} ${id} --json agrees with omshell`, async () => {
      const reference = await omshell(lab.host, [...omshellConnect(lab.key), ...open]);
      expect(reference.stdout).not.toMatch(/can't open object/);
      const expected = omshellObject(type, reference.stdout);
      const result = await leasecheckIn(lab.host, [
        'omapi',
        'get',
        type,
        id,
        '--omapi',
        omapiAddress,
        '--key',
        keyArg(lab.key),
        '--json',
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(expected);
    });
  }

  it.skipIf(!cli)(
    'the lease cut after `binding state active;` is active with no hardware address',
    async () => {
      const result = await leasecheckIn(lab.host, [
        'omapi',
        'get',
        'lease',
        '10.0.1.6',
        '--omapi',
        omapiAddress,
        '--key',
        keyArg(lab.key),
        '--json',
      ]);
      const lease = JSON.parse(result.stdout) as Record<string, unknown>;
      expect(lease.state).toBe('active');
      expect(lease).not.toHaveProperty('hardware-address');
    },
  );

  it.skipIf(!cli)(
    'a wrong secret is refused: exit 8, and the message says the secret differs',
    async () => {
      const wrong = { name: lab.key.name, secret: 'AAAAAAAAAAAAAAAAAAAAAA==' };
      const result = await leasecheckIn(lab.host, [
        'omapi',
        'get',
        'lease',
        '10.0.1.5',
        '--omapi',
        omapiAddress,
        '--key',
        keyArg(wrong),
      ]);
      expect(result.code).toBe(8);
      expect(result.stderr).toMatch(
        /rejected the signature of key "omapikey": the secret differs from dhcpd's/,
      );
      expect(result.stdout).toBe('');
    },
  );

  it.skipIf(!cli)('a key name dhcpd does not know is refused: exit 8', async () => {
    const result = await leasecheckIn(lab.host, [
      'omapi',
      'get',
      'lease',
      '10.0.1.5',
      '--omapi',
      omapiAddress,
      '--key',
      `otherkey:${lab.key.secret}`,
    ]);
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/does not know an hmac-md5 key named "otherkey"/);
  });

  it.skipIf(!cli)('no key at all: dhcpd requires one, exit 8', async () => {
    const result = await leasecheckIn(lab.host, [
      'omapi',
      'get',
      'lease',
      '10.0.1.5',
      '--omapi',
      omapiAddress,
    ]);
    expect(result.code, result.stderr + result.stdout).toBe(8);
    expect(result.stderr).toMatch(/requires a key/);
  });

  it.skipIf(!cli)('a refused connection is exit 8 with a clear message', async () => {
    const result = await leasecheckIn(lab.host, [
      'omapi',
      'get',
      'lease',
      '10.0.1.5',
      '--omapi',
      '127.0.0.1:7999',
      '--key',
      keyArg(lab.key),
    ]);
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(
      /cannot connect to OMAPI at 127\.0\.0\.1:7999: connection refused/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.skipIf(!cli)('an address dhcpd has no lease for is exit 8: unknown object', async () => {
    const result = await leasecheckIn(lab.host, [
      'omapi',
      'get',
      'lease',
      '10.0.9.9',
      '--omapi',
      omapiAddress,
      '--key',
      keyArg(lab.key),
    ]);
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/has no lease "10\.0\.9\.9"/);
  });

  it('compare (declarations injected) finds the lease dhcpd loaded without hardware', async () => {
    // The file's last complete declarations (the cut one is not complete).
    const declarations = [
      declaration({
        key: '10.0.1.5',
        line: 2,
        bindingState: 'active',
        ends: Date.UTC(2036, 10, 29, 12) / 1000,
        hardware: 'ethernet 52:54:00:12:34:56',
      }),
      declaration({
        key: '10.0.1.6',
        line: 13,
        bindingState: 'active',
        ends: Date.UTC(2036, 10, 29, 12) / 1000,
        hardware: 'ethernet 52:54:00:12:34:66',
      }),
    ];
    const report = await compareDeclarations(lab.leasesPath, declarations, {
      host: '127.0.0.1',
      port: localPort,
      key: parseKeyOption(keyArg(lab.key)),
    });
    expect(report.agree).toBe(false);
    expect(report.compared).toBe(2);
    expect(report.differences).toEqual([
      { address: '10.0.1.6', field: 'hardware', file: '52:54:00:12:34:66', server: null, line: 13 },
      {
        address: '10.0.1.6',
        field: 'ends',
        file: '2036-11-29T12:00:00Z',
        server: '2036-11-29T12:30:00Z',
        line: 13,
      },
    ]);
  });

  it('200 lookups from many callers on one connection: dhcpd survives (it aborts when signed requests are pipelined)', async () => {
    const key = parseKeyOption(keyArg(lab.key));
    const found = await withOmapi({ host: '127.0.0.1', port: localPort, key }, (c) =>
      Promise.all(Array.from({ length: 200 }, (_, i) => getLease(c, `10.0.1.${i % 21}`))),
    );
    expect(found.every((lease) => lease !== null)).toBe(true);
    expect(await lab.server.logSinceStart()).not.toMatch(/REQUIRE|back trace/);
    expect(lab.server.pid).not.toBeNull();
  });

  it.skipIf(!cli)(
    'leasecheck compare FILE: exit 4, the hardware difference, text and JSON, --sample',
    async () => {
      const args = ['compare', lab.leasesPath, '--omapi', omapiAddress, '--key', keyArg(lab.key)];
      const json = await leasecheckIn(lab.host, [...args, '--json']);
      expect(json.stderr).toBe('');
      expect(json.code).toBe(4);
      const report = JSON.parse(json.stdout) as {
        compared: number;
        addresses: number;
        agree: boolean;
        differences: unknown[];
      };
      expect(report).toMatchObject({ compared: 2, addresses: 2, agree: false });
      expect(report.differences).toContainEqual({
        address: '10.0.1.6',
        field: 'hardware',
        file: '52:54:00:12:34:66',
        server: null,
        line: 13,
      });

      const text = await leasecheckIn(lab.host, args);
      expect(text.code).toBe(4);
      expect(text.stdout).toMatch(/1 address differ/);
      expect(text.stdout).toMatch(
        /^ {2}10\.0\.1\.6 {2}hardware: file 52:54:00:12:34:66 \(line 13\), dhcpd \(none\)$/m,
      );

      // A file holding only the whole lease dhcpd has intact agrees for that address,
      // but without the config's ranges a lease the file lacks cannot be found: exit 4.
      const intact = lab.leasesPath.replace(/seeded\.leases$/, 'intact.leases');
      await writeFile(
        intact,
        seededLeases.slice(0, seededLeases.indexOf('lease 10.0.1.6')),
        'latin1',
      );
      const compareIntact = ['compare', intact, '--omapi', omapiAddress, '--key', keyArg(lab.key)];
      const partial = await leasecheckIn(lab.host, compareIntact);
      expect(partial.code).toBe(4);
      expect(partial.stdout).toMatch(/not established: the file's 1 address agree/);
      // With the ranges, 10.0.1.6 (active in dhcpd, not in this file) is found.
      const missing = await leasecheckIn(lab.host, [
        ...compareIntact,
        '--config',
        lab.server.confPath,
      ]);
      expect(missing.code).toBe(4);
      expect(missing.stdout).toMatch(
        /^ {2}10\.0\.1\.6 {2}dhcpd holds an active lease, ends 2036-11-29T12:30:00Z; the file has none$/m,
      );
      // The file as dhcpd holds it (10.0.1.6 whole, without the hardware it lost) agrees: exit 0.
      await writeFile(
        intact,
        `${seededLeases.slice(0, seededLeases.lastIndexOf('lease 10.0.1.6'))}lease 10.0.1.6 {
  starts 6 2026/11/28 12:30:00;
  ends 6 2036/11/29 12:30:00;
  cltt 6 2026/11/28 12:30:00;
  binding state active;
}
`,
        'latin1',
      );
      const agree = await leasecheckIn(lab.host, [
        ...compareIntact,
        '--config',
        lab.server.confPath,
      ]);
      expect(agree.code, agree.stdout).toBe(0);
      expect(agree.stdout).toMatch(
        /agrees with dhcpd at 127\.0\.0\.1:7911 \(2 addresses, and 19 addresses of the config's ranges the file does not name\)/,
      );

      // --sample 1: only the address written last (10.0.1.6), which differs.
      const sampled = await leasecheckIn(lab.host, [...args, '--sample', '1', '--json']);
      expect(sampled.code).toBe(4);
      expect(JSON.parse(sampled.stdout)).toMatchObject({ compared: 1, addresses: 2 });
    },
  );

  it.skipIf(!cli)(
    'omapi shutdown: refused without the confirmation flag (exit 16), then really stops dhcpd',
    async () => {
      const refused = await leasecheckIn(lab.host, [
        'omapi',
        'shutdown',
        '--omapi',
        omapiAddress,
        '--key',
        keyArg(lab.key),
      ]);
      expect(refused.code).toBe(16);
      expect(refused.stderr).toMatch(/without --yes-shut-down-dhcpd/);
      expect(lab.server.pid).not.toBeNull();

      const done = await leasecheckIn(lab.host, [
        'omapi',
        'shutdown',
        '--omapi',
        omapiAddress,
        '--key',
        keyArg(lab.key),
        '--yes-shut-down-dhcpd',
      ]);
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
      const exit = await lab.server.exited();
      // A graceful exit: status 0, not a signal.
      expect(exit).toEqual({ code: 0, signal: null });
    },
  );
});

describe.skipIf(gate.skip)('OMAPI with a real failover pair', () => {
  const cleanup = cleanupAfterAll();
  let pair: PairLab;
  let primaryPort: number;

  beforeAll(async () => {
    pair = await startPairWithOmapi(cleanup);
    primaryPort = await bridgeToNamespace(cleanup, pair.primary.host);
  });

  for (const role of ['primary', 'secondary'] as const) {
    it.skipIf(!cli)(`omapi get failover-state foo on the ${role} agrees with omshell`, async () => {
      const side = pair[role];
      const reference = await omshell(side.host, [
        ...omshellConnect(pair.key),
        'new failover-state',
        'set name = "foo"',
        'open',
      ]);
      const expected = omshellObject('failover-state', reference.stdout);
      const result = await leasecheckIn(side.host, [
        'omapi',
        'get',
        'failover-state',
        'foo',
        '--omapi',
        omapiAddress,
        '--key',
        keyArg(pair.key),
        '--json',
      ]);
      expect(result.code).toBe(0);
      const got = JSON.parse(result.stdout) as Record<string, unknown>;
      // last-packet-sent / last-timestamp-received move between the two reads.
      for (const moving of ['last-packet-sent', 'last-timestamp-received', 'cur-unacked-updates']) {
        delete got[moving];
        delete expected[moving];
      }
      expect(got).toEqual(expected);
      expect(got).toMatchObject({
        'local-state': 'normal',
        'partner-state': 'normal',
        hierarchy: role,
      });
    });
  }

  it.skipIf(!cli)('an unknown peer name is exit 8 with a hint', async () => {
    const result = await leasecheckIn(pair.primary.host, [
      'omapi',
      'get',
      'failover-state',
      'bar',
      '--omapi',
      omapiAddress,
      '--key',
      keyArg(pair.key),
    ]);
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/has no failover-state "bar"/);
  });

  it('omapiFailoverReady follows a real restart of the secondary back to normal', async () => {
    const options = { host: '127.0.0.1', port: primaryPort, key: parseKeyOption(keyArg(pair.key)) };
    expect(await omapiFailoverReady(options, ['foo'])).toMatchObject({
      ready: true,
      peers: [
        { peer: 'foo', found: true, localState: 'normal', partnerState: 'normal', role: 'primary' },
      ],
    });

    await pair.secondary.server.kill();
    const interrupted = await waitFor(
      async () => {
        const readiness = await omapiFailoverReady(options, ['foo']);
        return readiness.peers[0]!.localState === 'communications-interrupted'
          ? readiness
          : undefined;
      },
      30_000,
      () => 'the primary never noticed the secondary was gone',
      250,
    );
    expect(interrupted.ready).toBe(false);

    await pair.secondary.server.start();
    const back = await waitFor(
      async () => {
        const readiness = await omapiFailoverReady(options, ['foo']);
        return readiness.ready ? readiness : undefined;
      },
      60_000,
      () => 'the pair did not come back to normal',
      250,
    );
    expect(back.peers[0]).toMatchObject({ localState: 'normal', partnerState: 'normal' });
    expect(await omapiFailoverReady(options, ['foo', 'bar'])).toMatchObject({
      ready: false,
      peers: [
        { peer: 'foo', ready: true },
        { peer: 'bar', found: false, ready: false },
      ],
    });
  });
});
