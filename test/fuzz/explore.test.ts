import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { runFuzz } from '../../src/fuzz/index.js';
import { ohmAccepts } from '../arbitraries/ohm-oracle.js';

it('explore fuzz vs dhcpd', async () => {
  for (const kind of ['clean', 'truncated', 'corrupt'] as const) {
    const t0 = Date.now();
    const report = await runFuzz(
      {
        against: 'dhcpd -T {-6} -cf {conf} -lf {}',
        runs: 60,
        seed: 1,
        kinds: [kind],
        family: 'any',
        expectWarnings: /line [0-9]+:|Corrupt lease file/m,
        timeoutMs: 30000,
      },
      async (path) => (ohmAccepts(readFileSync(path, 'latin1')) ? 'clean' : 'corrupt'),
    );
    console.log(kind, Date.now() - t0, 'ms', JSON.stringify(report, null, 1).slice(0, 3000));
  }
}, 600_000);
