import fc from 'fast-check';
import type {
  ClassRecord,
  FailoverStateName,
  FailoverStateRecord,
  GroupRecord,
  HostRecord,
  SubclassRecord,
} from '../types.js';
import type { ResolvedOptions } from '../options.js';
import { failoverStateNames } from '../../model/types.js';
import { clientId, hardware, hashString, names, plainText, time } from './primitives.js';

function supersedes(minLength = 0): fc.Arbitrary<HostRecord['statements']> {
  return fc.uniqueArray(
    fc.record({
      option: fc.constantFrom('domain-name' as const, 'host-name' as const),
      value: plainText(1, 20).map((s) => s.replace(/[^a-z0-9.-]/g, '') || 'example.org'),
    }),
    { minLength, maxLength: 2, selector: (s) => s.option },
  );
}

export interface HostContext {
  /** Named groups dhcpd.conf declares: a host may name one. */
  groups: readonly string[];
  /** Fixed addresses to pick from (outside every dynamic range). */
  fixedAddress: fc.Arbitrary<string>;
}

/** A live host as write_host prints it: created over OMAPI (`dynamic;`) or from the config. */
export function hostRecord(context: HostContext): fc.Arbitrary<HostRecord> {
  return fc.record({
    kind: fc.constant('host' as const),
    name: fc.constantFrom(...names.hosts),
    dynamic: fc.constant(true),
    deleted: fc.constant(false),
    hardware: fc.option(hardware(), { nil: null, freq: 4 }),
    uid: fc.option(
      fc.oneof(
        clientId(),
        plainText(1, 10).map((s) => [...s].map((c) => c.charCodeAt(0))),
      ),
      { nil: null },
    ),
    fixedAddresses: fc.uniqueArray(context.fixedAddress, { maxLength: 2 }),
    group:
      context.groups.length > 0
        ? fc.option(fc.constantFrom(...context.groups), { nil: null })
        : fc.constant(null),
    statements: supersedes(),
  });
}

/** A deleted host: `host NAME {\n  deleted;\n}` (from the config) or with `dynamic;` (made over OMAPI). */
export function deletedHostRecord(name: fc.Arbitrary<string>): fc.Arbitrary<HostRecord> {
  return fc.record({
    kind: fc.constant('host' as const),
    name,
    dynamic: fc.boolean(),
    deleted: fc.constant(true),
    hardware: fc.constant(null),
    uid: fc.constant(null),
    fixedAddresses: fc.constant([]),
    group: fc.constant(null),
    statements: fc.constant([]),
  });
}

/**
 * A group as write_group prints it: made over OMAPI (`dynamic;`) with its
 * statements. dhcpd also writes groups its own reader rejects
 * (confpars.c parse_group_declaration hands the token after `dynamic;`,
 * `static;` or `deleted;` to parse_statement, so a flag must be followed by
 * a statement): deleted groups, `static;` groups and groups without
 * statements draw "expecting a parameter or declaration". Those are never
 * generated: `check` reports them (`group-runs-on`, `dhcpd-warns`), and
 * test/real-dhcpd/group-flags.test.ts holds that to the real dhcpd.
 */
export function groupRecord(): fc.Arbitrary<GroupRecord> {
  return fc.record({
    kind: fc.constant('group' as const),
    name: fc.constantFrom(...names.fileGroups),
    dynamic: fc.constant(true),
    static: fc.constant(false),
    deleted: fc.constant(false),
    statements: supersedes(1),
  });
}

/**
 * A dynamic class as write_named_billing_class prints it. Its `spawn`
 * form is left out: dhcpd writes `spawn EXPR` without the `with` its
 * reader requires.
 */
export function classRecord(): fc.Arbitrary<ClassRecord> {
  return fc.record({
    kind: fc.constant('class' as const),
    name: fc.constantFrom(...names.dynamicClasses),
    deleted: fc.boolean(),
    leaseLimit: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null }),
    matchVendor: fc.option(
      plainText(1, 12).map((s) => s.replace(/[^A-Za-z0-9.-]/g, '') || 'MSFT'),
      {
        nil: null,
      },
    ),
    submatchCircuitId: fc.boolean(),
  });
}

/** A spawned subclass of one of `superclasses` (which dhcpd.conf must declare). */
export function subclassRecord(superclasses: readonly string[]): fc.Arbitrary<SubclassRecord> {
  return fc.record({
    kind: fc.constant('subclass' as const),
    superclass: fc.constantFrom(...superclasses),
    hash: hashString(),
    deleted: fc.boolean(),
  });
}

/** The states in the order they are generated (shrinking goes towards `normal`). */
const failoverStates: readonly FailoverStateName[] = [
  'normal',
  ...failoverStateNames.filter((state) => state !== 'normal'),
];

/**
 * write_failover_state: `my state` is never `startup` (dhcpd writes the
 * state it will return to), and `mclt` is written only by the secondary.
 */
export function failoverStateRecord(
  options: ResolvedOptions,
  peer: string,
  role: 'primary' | 'secondary',
): fc.Arbitrary<FailoverStateRecord> {
  return fc.record({
    kind: fc.constant('failover-state' as const),
    peer: fc.constant(peer),
    myState: fc.constantFrom(...failoverStates.filter((s) => s !== 'startup')),
    myStateAt: time(options),
    partnerState: fc.constantFrom(...failoverStates),
    partnerStateAt: time(options),
    mclt: role === 'secondary' ? fc.integer({ min: 1, max: 3600 }) : fc.constant(null),
  });
}
