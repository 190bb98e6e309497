import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  leasesFileWithConfig,
  writeConfig,
  type LeasesFileOptions,
} from '../../src/arbitraries/index.js';
import { dhcpdTest, dhcpdUnavailable } from './dhcpd.js';
import { fcParams, inCi } from './prerequisites.js';

const unavailable = dhcpdUnavailable();
if (unavailable) console.warn(`SKIPPED real dhcpd tests: ${unavailable}`);

/**
 * The generated config and lease file, loaded by the real ISC dhcpd 4.4.3-P1
 * (`dhcpd -T`), draw not a single warning: the arbitraries write what
 * dhcpd writes, and the config declares what the file names.
 */
describe('real dhcpd -T loads every generated file without a warning', () => {
  it.runIf(inCi && unavailable)('has its prerequisites under CI', () => {
    expect.fail(`real dhcpd tests cannot run: ${unavailable}`);
  });

  const cases: [string, LeasesFileOptions][] = [
    [
      'v4 files as dhcpd 4.4 writes them (hosts, groups, classes, failover, history)',
      { family: 'v4' },
    ],
    ['v6 files (ia-na, ia-ta, ia-pd, server-duid)', { family: 'v6' }],
    [
      'the 3.x forms dhcpd still reads, with raw high bytes in strings',
      { legacy: true, rawHighBytes: true },
    ],
    [
      'larger files, local time format, hex lease ids',
      { maxSnapshot: 20, maxAppended: 20, timeFormat: 'local', leaseIdFormat: 'hex' },
    ],
  ];
  for (const [name, options] of cases) {
    it.skipIf(unavailable !== null)(
      name,
      async () => {
        await fc.assert(
          fc.asyncProperty(leasesFileWithConfig(options), async ({ leases, config, family }) => {
            const result = await dhcpdTest(leases, config, family);
            expect(result.warnings, result.output).toEqual([]);
            expect(result.output).toContain('Lease file test successful');
          }),
          fcParams(25),
        );
      },
      180_000,
    );
  }

  it.skipIf(unavailable !== null)(
    'and warns when the config lacks a class the file bills a lease to (so the checks above can fail)',
    async () => {
      const withBilling = leasesFileWithConfig({ family: 'v4' }).filter(
        (c) => c.model.config.billingClasses.length > 0,
      );
      await fc.assert(
        fc.asyncProperty(withBilling, async ({ leases, model }) => {
          const config = writeConfig({ ...model, config: { ...model.config, billingClasses: [] } });
          const result = await dhcpdTest(leases, config, 'v4');
          expect(result.warnings.join('\n')).toMatch(/unknown class/);
        }),
        fcParams(3),
      );
    },
    180_000,
  );
});
