import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Every file leasecheck reads is a regular file of a size fitting what it is:
 * /dev/zero, a FIFO nobody writes, a directory or an oversized file is refused
 * at once (exit 8, one `leasecheck:` line), never read without end nor waited
 * on. A FIFO stays allowed as a log (`--log FIFO`, like `--log -`).
 */
const dir = mkdtempSync(join(tmpdir(), 'leasecheck-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fifo = join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
const directory = join(dir, 'a-dir');
mkdirSync(directory);
const leases = join(dir, 'dhcpd.leases');
writeFileSync(leases, 'lease 10.0.0.1 {\n  binding state free;\n}\n');
// Truncated: preen and --write reach the holder check, which reads the pid files.
const truncated = join(dir, 'truncated.leases');
writeFileSync(
  truncated,
  'lease 10.0.0.1 {\n  binding state free;\n}\nlease 10.0.0.2 {\n  binding st',
);
const emptyLog = join(dir, 'empty.log');
writeFileSync(emptyLog, '');
const hugePid = join(dir, 'huge.pid');
writeFileSync(hugePid, '1'.repeat(100_000));
const hugeKey = join(dir, 'huge.key');
writeFileSync(hugeKey, `key k { algorithm hmac-md5; secret "${'A'.repeat(100_000)}"; };\n`);
const confIncluding = (target: string): string => {
  const conf = join(dir, `inc-${Math.random().toString(36).slice(2)}.conf`);
  writeFileSync(conf, `include "${target}";\n`);
  return conf;
};

function cli(args: string[]) {
  const started = Date.now();
  const run = spawnSync('node', [join(process.cwd(), 'bin/leasecheck.js'), ...args], {
    encoding: 'latin1',
    timeout: 20_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: run.status, stderr: run.stderr, ms: Date.now() - started };
}

const cases: Array<[string, string[], RegExp]> = [
  ['check /dev/zero', ['check', '/dev/zero'], /character device/],
  ['check a FIFO', ['check', fifo], /named pipe|not a regular file/],
  ['check --config /dev/zero', ['check', leases, '--config', '/dev/zero'], /character device/],
  ['check --config FIFO', ['check', leases, '--config', fifo], /named pipe/],
  ['check --config a directory', ['check', leases, '--config', directory], /directory/],
  [
    'pair with include "/dev/zero"',
    ['pair', confIncluding('/dev/zero'), confIncluding('/dev/zero')],
    /character device/,
  ],
  ['pair with an included FIFO', ['pair', confIncluding(fifo), confIncluding(fifo)], /named pipe/],
  [
    'repair --preen --pid-file /dev/zero',
    ['repair', truncated, '--preen', '--pid-file', '/dev/zero'],
    /character device/,
  ],
  [
    'repair --preen --pid-file FIFO',
    ['repair', truncated, '--preen', '--pid-file', fifo],
    /named pipe/,
  ],
  [
    'repair --preen with a 100 KB pid file',
    ['repair', truncated, '--preen', '--pid-file', hugePid],
    /larger than 64 bytes/,
  ],
  [
    'repair --write --pid-file /dev/zero',
    ['repair', truncated, '--write', '--pid-file', '/dev/zero'],
    /character device/,
  ],
  [
    'ready --key-file /dev/zero',
    ['ready', '--omapi', '127.0.0.1:1', '--peer', 'p', '--key-file', '/dev/zero'],
    /character device/,
  ],
  [
    'ready --key-file FIFO',
    ['ready', '--omapi', '127.0.0.1:1', '--peer', 'p', '--key-file', fifo],
    /named pipe/,
  ],
  [
    'compare --key-file huge',
    ['compare', leases, '--omapi', '127.0.0.1:1', '--key-file', hugeKey],
    /larger than/,
  ],
  ['verify --log /dev/zero', ['verify', leases, '--log', '/dev/zero'], /character device/],
  [
    'verify --config /dev/zero',
    ['verify', leases, '--log', emptyLog, '--config', '/dev/zero'],
    /character device/,
  ],
  [
    'undo with /dev/zero as backup',
    ['undo', '/dev/zero', leases],
    /character device|not a backup|no \/dev\/zero\.json/,
  ],
];

describe('files that are not regular files, or too large for what they are', () => {
  for (const [name, args, reason] of cases) {
    it(`${name}: refused at once, exit 8, one clear line`, () => {
      const r = cli(args);
      expect(r.stderr).toMatch(/^leasecheck: /m);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.code).toBe(8);
      expect(r.ms).toBeLessThan(15_000);
    });
  }

  it('a FIFO stays allowed as a log: verify --log FIFO reads what a writer sends', () => {
    // The writer blocks until leasecheck opens the FIFO for reading.
    const writer = spawn('sh', ['-c', `printf 'hello\\n' > ${fifo}`], { stdio: 'ignore' });
    const r = cli(['verify', leases, '--log', fifo]);
    writer.kill();
    expect([0, 4]).toContain(r.code);
  });
});
