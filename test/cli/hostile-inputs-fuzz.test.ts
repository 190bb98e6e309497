import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeMessage, encodeIntro, encodeMessage, OmapiOp } from '../../src/omapi/wire.js';

/**
 * Hostile inputs for every command that reads a file, a log or an OMAPI
 * server: NUL, 0xFF, control bytes, a huge line and string, deep nesting,
 * /dev/zero, a FIFO, a directory, a dangling symlink, a log of millions of
 * failover lines, a fake OMAPI server that sends escapes, garbage or a
 * message without end. Whatever the input: an exit code from the documented
 * set, no stack trace, no raw control character on stderr (nor on stdout,
 * but for the byte-exact diff of `repair`), peak RSS within 200 MB (memory
 * follows neither the file nor its largest item), within a time bound.
 * Kept small for CI: a few generated contents per run, seed printed.
 */
const dir = mkdtempSync(join(tmpdir(), 'leasecheck-fuzz-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// eslint-disable-next-line no-control-regex
const rawControl = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const documented = new Set([0, 1, 4, 8, 16]);
/** The bound the README promises, whatever the input. */
const MAX_RSS_KB = 200 * 1024;
/** GNU time reports the child's peak RSS (%M, in KB) reliably; without it the bound is not measured, and says so. */
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
if (!gnuTime)
  console.log('hostile-inputs fuzz: /usr/bin/time is missing: peak RSS is not measured');

const fifo = join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
const directory = join(dir, 'a-dir');
mkdirSync(directory);
const dangling = join(dir, 'dangling');
symlinkSync(join(dir, 'nowhere'), dangling);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak RSS of the leasecheck process in KB; null when not measured. */
  rssKb: number | null;
}

let runs = 0;
function run(args: string[]): Promise<Run> {
  const started = Date.now();
  const rssFile = join(dir, `rss-${runs++}`);
  const cli = ['node', join(process.cwd(), 'bin/leasecheck.js'), ...args];
  const [command, ...rest] = gnuTime ? [gnuTime, '-f', '%M', '-o', rssFile, ...cli] : cli;
  return new Promise((resolve) => {
    const child = spawn(command!, rest, {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.length < 64 && out.push(b));
    child.stderr.on('data', (b: Buffer) => err.length < 64 && err.push(b));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      let rssKb: number | null = null;
      if (gnuTime && existsSync(rssFile)) {
        rssKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
        rmSync(rssFile);
      }
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: Date.now() - started,
        rssKb,
      });
    });
  });
}

function commandsFor(file: string): string[][] {
  return [
    ['check', file],
    ['check', file, '--json'],
    ['repair', file],
    // (A log may be a FIFO: it is waited on by design, so the log here is a plain file.)
    ['verify', file, '--log', join(dir, 'empty.log')],
    ['pair', file, file],
    ['check', join(dir, 'ok.leases'), '--config', file],
    ['leases', file],
    // A FIFO log is followed by design (`--log FIFO`, like `--log -`).
    ...(file === fifo ? [] : [['ready', '--log', file, '--log-only']]),
  ];
}
writeFileSync(join(dir, 'empty.log'), '');
writeFileSync(join(dir, 'ok.leases'), 'lease 10.0.0.1 {\n  binding state free;\n}\n');

async function expectCalm(args: string[]): Promise<Run> {
  const r = await run(args);
  const what = `leasecheck ${args.join(' ')}`;
  expect(documented.has(r.code ?? -1), `${what}: exit ${r.code}`).toBe(true);
  expect(r.stderr, what).not.toMatch(/\n\s+at |internal error/);
  expect(r.stderr, what).not.toMatch(rawControl);
  if (args[0] !== 'repair') expect(r.stdout, what).not.toMatch(rawControl);
  expect(r.ms, what).toBeLessThan(30_000);
  if (r.rssKb !== null)
    expect(r.rssKb, `${what}: peak RSS ${r.rssKb} KB`).toBeLessThanOrEqual(MAX_RSS_KB);
  return r;
}

