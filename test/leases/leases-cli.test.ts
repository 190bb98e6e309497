// `leasecheck leases`: filters and formats, and the exit code says whether
// the file had problems.
import { describe, expect, it } from 'vitest';
import { tempDir, write } from '../helpers.js';
import { oddLeases, oddLeasesTruncated } from './odd-files.js';
import { runLeasecheck } from './cli-io.js';

function file(text: string): string {
  return write(tempDir('leases-cli'), 'dhcpd.leases', text);
}

const now = ['--now', '2030-01-01T00:00:00Z'];

describe('leasecheck leases', () => {
  const path = file(oddLeases);

  it('text: one row a lease, exit 0 for a whole file', async () => {
    const r = await runLeasecheck('leases', path, ...now);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^address\s+state\s+starts\s+ends\s+hardware/);
    expect(r.out).toMatch(/10\.0\.0\.17\s+active\*/);
    expect(r.err).toBe('');
  });

  it('--json: one array; --format jsonl: one object a line', async () => {
    const json = JSON.parse((await runLeasecheck('leases', path, ...now, '--json')).out);
    expect(json).toHaveLength(12);
    const lines = (await runLeasecheck('leases', path, ...now, '--format', 'jsonl')).out
      .trim()
      .split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(json);
  });

  it('--format csv: a header and one row a lease, quoted where needed', async () => {
    const r = await runLeasecheck('leases', path, ...now, '--format', 'csv', '--ip', '10.0.0.10');
    const [header, row, end] = r.out.split('\n');
    expect(header).toMatch(/^address,kind,state,/);
    expect(row).toContain('"quote""d"');
    expect(end).toBe('');
  });

  it.each([
    [
      ['--ip', '10.0.0.16/31'],
      ['10.0.0.16', '10.0.0.17'],
    ],
    [['--mac', '0-11-22-33-44-12'], ['10.0.0.12']],
    [['--hostname', 'QUOTE*'], ['10.0.0.10']],
    [
      ['--state', 'abandoned,expired'],
      ['10.0.0.19', '10.0.0.20'],
    ],
    [['--active'], ['10.0.0.10', '10.0.0.11', '10.0.0.12', '10.0.0.13', '10.0.0.16', '10.0.0.17']],
  ])('filter %j', async (args, addresses) => {
    const r = await runLeasecheck('leases', path, ...now, '--json', ...args);
    expect(
      JSON.parse(r.out)
        .map((l: { address: string }) => l.address)
        .sort(),
    ).toEqual(addresses);
  });

  it('a truncated file: the leases dhcpd loads, the problem on stderr, exit 4', async () => {
    const r = await runLeasecheck('leases', file(oddLeasesTruncated), ...now, '--json');
    expect(r.code).toBe(4);
    expect(JSON.parse(r.out).some((l: { address: string }) => l.address === '10.0.0.22')).toBe(
      true,
    );
    expect(r.err).toMatch(
      /^leasecheck: .*dhcpd\.leases:\d+:\d+: the file ends inside the lease 10\.0\.0\.22/,
    );
  });

  it('bad input: usage errors exit 16, a missing file exits 8, one line each', async () => {
    expect((await runLeasecheck('leases', path, '--ip', '10.0.0.300')).code).toBe(16);
    expect((await runLeasecheck('leases', path, '--state', 'happy')).code).toBe(16);
    const missing = await runLeasecheck('leases', '/nonexistent/dhcpd.leases');
    expect(missing.code).toBe(8);
    expect(missing.err).toMatch(/^leasecheck: .*\n$/);
  });
});
