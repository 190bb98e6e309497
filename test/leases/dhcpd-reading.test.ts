// `leases` lists what dhcpd loads after its own reading of text the grammar
// accepts (check/dhcpd-reading.ts, which test/real-dhcpd/dhcpd-reading.test.ts
// and group-flags.test.ts hold to the real dhcpd): a lease address it reads
// otherwise under the address it keeps; nothing it loses, with the error.
import { describe, expect, it } from 'vitest';
import { currentLeases } from '../../src/leases/index.js';

const now = new Date('2026-12-10T12:00:00Z');
function lease(address: string, extra = ''): string {
  return `lease ${address} {\n  starts 4 2026/12/10 10:00:00;\n  ends 4 2037/12/10 20:00:00;\n  binding state active;\n${extra}}\n`;
}

describe('leases after dhcpd reads the text', () => {
  it('lists a lease address with an octet above 255 as dhcpd keeps it, without a problem', async () => {
    const { leases, problems } = await currentLeases({ text: lease('10.0.0.300') }, { now });
    expect(leases.map((l) => l.address)).toEqual(['10.0.0.44']);
    expect(problems).toEqual([]);
  });

  it('lists nothing after a group that never ends, and says why', async () => {
    const text = lease('10.0.0.20') + 'group g {\n  dynamic;\n}\n' + lease('10.0.0.21');
    const { leases, problems } = await currentLeases({ text }, { now });
    expect(leases.map((l) => l.address)).toEqual(['10.0.0.20']);
    expect(problems).toMatchObject([{ code: 'group-runs-on', line: 7, dhcpd: 'dropped' }]);
  });

  it('lists nothing after a string of 1,500 bytes, and says why', async () => {
    const text =
      lease('10.0.0.20') +
      lease('10.0.0.21', `  client-hostname "${'h'.repeat(1500)}";\n`) +
      lease('10.0.0.22');
    const { leases, problems } = await currentLeases({ text }, { now });
    expect(leases.map((l) => l.address)).toEqual(['10.0.0.20']);
    expect(problems.map((p) => p.code)).toEqual(['token-too-long']);
  });

  it('calls a string that runs on to the end of the file that, not a cut tail', async () => {
    const text = `${lease('10.0.0.20')}subclass "super-a" "ab\\" {\n  dynamic;\n}\n${lease('10.0.0.21')}`;
    const { leases, problems } = await currentLeases({ text }, { now });
    expect(leases.map((l) => l.address)).toEqual(['10.0.0.20']);
    expect(problems).toMatchObject([{ code: 'string-runs-on', line: 6, dhcpd: 'dropped' }]);
  });
});
