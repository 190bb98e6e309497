import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Hostile inputs for every command that reads a file: NUL, 0xFF, control
 * bytes, a huge line and string, deep nesting, /dev/zero, a FIFO, a
 * directory, a dangling symlink. Whatever the input: an exit code from the
 * documented set, no stack trace, no raw control character on stderr (nor on
 * stdout, but for the byte-exact diff of `repair`), within a time bound.
 * Kept small for CI: a few generated contents per run, seed printed.
 */
const dir = mkdtempSync(join(tmpdir(), 'leasecheck-fuzz-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// eslint-disable-next-line no-control-regex
const rawControl = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const documented = new Set([0, 1, 4, 8, 16]);

const fifo = join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
const directory = join(dir, 'a-dir');
mkdirSync(directory);
const dangling = join(dir, 'dangling');
symlinkSync(join(dir, 'nowhere'), dangling);

function run(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('node', [join(process.cwd(), 'bin/leasecheck.js'), ...args], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.length < 64 && out.push(b));
    child.stderr.on('data', (b: Buffer) => err.length < 64 && err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: Date.now() - started,
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
  ];
}
writeFileSync(join(dir, 'empty.log'), '');
writeFileSync(join(dir, 'ok.leases'), 'lease 10.0.0.1 {\n  binding state free;\n}\n');

async function expectCalm(args: string[]): Promise<void> {
  const r = await run(args);
  const what = `leasecheck ${args.join(' ')}`;
  expect(documented.has(r.code ?? -1), `${what}: exit ${r.code}`).toBe(true);
  expect(r.stderr, what).not.toMatch(/\n\s+at |internal error/);
  expect(r.stderr, what).not.toMatch(rawControl);
  if (args[0] !== 'repair') expect(r.stdout, what).not.toMatch(rawControl);
  expect(r.ms, what).toBeLessThan(30_000);
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