describe('hostile inputs, every command: documented exit, no stack trace, no raw control byte, bounded time', () => {
  const special = [
    ['/dev/zero', '/dev/zero'],
    ['a FIFO', fifo],
    ['a directory', directory],
    ['a dangling symlink', dangling],
  ] as const;
  for (const [name, path] of special) {
    it(`${name}`, async () => {
      for (const args of commandsFor(path)) await expectCalm(args);
    }, 120_000);
  }

  const fixed: Array<[string, Buffer]> = [
    ['NUL and 0xFF', Buffer.from('lease 10.0.0.1 {\n  binding \0state \xff;\n}\n', 'latin1')],
    ['escape sequences', Buffer.from('\x1b]0;x\x07lease \x9b2J 10.0.0.1 {\n}\n', 'latin1')],
    [
      'a 4 MB line',
      Buffer.from(`lease 10.0.0.1 {\n  uid "${'A'.repeat(4 * 1024 * 1024)}`, 'latin1'),
    ],
    [
      'deep nesting',
      Buffer.from(`${'subnet 10.0.0.0 netmask 255.0.0.0 {\n'.repeat(2000)}`, 'latin1'),
    ],
  ];
  for (const [name, bytes] of fixed) {
    it(`${name}`, async () => {
      const file = join(dir, `${name.replace(/\W+/g, '-')}.leases`);
      writeFileSync(file, bytes);
      for (const args of commandsFor(file)) await expectCalm(args);
    }, 120_000);
  }

  it('random bytes around lease syntax (fast-check, seed printed)', async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    console.log(`hostile-inputs fuzz seed: ${seed} (FC_SEED=${seed} to replay)`);
    const piece = fc.oneof(
      fc.constantFrom('lease 10.0.0.1 {\n', '}\n', '  binding state active;\n', '"', '#', '{', ';'),
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    const samples = fc.sample(
      fc.array(piece, { maxLength: 30 }).map((p) => p.join('')),
      {
        seed,
        numRuns: 3,
      },
    );
    for (const [i, text] of samples.entries()) {
      const file = join(dir, `random-${i}.leases`);
      writeFileSync(file, text, 'latin1');
      for (const args of commandsFor(file).slice(0, 3)) await expectCalm(args);
    }
  }, 180_000);
});

describe('inputs whose largest item once set the memory: peak RSS stays within 200 MB', () => {
  it('a 64 MB unterminated string at the end of a lease file: check, repair, --preen, pools', async () => {
    // Before the scanner's bound, check held this string several times over (6 bytes a byte: about 400 MB here).
    const file = join(dir, 'run-on.leases');
    const fd = openSync(file, 'w');
    writeSync(
      fd,
      'lease 10.0.0.1 {\n  binding state free;\n}\nlease 10.0.0.2 {\n  client-hostname "',
    );
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    for (let i = 0; i < 64; i++) writeSync(fd, chunk);
    closeSync(fd);
    const conf = join(dir, 'pools.conf');
    writeFileSync(conf, 'subnet 10.0.0.0 netmask 255.0.0.0 {\n  range 10.0.0.1 10.0.0.9;\n}\n');
    for (const args of [
      ['check', file],
      ['repair', file],
      ['pools', file, '--config', conf],
      ['repair', '--preen', file],
    ]) {
      const r = await expectCalm(args);
      expect(r.code, args.join(' ')).toBe(args[1] === '--preen' ? 1 : 4);
      console.log(`leasecheck ${args.slice(0, 2).join(' ')}: peak RSS ${r.rssKb} KB`);
    }
  }, 120_000);

  it('a compressed log of a million failover state lines: ready', async () => {
    // Before a peer kept only its latest transitions, ready peaked at 230 MB on 32 MB of such lines.
    const block =
      'failover peer foo: I move from normal to communications-interrupted\n' +
      'failover peer foo: I move from communications-interrupted to normal\n' +
      'failover peer foo: peer moves from normal to normal\n';
    const log = join(dir, 'flapping.log.gz');
    writeFileSync(log, gzipSync(block.repeat(Math.ceil((40 * 1024 * 1024) / block.length))));
    const r = await expectCalm(['ready', '--log', log, '--log-only']);
    // Its last lines leave both sides normal: the verdict is the latest state.
    expect(r.code).toBe(0);
    console.log(`ready on a 40 MB log of failover state lines: peak RSS ${r.rssKb} KB`);
  }, 120_000);
});

