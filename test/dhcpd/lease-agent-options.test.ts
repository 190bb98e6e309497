// Which `option` statements of a lease dhcpd keeps: parse_lease_declaration
// stores an option only of the agent space (relay agent information), given as
// `option` or as `supersede`; another option it reads and drops ("agent option
// expected.", a warning this model does not give). Compared with what dhcpd -T
// writes of each lease: its `option agent.…` lines, against the model's count of
// agent options and whether it lists `option` among the statements stored (which
// check names for a partial lease).
import { describe, expect, it } from 'vitest';
import { parseLeaseDeclaration } from '../../src/dhcpd/confpars-lease.js';
import { requireRealDhcpd } from '../harness/index.js';
import { cachedDhcpdTests } from './cached-dhcpd-test.js';

const gate = requireRealDhcpd(['strace']);
const conf =
  'authoritative;\nsubnet 10.0.0.0 netmask 255.255.0.0 {\n  range 10.0.1.0 10.0.1.250;\n}\n';
const now = Date.UTC(2026, 10, 28, 13) / 1000;

const cases: Array<[string, string]> = [
  ['`supersede` of an agent option', '  supersede agent.circuit-id "x";\n'],
  ['an option of another space', '  option domain-name "x";\n'],
  ['two agent options', '  option agent.remote-id "y";\n  option agent.circuit-id "x";\n'],
  [
    'an agent option after an option of another space',
    '  option domain-name "x";\n  option agent.circuit-id "x";\n',
  ],
];

const body = (statements: string): string =>
  `  ends 4 2037/12/31 00:00:00;\n  binding state active;\n${statements}  hardware ethernet 0:1;\n`;

describe.skipIf(gate.skip)('the options dhcpd keeps in a lease (dhcpd -T)', () => {
  it('only agent options, given with `option` or `supersede`', async () => {
    const results = await cachedDhcpdTests(
      'lease-agent-options',
      cases.map(([, statements]) => ({
        conf: { content: conf },
        leases: { content: `lease 10.0.1.1 {\n${body(statements)}}\n` },
        keepRewrite: true,
      })),
    );
    const seen = cases.map(([name], i) => {
      const written = (results[i]?.rewrite ?? '').match(/^ {2}option agent\./gm)?.length ?? 0;
      return { name, written, lease: results[i]?.rewrite?.includes('lease 10.0.1.1 {') };
    });
    const model = cases.map(([name, statements]) => {
      const r = parseLeaseDeclaration(` 10.0.1.1 {\n${body(statements)}}\n`, now);
      return {
        name,
        written: r.lease?.agentOptions,
        lease: r.result === 'entered',
        stored: r.stored.some((s) => s.name === 'option'),
      };
    });
    expect(model).toEqual(seen.map((s) => ({ ...s, stored: s.written > 0 })));
    // Both kinds occur: options kept and options dropped.
    expect(seen.map((s) => s.written)).toEqual([1, 0, 2, 1]);
  }, 60_000);
});
