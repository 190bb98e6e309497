// The recorded omshell ↔ dhcpd sessions (test/fixtures/omapi/, written by
// record-fixtures.test.ts) split into intro + messages per direction, and a
// replay server that answers leasecheck's client with dhcpd's recorded replies.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseKeyOption, type OmapiKey } from '../../src/omapi/key.js';
import {
  decodeMessage,
  encodeIntro,
  encodeMessage,
  type DecodedMessage,
} from '../../src/omapi/wire.js';

export interface Fixture {
  scenario: string;
  description: string;
  dhcpd: string;
  key: { name: string; secret: string };
  clientKey: { name: string; secret: string };
  commands: string[];
  omshellOutput: string;
  chunks: { dir: 'c2s' | 's2c'; hex: string }[];
}

export const fixtureDir = fileURLToPath(new URL('../fixtures/omapi/', import.meta.url));

export function loadFixtures(): Fixture[] {
  return readdirSync(fixtureDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(fixtureDir, name), 'utf8')) as Fixture);
}

export function loadFixture(scenario: string): Fixture {
  return JSON.parse(readFileSync(join(fixtureDir, `${scenario}.json`), 'utf8')) as Fixture;
}

export function keyOf(k: { name: string; secret: string }): OmapiKey {
  return parseKeyOption(`${k.name}:${k.secret}`);
}

export interface Direction {
  intro: Buffer;
  /** Each message with its exact bytes on the wire. */
  messages: { decoded: DecodedMessage; bytes: Buffer }[];
  leftover: Buffer;
}

/** The bytes one side sent, in order, cut into the intro and whole messages. */
export function splitDirection(fixture: Fixture, dir: 'c2s' | 's2c'): Direction {
  const all = Buffer.from(
    fixture.chunks
      .filter((chunk) => chunk.dir === dir)
      .map((chunk) => chunk.hex)
      .join(''),
    'hex',
  );
  let rest = all.subarray(8);
  const messages: Direction['messages'] = [];
  for (;;) {
    const decoded = decodeMessage(rest);
    if (!decoded) break;
    messages.push({ decoded, bytes: Buffer.from(rest.subarray(0, decoded.length)) });
    rest = rest.subarray(decoded.length);
  }
  return { intro: all.subarray(0, 8), messages, leftover: Buffer.from(rest) };
}

/**
 * A fake dhcpd that answers the n-th request with the n-th reply dhcpd gave
 * omshell, re-addressed to the request's id and re-signed with the server's
 * key (as dhcpd signs replies to signed requests). Requests beyond the
 * recording get no answer.
 */
export async function replayServer(
  fixture: Fixture,
  onRequest?: (request: DecodedMessage, server: Server) => void,
): Promise<{ port: number; server: Server }> {
  const replies = splitDirection(fixture, 's2c').messages.map((m) => m.decoded);
  const key = keyOf(fixture.key);
  const server = createServer((socket) => {
    socket.on('error', () => socket.destroy());
    let buffer = Buffer.alloc(0);
    let introduced = false;
    let next = 0;
    socket.write(encodeIntro());
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!introduced) {
        if (buffer.length < 8) return;
        buffer = buffer.subarray(8);
        introduced = true;
      }
      for (;;) {
        const request = decodeMessage(buffer);
        if (!request) return;
        buffer = buffer.subarray(request.length);
        onRequest?.(request, server);
        const reply = replies[next++];
        if (!reply) continue;
        socket.write(
          encodeMessage({ ...reply, rid: request.id }, reply.authLength > 0 ? key : undefined),
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}