/**
 * A fake OMAPI server on loopback: it introduces itself as dhcpd does, then
 * answers each request as `behave` says.
 */
async function fakeOmapi(behave: (socket: Socket, request: Buffer) => void): Promise<Server> {
  const server = createServer((socket) => {
    socket.on('error', () => {});
    socket.write(encodeIntro());
    let buffer = Buffer.alloc(0);
    let introduced = false;
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!introduced) {
        if (buffer.length < 8) return;
        buffer = buffer.subarray(8);
        introduced = true;
      }
      for (;;) {
        const message = decodeMessage(buffer);
        if (!message) return;
        behave(socket, buffer.subarray(0, message.length));
        buffer = buffer.subarray(message.length);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function reply(request: Buffer, object: Array<[string, Buffer]>): Buffer {
  const id = request.readUInt32BE(16);
  return encodeMessage({
    authId: 0,
    op: OmapiOp.Update,
    handle: 7,
    id: id + 1,
    rid: id,
    message: [],
    object: object.map(([name, value]) => ({ name, value })),
  });
}

describe('a hostile OMAPI server: compare and omapi get stay calm and bounded', () => {
  const escape = Buffer.from('\x1b]0;owned\x07\x9b2J\x1b[31mred\xff', 'latin1');
  const behaviours: Array<[string, (socket: Socket, request: Buffer) => void]> = [
    [
      'escape sequences in every value (a DHCP client chooses its client-hostname)',
      (socket, request) =>
        socket.write(
          reply(request, [
            ['ip-address', Buffer.from([10, 0, 0, 1])],
            ['state', Buffer.from([0, 0, 0, 2])],
            ['client-hostname', escape],
            ['hardware-address', escape],
            ['ends', Buffer.from([0x7f, 0xff, 0xff, 0xff])],
            [escape.toString('latin1'), escape],
          ]),
        ),
    ],
    [
      'a message without end (pairs forever)',
      (socket, request) => {
        const id = request.readUInt32BE(16);
        const header = Buffer.alloc(24);
        header.writeUInt32BE(OmapiOp.Update, 8);
        header.writeUInt32BE(id, 20);
        socket.write(header);
        const pair = Buffer.alloc(64 * 1024, 0x1b);
        pair.writeUInt16BE(1, 0);
        pair.writeUInt32BE(64 * 1024 - 7, 3);
        const more = (): void => {
          while (!socket.destroyed && socket.write(pair));
          if (!socket.destroyed) socket.once('drain', more);
        };
        more();
      },
    ],
    [
      'garbage after the introduction',
      (socket) => socket.end(Buffer.from('\xff\x1b[2J\x00\x9b'.repeat(4096), 'latin1')),
    ],
  ];
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  for (const [name, behave] of behaviours) {
    it(
      name,
      async () => {
        const server = await fakeOmapi(behave);
        servers.push(server);
        const { port } = server.address() as { port: number };
        const at = ['--omapi', `127.0.0.1:${port}`, '--timeout', '3'];
        for (const args of [
          ['compare', join(dir, 'ok.leases'), ...at],
          ['compare', join(dir, 'ok.leases'), ...at, '--json'],
          ['omapi', 'get', 'lease', '10.0.0.1', ...at],
        ]) {
          await expectCalm(args);
        }
      },
      60_000,
    );
  }
});
