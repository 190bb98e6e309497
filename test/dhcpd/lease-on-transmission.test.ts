// `on transmission` in a lease: parse_on_statement reads the event, and
// parse_lease_declaration keeps only `on expiry` and `on release` blocks, so
// dhcpd reads the lease without a warning and keeps no block for it (an
// `on transmission or expiry` block is kept as `on expiry`). Compared with what
// dhcpd -T logs and writes.
import { describe, expect, it } from 'vitest';
import { parseLeaseDeclaration } from '../../src/dhcpd/confpars-lease.js';
import { requireRealDhcpd } from '../harness/index.js';
import { cachedDhcpdTests } from './cached-dhcpd-test.js';

const gate = requireRealDhcpd(['strace']);
const conf =
  'authoritative;\nsubnet 10.0.0.0 netmask 255.255.0.0 {\n  range 10.0.1.0 10.0.1.250;\n}\n';
const now = Date.UTC(2026, 10, 28, 13) / 1000;

const events = ['transmission', 'transmission or expiry'];
const body = (event: string): string =>
  `  ends 4 2037/12/31 00:00:00;\n  binding state active;\n  on ${event} { set x = "1"; }\n  hardware ethernet 0:1;\n`;

describe.skipIf(gate.skip)('`on transmission` in a lease (dhcpd -T)', () => {
  it('is read without a warning, and only an `on expiry` with it is kept', async () => {
    const results = await cachedDhcpdTests(
      'lease-on-transmission',
      events.map((event) => ({
        conf: { content: conf },
        leases: { content: `lease 10.0.1.1 {\n${body(event)}}\n` },
        keepRewrite: true,
      })),
    );
    const seen = results.map((r) => ({
      warnings: r.warnings.map((w) => w.message),
      kept: r.wrote.leases === 1,
      onExpiry: /^ {2}on expiry \{$/m.test(r.rewrite ?? ''),
      onRelease: /^ {2}on release/m.test(r.rewrite ?? ''),
    }));
    const model = events.map((event) => {
      const r = parseLeaseDeclaration(` 10.0.1.1 {\n${body(event)}}\n`, now);
      return {
        warnings: r.warnings,
        kept: r.result === 'entered',
        onExpiry: r.lease?.onExpiry,
        onRelease: r.lease?.onRelease,
      };
    });
    expect(model).toEqual(seen);
    expect(seen.map((s) => s.onExpiry)).toEqual([false, true]);
  }, 60_000);
});
