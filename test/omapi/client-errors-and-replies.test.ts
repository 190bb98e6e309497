// The client against dhcpd's recorded replies (a replay server on loopback)
// and against servers that misbehave: every failure is a LeasecheckError with
// exit code 8 and a sentence that says what to check.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LeasecheckError } from '../../src/errors.js';
import {
  OmapiConnection,
  getFailoverState,
  getHost,
  getLease,
  omapiFailoverReady,
  shutdownServer,
  withOmapi,
} from '../../src/omapi/index.js';
import { decodeMessage, encodeIntro, encodeMessage } from '../../src/omapi/wire.js';
import { keyOf, loadFixture, replayServer } from './fixtures.js';

const servers: Server[] = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function replay(scenario: string): Promise<number> {
  const { port, server } = await replayServer(loadFixture(scenario));
  servers.push(server);
  return port;
}

async function rawServer(onConnection: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function failure(promise: Promise<unknown>): Promise<LeasecheckError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LeasecheckError);
  expect((error as LeasecheckError).exitCode).toBe(8);
  return error as LeasecheckError;
}

describe('replies dhcpd really gave', () => {
  it('a lease, decoded', async () => {
    const fixture = loadFixture('lease-active');
    const port = await replay('lease-active');
    const lease = await withOmapi({ host: '127.0.0.1', port, key: keyOf(fixture.key) }, (c) =>
      getLease(c, '10.0.1.5'),
    );
    expect(lease).toMatchObject({ state: 'active', 'hardware-address': '52:54:00:12:34:56' });
  });

  it('an unknown lease is null, not an error', async () => {
    const fixture = loadFixture('lease-unknown');
    const port = await replay('lease-unknown');
    const lease = await withOmapi({ host: '127.0.0.1', port, key: keyOf(fixture.key) }, (c) =>
      getLease(c, '10.0.9.9'),
    );
    expect(lease).toBeNull();
  });

  it('a host and a failover state', async () => {
    const hostFixture = loadFixture('host');
    const hostPort = await replay('host');
    expect(
      await withOmapi({ host: '127.0.0.1', port: hostPort, key: keyOf(hostFixture.key) }, (c) =>
        getHost(c, 'fixed1'),
      ),
    ).toMatchObject({ 'ip-address': '10.0.2.5' });
    const foFixture = loadFixture('failover-state-secondary');
    const foPort = await replay('failover-state-secondary');
    expect(
      await withOmapi({ host: '127.0.0.1', port: foPort, key: keyOf(foFixture.key) }, (c) =>
        getFailoverState(c, 'foo'),
      ),
    ).toMatchObject({ 'local-state': 'normal', 'partner-state': 'normal', hierarchy: 'secondary' });
  });

  it('omapiFailoverReady: per-peer states and an overall verdict', async () => {
    const fixture = loadFixture('failover-state-primary');
    const port = await replay('failover-state-primary');
    const readiness = await omapiFailoverReady(
      { host: '127.0.0.1', port, key: keyOf(fixture.key) },
      ['foo'],
    );
    expect(readiness.ready).toBe(true);
    expect(readiness.peers).toEqual([
      expect.objectContaining({
        peer: 'foo',
        found: true,
        localState: 'normal',
        partnerState: 'normal',
        role: 'primary',
        ready: true,
      }),
    ]);
  });

  it('a wrong secret: dhcpd refuses the signature (invalid TSIG key)', async () => {
    const fixture = loadFixture('wrong-secret');
    const port = await replay('wrong-secret');
    const error = await failure(
      withOmapi({ host: '127.0.0.1', port, key: keyOf(fixture.clientKey) }, (c) =>
        getLease(c, '10.0.1.5'),
      ),
    );
    expect(error.message).toMatch(/rejected the signature of key "omapikey": the secret differs/);
  });

  it('an unknown key name: dhcpd cannot open the authenticator', async () => {
    const fixture = loadFixture('unknown-key');
    const port = await replay('unknown-key');
    const error = await failure(
      OmapiConnection.connect({ host: '127.0.0.1', port, key: keyOf(fixture.clientKey) }),
    );
    expect(error.message).toMatch(/does not know an hmac-md5 key named "otherkey"/);
  });

  it('a reply signed with another secret is refused', async () => {
    const fixture = loadFixture('lease-active');
    const port = await replay('lease-active');
    const mine = keyOf({ name: fixture.key.name, secret: 'AAAAAAAAAAAAAAAAAAAAAA==' });
    const error = await failure(
      withOmapi({ host: '127.0.0.1', port, key: mine }, (c) => getLease(c, '10.0.1.5')),
    );
    expect(error.message).toMatch(/not signed with key "omapikey"'s secret/);
  });
});

describe('one request at a time', () => {
  it('never writes a request before the previous reply arrived, however many callers wait', async () => {
    let outstanding = 0;
    let most = 0;
    const port = await rawServer((socket) => {
      socket.write(encodeIntro());
      let buffer = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        if (buffer.length >= 8 && buffer.readUInt32BE(0) === 100) buffer = buffer.subarray(8);
        for (let request = decodeMessage(buffer); request; request = decodeMessage(buffer)) {
          buffer = buffer.subarray(request.length);
          most = Math.max(most, ++outstanding);
          const ip = request.object[0]!.value;
          setTimeout(() => {
            outstanding--;
            socket.write(
              encodeMessage({
                authId: 0,
                op: 3,
                handle: 9,
                id: 1,
                rid: request.id,
                message: [],
                object: [{ name: 'ip-address', value: ip }],
              }),
            );
          }, 5);
        }
      });
    });
    const leases = await withOmapi({ host: '127.0.0.1', port }, (c) =>
      Promise.all(Array.from({ length: 20 }, (_, i) => getLease(c, `10.0.1.${i}`))),
    );
    expect(leases.map((l) => l?.['ip-address'])).toEqual(
      Array.from({ length: 20 }, (_, i) => `10.0.1.${i}`),
    );
    expect(most).toBe(1);
  });
});

