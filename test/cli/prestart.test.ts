import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import {
  checkWorkerWaiting,
  PARALLEL_MIN_BYTES,
  takeCheckWorker,
} from '../../src/check/check-worker.js';
import { prestart } from '../../src/cli/prestart.js';
import { writeLeaseFileOver } from '../harness/large-lease-file.js';
import { leasecheck } from '../harness/leasecheck.js';
import { tempDir } from '../helpers.js';

/**
 * bin/leasecheck.js starts a check's worker thread before the CLI is loaded
 * when its arguments name a large lease file. The guess may be wrong; the
 * report must not depend on it.
 */

const dir = tempDir('prestart');

/** A clean file of leases just over the size checked on two threads. */
const large = writeLeaseFileOver(join(dir, 'large.leases'), PARALLEL_MIN_BYTES);
const small = join(dir, 'small.leases');
writeFileSync(small, 'lease 10.0.0.1 {\n  binding state free;\n}\n');

afterEach(async () => {
  // A worker left waiting by a test is ended here.
  if (checkWorkerWaiting()) await takeCheckWorker()?.terminate();
});

describe('starting the worker before the CLI loads', () => {
  it('starts it for a check of a file of PARALLEL_MIN_BYTES (128 MiB) or more, wherever the file is among the arguments', () => {
    prestart(['check', large]);
    expect(checkWorkerWaiting()).toBe(true);
  });

  it('starts it with options before the file', () => {
    prestart(['check', '--json', '--max-problems', '5', large]);
    expect(checkWorkerWaiting()).toBe(true);
  });

  it.each([
    ['a small file', ['check', small]],
    ['another command', ['repair', large]],
    ['--config (one thread)', ['check', '--config', '/etc/dhcp/dhcpd.conf', large]],
    ['--config=FILE (one thread)', ['check', `--config=/etc/dhcp/dhcpd.conf`, large]],
    ['--help', ['check', '--help', large]],
    ['a file that does not exist', ['check', join(dir, 'missing.leases')]],
    ['a directory', ['check', dir]],
  ])('does not start it for %s', (_what, argv) => {
    prestart(argv);
    expect(checkWorkerWaiting()).toBe(false);
  });
});

describe('the CLI on a file checked on two threads', () => {
  it('reports what one thread reports, with the worker started early', async () => {
    const now = '2026-11-28T13:00:00Z';
    const cli = await leasecheck(['check', '--json', '--now', now, large], { timeoutMs: 60_000 });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const single = await checkLeaseFile(large, {
      now: new Date(now),
      parallelMinBytes: Infinity,
    });
    expect(JSON.parse(cli.stdout)).toEqual(JSON.parse(JSON.stringify(single)));
  }, 90_000);
});
