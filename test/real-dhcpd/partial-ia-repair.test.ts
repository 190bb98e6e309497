// A later copy of an IA cut before its final `}` whose complete iaaddr
// blocks end the earlier copy's binding: dhcpd -6 reading the damaged file
// keeps no binding for it ("Wrote 0 NA"), but the file with the cut copy
// removed gives it the earlier active copy back. `check` must say what dhcpd
// does with the damaged file, and `repair` / `--preen` must not bring back a
// binding dhcpd would not have had: they close the cut copy after its last
// complete block when dhcpd then keeps exactly what it keeps from the damaged
// file, and otherwise say loudly which binding comes back. Every claim runs
// the real dhcpd -6 -T on the damaged and on the repaired bytes.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLeaseFile } from '../../src/check/index.js';
import { renderCheckText } from '../../src/cli/render/check-text.js';
import { analyseRepair } from '../../src/repair/analyse.js';
import { preen } from '../../src/repair/preen.js';
import { applyPlan } from '../../src/repair/write.js';
import { dhcpdTest, requireRealDhcpd } from '../harness/index.js';
import { realDeps } from '../repair/helpers/real-deps.js';
import { useTmp } from '../repair/helpers/tmp.js';

const gate = requireRealDhcpd();
const tmp = useTmp();
const now = new Date('2026-12-10T12:00:00Z');
const conf = `authoritative;
subnet6 fd00::/64 {
  range6 fd00::100 fd00::1ff;
  prefix6 fd00:0:0:100:: fd00:0:0:1ff:: /64;
}
`;
const duid = '\\001\\000\\000\\000\\000\\001\\000\\0012\\235\\213hz%\\335R';

function block(address: string, state: string): string {
  return `  iaaddr ${address} {\n    binding state ${state};\n    ends 4 2026/12/10 20:00:00;\n  }\n`;
}
function ia(blocks: string, tail = '}\n'): string {
  return `ia-na "${duid}" {\n  cltt 4 2026/12/10 10:00:00;\n${blocks}${tail}`;
}

/** The iaaddr addresses of the snapshot dhcpd -6 -T writes of what it loaded. */
async function loaded(
  bytes: string,
): Promise<{ na: number; addresses: string[]; warned: boolean }> {
  const r = await dhcpdTest(
    { content: conf },
    { content: bytes },
    { family: 6, keepRewrite: true },
  );
  const text = r.rewrite?.toString('latin1') ?? '';
  return {
    na: r.wrote.na ?? -1,
    addresses: [...text.matchAll(/iaaddr ([0-9a-f:]+) \{/g)].map((m) => m[1]!).sort(),
    warned: r.warnings.length > 0,
  };
}

describe.skipIf(gate.skip)('a cut later copy of an IA (real dhcpd -6 -T)', () => {
  it('expired copy lacking only its `}`: check says no binding is left; repair closes it, and dhcpd keeps the same', async () => {
    const damaged = ia(block('fd00::100', 'active')) + ia(block('fd00::100', 'expired'), '');
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(file, damaged, 'latin1');

    const before = await loaded(damaged);
    expect(before).toMatchObject({ na: 0, addresses: [], warned: true });
    // Removing the cut copy would bring the binding back: that is what the repair must not do.
    expect((await loaded(ia(block('fd00::100', 'active')))).na).toBe(1);

    const report = await checkLeaseFile(file, { now });
    expect(report.verdict).toBe('truncated-tail');
    expect(report.truncated?.dhcpd.explanation).toMatch(
      /end the earlier copy's \(line 1\) binding of fd00::100, so dhcpd keeps no binding for this IA/,
    );
    // The text report does not say the earlier copy takes effect once the cut one is gone.
    const text = renderCheckText(report, {
      out: () => {},
      outBytes: () => {},
      err: () => {},
      colour: false,
      stderrIsTty: false,
    });
    expect(text).not.toMatch(/takes effect/);
    expect(text).toMatch(/The earlier declaration of this IA is at line 1: binding state active/);

    const { plan } = await analyseRepair(file, { now }, await realDeps());
    expect(plan.action).toBe('truncate-tail');
    expect(plan.explanation.join('\n')).toMatch(/Close it after its last complete iaaddr block/);
    applyPlan(plan, { pidFiles: [] });
    const repaired = readFileSync(file, 'latin1');
    const after = await loaded(repaired);
    expect(after).toEqual({ ...before, warned: false });
    expect((await checkLeaseFile(file, { now })).verdict).toBe('clean');

    // --preen does the same, and says it closed the IA.
    const again = join(dir, 'again.leases');
    writeFileSync(again, damaged, 'latin1');
    const result = await preen(again, { now, write: { pidFiles: [] } }, await realDeps());
    expect(result.status).toBe('repaired');
    expect(result.lines[0]).toMatch(/closed truncated ia-na after its last complete block/);
    expect(readFileSync(again, 'latin1')).toBe(repaired);
  });

  it('a cut copy that ends one of two bindings and is cut inside the other: removed, with a warning naming the binding that comes back', async () => {
    const two = block('fd00::100', 'active') + block('fd00::101', 'active');
    const damaged =
      ia(two) + ia(block('fd00::100', 'expired'), '  iaaddr fd00::101 {\n    binding st');
    const dir = tmp();
    const file = join(dir, 'dhcpd.leases');
    writeFileSync(file, damaged, 'latin1');
    const before = await loaded(damaged);
    expect(before.addresses).toEqual(['fd00::101']);

    const report = await checkLeaseFile(file, { now });
    expect(report.truncated?.dhcpd.explanation).toMatch(
      /binding of fd00::100, so dhcpd keeps the earlier copy with only fd00::101/,
    );
    const { plan } = await analyseRepair(file, { now }, await realDeps());
    const warning = plan.explanation.find((l) => l.startsWith('WARNING:'));
    expect(warning).toMatch(
      /brings back the earlier declaration's \(line 1\) binding of fd00::100/,
    );
    const copy = join(dir, 'copy.leases');
    copyFileSync(file, copy);
    applyPlan(plan, { pidFiles: [] });
    // What the warning says is what the real dhcpd does with the repaired file.
    expect((await loaded(readFileSync(file, 'latin1'))).addresses).toEqual([
      'fd00::100',
      'fd00::101',
    ]);
    const result = await preen(copy, { now, write: { pidFiles: [] } }, await realDeps());
    expect(result.lines[0]).toMatch(/WARNING: removing it brings back/);
  });
});