describe('graceful shutdown', () => {
  it('counts as accepted when dhcpd, as recorded, does not answer the update but closes its OMAPI listener', async () => {
    const fixture = loadFixture('control-shutdown');
    let updates = 0;
    const { port, server } = await replayServer(fixture, (request, listener) => {
      if (request.op === 3) {
        updates++;
        listener.close();
      }
    });
    servers.push(server);
    await withOmapi({ host: '127.0.0.1', port, key: keyOf(fixture.key) }, shutdownServer);
    expect(updates).toBe(1);
  });

  it('is an error when dhcpd neither answers nor stops listening', async () => {
    const fixture = loadFixture('control-shutdown');
    const { port, server } = await replayServer(fixture);
    servers.push(server);
    const error = await failure(
      withOmapi(
        { host: '127.0.0.1', port, key: keyOf(fixture.key), timeoutMs: 1000 },
        shutdownServer,
      ),
    );
    expect(error.message).toMatch(/no reply to update control/);
  });
});

describe('servers that are not there or misbehave', () => {
  it('connection refused', async () => {
    const port = await rawServer(() => undefined);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const error = await failure(OmapiConnection.connect({ host: '127.0.0.1', port }));
    expect(error.message).toMatch(/connection refused/);
  });

  it('a server that accepts and says nothing: timeout', async () => {
    const port = await rawServer(() => undefined);
    const started = Date.now();
    const error = await failure(
      OmapiConnection.connect({ host: '127.0.0.1', port, timeoutMs: 300 }),
    );
    expect(error.message).toMatch(/no OMAPI introduction .* within 0.3 s/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('something that is not OMAPI (an HTTP server)', async () => {
    const port = await rawServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const error = await failure(OmapiConnection.connect({ host: '127.0.0.1', port }));
    expect(error.message).toMatch(/protocol version|closed the connection/);
  });

  it('a server that closes after the introduction', async () => {
    const port = await rawServer((socket) => {
      socket.write(Buffer.from('0000006400000018', 'hex'));
      socket.once('data', () => socket.destroy());
    });
    const error = await failure(
      withOmapi({ host: '127.0.0.1', port }, (c) => getLease(c, '10.0.1.5')),
    );
    expect(error.message).toMatch(/closed the connection|reset the connection/);
  });

  it('a server that never answers a request: timeout names the request', async () => {
    const port = await rawServer((socket) => socket.write(Buffer.from('0000006400000018', 'hex')));
    const error = await failure(
      withOmapi({ host: '127.0.0.1', port, timeoutMs: 300 }, (c) => getLease(c, '10.0.1.5')),
    );
    expect(error.message).toMatch(/no reply to open lease 10\.0\.1\.5 within 0.3 s/);
  });
});
