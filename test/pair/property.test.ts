import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dhcpdAccepts, oracleMissing, reportMissingOracle } from '../conf/dhcpd-oracle.js';
import { planFromText } from '../../src/conf/load.js';
import { comparePlans } from '../../src/pair/index.js';
import { mutate, mutationArb, planArb, renderPlan, styleArb } from './plan-arbitrary.js';
import { tempDir } from '../helpers.js';

const numRuns = Number(process.env.LEASECHECK_PROPERTY_RUNS ?? 60);
const seed =
  process.env.LEASECHECK_PROPERTY_SEED === undefined
    ? undefined
    : Number(process.env.LEASECHECK_PROPERTY_SEED);
const options = { numRuns, ...(seed === undefined ? {} : { seed }) };

describe('pair on generated address plans', () => {
  it('finds the primary and secondary rendering of one plan identical, whatever their formatting and order', () => {
    fc.assert(
      fc.property(planArb, styleArb, styleArb, (plan, primaryStyle, secondaryStyle) => {
        const primary = planFromText(renderPlan(plan, 'primary', primaryStyle), 'primary.conf');
        const secondary = planFromText(
          renderPlan(plan, 'secondary', secondaryStyle),
          'secondary.conf',
        );
        expect(comparePlans(primary, secondary).findings).toEqual([]);
      }),
      options,
    );
  });

  it('finds any single change to a range, a subnet or a mirrored failover parameter', () => {
    fc.assert(
      fc.property(
        planArb.chain((plan) =>
          fc.tuple(fc.constant(plan), mutationArb(plan), fc.boolean(), styleArb, styleArb),
        ),
        ([plan, mutation, onSecondary, primaryStyle, secondaryStyle]) => {
          const changed = mutate(plan, mutation);
          const primaryPlan = onSecondary ? plan : changed;
          const secondaryPlan = onSecondary ? changed : plan;
          const report = comparePlans(
            planFromText(renderPlan(primaryPlan, 'primary', primaryStyle), 'primary.conf'),
            planFromText(renderPlan(secondaryPlan, 'secondary', secondaryStyle), 'secondary.conf'),
          );
          expect(report.identical).toBe(false);
          const codes = report.findings.map((f) => f.code);
          if (mutation.kind === 'peer') {
            expect(codes.every((c) => c.startsWith('failover-'))).toBe(true);
          } else {
            expect(report.rangesDiffer).toBe(true);
          }
        },
      ),
      options,
    );
  });

  describe('with the real dhcpd as the oracle', () => {
    reportMissingOracle();
    it.skipIf(oracleMissing !== '')(
      'writes generated plans that dhcpd -t accepts, as both peers',
      () => {
        const dir = tempDir('plans');
        fc.assert(
          fc.property(
            planArb,
            styleArb,
            fc.constantFrom('primary' as const, 'secondary' as const),
            (plan, style, role) => {
              const file = join(dir, `${role}.conf`);
              writeFileSync(file, renderPlan(plan, role, style));
              const verdict = dhcpdAccepts(file);
              expect(verdict.output.split('\n').filter((l) => l.includes(' line '))).toEqual([]);
              expect(verdict.accepted).toBe(true);
            },
          ),
          { ...options, numRuns: Math.min(numRuns, 15) },
        );
      },
    );
  });
});
