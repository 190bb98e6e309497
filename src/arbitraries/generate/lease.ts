import fc from 'fast-check';
import type {
  AgentOption,
  Billing,
  LeaseBindingState,
  LeaseRecord,
  WrittenBindingState,
} from '../types.js';
import type { ResolvedOptions } from '../options.js';
import {
  bytes,
  clientId,
  hardware,
  hashString,
  plainText,
  time,
  timeOrNever,
} from './primitives.js';
import { bindings, noHandlers, onHandlers } from './statements.js';

// `active` first: shrinking goes to the first, and write_leases4 drops a free lease with
// neither hardware, uid nor tsfp from a snapshot, which would stop other fields shrinking.
const writtenStates: WrittenBindingState[] = [
  'active',
  'free',
  'expired',
  'released',
  'abandoned',
  'reset',
  'backup',
];

export interface LeaseContext {
  /** Addresses to pick from. */
  address: fc.Arbitrary<string>;
  /** `backup` is a failover state: offered only for leases in a failover pool. */
  allowBackup: boolean;
  /** Billing targets the config declares (none: no billing). */
  billingClasses: readonly string[];
  superclasses: readonly string[];
}

function agentOption(options: ResolvedOptions): fc.Arbitrary<AgentOption> {
  const idName = fc.constantFrom('circuit-id' as const, 'remote-id' as const);
  const ip = options.omit.has('agent-ip-options')
    ? []
    : [
        fc.record({
          name: fc.constantFrom('agent-id' as const, 'link-selection' as const),
          value: fc
            .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 }))
            .map(([a, b]) => ({ kind: 'ip' as const, address: `192.0.${a}.${b}` })),
        }),
      ];
  return fc.oneof(
    fc.record({
      name: idName,
      value: plainText(1, 16).map((text) => ({ kind: 'text' as const, text })),
    }),
    // pretty_print_option prints hex only when a byte is unprintable (and not just a trailing NUL).
    fc.record({
      name: idName,
      value: fc
        .tuple(fc.integer({ min: 1, max: 31 }), bytes(0, 7))
        .map(([first, rest]) => ({ kind: 'hex' as const, bytes: [first, ...rest] })),
    }),
    ...ip,
  );
}

function billing(context: LeaseContext): fc.Arbitrary<Billing | null> {
  const choices: fc.Arbitrary<Billing | null>[] = [fc.constant(null)];
  if (context.billingClasses.length > 0)
    choices.push(
      fc.constantFrom(...context.billingClasses).map((name): Billing => ({ kind: 'class', name })),
    );
  if (context.superclasses.length > 0)
    choices.push(
      fc
        .record({
          superclass: fc.constantFrom(...context.superclasses),
          hash: hashString(),
        })
        .map((b): Billing => ({ kind: 'subclass', ...b })),
    );
  return fc.oneof({ weight: 3, arbitrary: choices[0]! }, ...choices.slice(1));
}

/**
 * One lease as write_lease prints it, with every statement dhcpd's lease
 * parser knows. Optional fields shrink to absent, so a failing case shrinks
 * towards `lease A {\n  binding state free;\n}`.
 */
export function leaseRecord(
  options: ResolvedOptions,
  context: LeaseContext,
): fc.Arbitrary<LeaseRecord> {
  const states: LeaseBindingState[] = writtenStates.filter(
    (s) => context.allowBackup || s !== 'backup',
  );
  const state = fc.constantFrom(...states);
  const legacyState = options.legacy
    ? fc.oneof(
        { weight: 4, arbitrary: state },
        fc.constantFrom<LeaseBindingState>('bootp', 'reserved'),
      )
    : state;
  const optionalTime = fc.option(time(options), { nil: null, freq: 2 });
  const base = fc.record({
    address: context.address,
    starts: fc.option(timeOrNever(options), { nil: null, freq: 4 }),
    ends: fc.option(timeOrNever(options), { nil: null, freq: 4 }),
    tstp: optionalTime,
    tsfp: optionalTime,
    atsfp: optionalTime,
    cltt: optionalTime,
    bindingState: legacyState,
    nextBindingState: fc.option(state, { nil: null }),
    rewindBindingState: fc.option(state, { nil: null }),
    reserved: fc.boolean(),
    dynamicBootp: fc.boolean(),
    billing: billing(context),
    hardware: fc.option(hardware(), { nil: null, freq: 4 }),
    uid: fc.option(clientId(), { nil: null }),
    bindings: bindings(options),
    agentOptions: fc.uniqueArray(agentOption(options), { maxLength: 2, selector: (o) => o.name }),
    clientHostname: fc.option(plainText(1, 20, options.rawHighBytes), { nil: null }),
    on: onHandlers(),
  });
  const legacy = options.legacy
    ? fc.record({
        abandonedFlag: fc.boolean(),
        ddnsNames: fc.uniqueArray(
          fc.record({
            name: fc.constantFrom('ddns-fwd-name' as const, 'ddns-rev-name' as const),
            value: plainText(1, 20),
          }),
          { maxLength: 2, selector: (d) => d.name },
        ),
        tzOffset: fc.option(fc.integer({ min: -12 * 3600, max: 14 * 3600 }), { nil: null }),
      })
    : fc.constant({
        abandonedFlag: false,
        ddnsNames: [] as LeaseRecord['ddnsNames'],
        tzOffset: null,
      });
  return fc.tuple(base, legacy).map(([b, l]): LeaseRecord => {
    const lease: LeaseRecord = { kind: 'lease', ...b, ...l };
    const omit = options.omit;
    if (omit.has('agent-options')) lease.agentOptions = [];
    if (omit.has('on-handlers')) lease.on = noHandlers;
    if (omit.has('set')) lease.bindings = [];
    if (omit.has('billing')) lease.billing = null;
    if (omit.has('client-hostname')) lease.clientHostname = null;
    if (omit.has('uid')) lease.uid = null;
    if (omit.has('hardware')) lease.hardware = null;
    // write_lease bills only a lease that is still valid (ends after the time of writing).
    const valid = lease.ends === 'never' || (lease.ends !== null && lease.ends > options.now);
    if (!valid) lease.billing = null;
    // 3.x `abandoned;` sets the binding state itself: dhcpd warns "Too many" if both appear.
    if (lease.abandonedFlag) {
      lease.bindingState = null;
      lease.nextBindingState = null;
      lease.rewindBindingState = null;
    }
    return lease;
  });
}

/** write_leases4 writes a snapshot lease only when it has a hardware address, a uid, a tsfp or a state other than free. */
export function inSnapshot(lease: LeaseRecord): boolean {
  return (
    lease.hardware !== null ||
    lease.uid !== null ||
    lease.tsfp !== null ||
    (lease.bindingState !== 'free' && lease.bindingState !== null)
  );
}

export { noHandlers };
