// What check tells an admin when its prediction for a partial last lease rests
// on something the parser model only approximates: a month past December, a
// `billing class` or `billing subclass`, an `option` of another space than
// agent, an `option` or an `on` block the file ends inside. The explanation
// ("What dhcpd does with it now") says that it is approximate, and why; an
// exact prediction says nothing of the kind. The
// month is compared with dhcpd -T: dhcpd makes a date of it that the model
// cannot know.
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { parseLeaseDeclaration } from '../../src/dhcpd/confpars-lease.js';
import { simulatePartialDeclaration } from '../../src/dhcpd/partial-declaration.js';
import { requireRealDhcpd } from '../harness/index.js';
import { tempDir, write } from '../helpers.js';
import { cachedDhcpdTests } from './cached-dhcpd-test.js';
import { cutLease } from './cut-lease.js';

const now = new Date('2026-11-28T13:00:00Z');
const head = 'lease 10.0.0.10 {\n  ends 6 2026/11/28 14:00:00;\n  binding state active;\n';
const explained = (text: string): { explanation: string; exact: boolean } => {
  const p = simulatePartialDeclaration(cutLease(text), now);
  return { explanation: p.outcome.explanation, exact: p.exact };
};
const loaded =
  'dhcpd loads the partial lease as active with ends, binding state but without starts, cltt, next binding state, hardware; ' +
  'it replaces any earlier declaration of the address.';

const month =
  'a month past December, where dhcpd reads beyond its table of month lengths and makes a date of whatever lies there (taken here as no date)';
const billingClass =
  '`billing class`, which dhcpd follows only for a class dhcpd.conf or the file declared before it (taken here as unknown: "unknown class")';
const billingSubclass =
  '`billing subclass`, which dhcpd reads as a subclass declaration (taken here as skipped to its `;`)';
const option =
  "an `option` the file ends inside, whose value dhcpd parses by the option's format (not modelled)";
const otherOption =
  'an `option` of another space than agent, which dhcpd parses and drops with a warning not given here ("agent option expected.", or one about its name or value)';
const onBlock =
  'an `on` block the file ends inside, whose statements dhcpd parses with warnings not modelled (the lease is lost either way)';

describe('a partial lease whose prediction is approximate says so, and why', () => {
  it('a month past December', () => {
    expect(explained(`${head}  starts 6 2026/13/28 12:00:00;\n`)).toEqual({
      explanation: `${loaded} This is approximate: the partial lease has ${month}.`,
      exact: false,
    });
  });

  it('`billing class` and `billing subclass`, each named once, joined when both are there', () => {
    expect(explained(`${head}  billing class "c";\n`)).toEqual({
      explanation: `${loaded} This is approximate: the partial lease has ${billingClass}.`,
      exact: false,
    });
    expect(explained(`${head}  billing subclass "c" 1:2;\n  billing subclass "d" 3;\n`)).toEqual({
      explanation: `${loaded} This is approximate: the partial lease has ${billingSubclass}.`,
      exact: false,
    });
    expect(explained(`${head}  billing subclass "c" 1:2;\n  billing class "d";\n`)).toEqual({
      explanation: `${loaded} This is approximate: the partial lease has ${billingSubclass}; and ${billingClass}.`,
      exact: false,
    });
  });

  it('an `option` the file ends inside', () => {
    expect(explained(`${head}  option agent.circuit-id "ab`)).toEqual({
      explanation: `${loaded.replace(' but without ', ' but without option, ')} This is approximate: the partial lease has ${option}.`,
      exact: false,
    });
  });

  it('a whole `option` of another space than agent: dhcpd warns, which is not modelled', () => {
    expect(explained(`${head}  option domain-name "x";\n`)).toEqual({
      explanation: `${loaded} This is approximate: the partial lease has ${otherOption}.`,
      exact: false,
    });
  });

  it('an `on` block the file ends inside: the lease is dropped, approximately', () => {
    expect(explained(`${head}  on expiry { set x = "1";`)).toEqual({
      explanation:
        'dhcpd drops the partial lease ("possibly corrupt lease file") at its `on`: the file ends inside its `on` block; ' +
        `an earlier declaration of the address, if any, stays in effect. This is approximate: the partial lease has ${onBlock}.`,
      exact: false,
    });
  });

  it('an exact prediction says nothing of the kind: a whole `option agent` statement, a month of December', () => {
    for (const body of ['  option agent.circuit-id "ab";\n', '  starts 6 2026/12/28 12:00:00;\n']) {
      const { explanation, exact } = explained(`${head}${body}`);
      expect(exact).toBe(true);
      expect(explanation).not.toContain('approximate');
      expect(explanation).toMatch(/it replaces any earlier declaration of the address\.$/);
    }
  });

  it('check prints it where it says what dhcpd does with the partial lease', async () => {
    const file = write(
      tempDir('partial-lease-approximate'),
      'cut.leases',
      'lease 10.0.0.9 {\n  ends 6 2026/11/28 14:00:00;\n  binding state active;\n}\n' +
        `${head}  billing subclass "c" 1:2;\n`,
    );
    const report = await checkLeaseFile(file, { now });
    expect(report.truncated?.dhcpd.explanation).toBe(
      `${loaded} This is approximate: the partial lease has ${billingSubclass}.`,
    );
  });
});

const gate = requireRealDhcpd(['strace']);

describe.skipIf(gate.skip)('why a month past December is approximate (dhcpd -T)', () => {
  it('dhcpd writes a date of it, where the model can only take it as no date', async () => {
    const conf =
      'authoritative;\nsubnet 10.0.0.0 netmask 255.255.0.0 {\n  range 10.0.1.0 10.0.1.250;\n}\n';
    const body =
      '  starts 4 2030/13/01 00:00:00;\n  ends 4 2037/12/31 00:00:00;\n  binding state active;\n  hardware ethernet 0:1;\n';
    const [r] = await cachedDhcpdTests('month-past-december', [
      {
        conf: { content: conf },
        leases: { content: `lease 10.0.1.1 {\n${body}}\n` },
        keepRewrite: true,
      },
    ]);
    expect(r?.warnings).toEqual([]);
    expect(r?.rewrite).toMatch(/^ {2}starts \d \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d;$/m);
    const model = parseLeaseDeclaration(` 10.0.1.1 {\n${body}}\n`, now.getTime() / 1000);
    expect(model).toMatchObject({ result: 'entered', approximate: true, approximations: [month] });
    expect(model.lease?.starts).toBe(0);
  });
});
