import fc from 'fast-check';
import type {
  ClassRecord,
  DeclarationRecord,
  FailoverStateRecord,
  GroupRecord,
  SubclassRecord,
  FailoverPeerConfig,
  HostRecord,
  IaRecord,
  LeaseRecord,
  LeasesFileModel,
  ServerDuidRecord,
} from '../types.js';
import { resolve, type LeasesFileOptions, type ResolvedOptions } from '../options.js';
import { hexColon } from '../write/bytes.js';
import {
  classRecord,
  deletedHostRecord,
  failoverStateRecord,
  groupRecord,
  hostRecord,
  subclassRecord,
} from './declarations.js';
import { iaAddress, iaidDuid, iaRecord, type IaKind } from './ia.js';
import { inSnapshot, leaseRecord } from './lease.js';
import { duid, names } from './primitives.js';

interface Header {
  writerVersion: string | null;
  byteOrder: LeasesFileModel['byteOrder'];
  timeFormat: LeasesFileModel['timeFormat'];
  leaseIdFormat: LeasesFileModel['leaseIdFormat'];
}

function pick<T extends string>(
  value: T | 'any' | undefined,
  choices: readonly T[],
): fc.Arbitrary<T> {
  return value === undefined || value === 'any' ? fc.constantFrom(...choices) : fc.constant(value);
}

function header(options: LeasesFileOptions): fc.Arbitrary<Header> {
  const byteOrder: fc.Arbitrary<LeasesFileModel['byteOrder']> =
    options.byteOrder === null
      ? fc.constant(null)
      : pick(options.byteOrder ?? 'little-endian', ['little-endian', 'big-endian'] as const);
  return fc.record({
    writerVersion: fc.constant(
      options.writerVersion === undefined ? '4.4.3-P1' : options.writerVersion,
    ),
    byteOrder,
    timeFormat: pick(options.timeFormat, ['utc', 'local'] as const),
    leaseIdFormat: pick(options.leaseIdFormat, ['octal', 'hex'] as const),
  });
}

function serverDuid(): fc.Arbitrary<ServerDuidRecord> {
  return duid().map((d): ServerDuidRecord => ({ kind: 'server-duid', duid: d }));
}

/** Keeps the first declaration of each key, in order. */
function firstOfEach<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * dhcpd warns "host X: already exists" when a live host is declared twice:
 * in the history a host comes back only after its deletion.
 */
function hostHistory(
  snapshotHosts: readonly HostRecord[],
  appended: DeclarationRecord[],
): DeclarationRecord[] {
  const live = new Set(snapshotHosts.filter((h) => !h.deleted).map((h) => h.name));
  return appended.filter((record) => {
    if (record.kind !== 'host') return true;
    if (record.deleted) {
      live.delete(record.name);
      return true;
    }
    if (live.has(record.name)) return false;
    live.add(record.name);
    return true;
  });
}

/** What the v4 and v6 models start from: the options as given, with their defaults resolved. */
interface ModelInput {
  options: LeasesFileOptions;
  resolved: ResolvedOptions;
  maxSnapshot: number;
  maxAppended: number;
}

function v4Model(input: ModelInput): fc.Arbitrary<LeasesFileModel> {
  const { options, resolved, maxSnapshot, maxAppended } = input;
  const withDecls = options.hostsAndClasses ?? true;
  const failoverChoice: fc.Arbitrary<FailoverPeerConfig | null> =
    options.failover === false
      ? fc.constant(null)
      : fc.option(
          fc.record({
            name: fc.constantFrom(...names.peers),
            role:
              options.failover === 'primary' || options.failover === 'secondary'
                ? fc.constant(options.failover)
                : fc.constantFrom('primary' as const, 'secondary' as const),
          }),
          { nil: null, freq: options.failover === undefined ? 2 : 1_000_000 },
        );
  const shape = fc.record({
    header: header(options),
    subnetCount: fc.integer({ min: 1, max: 3 }),
    failover: failoverChoice,
  });
  return shape.chain(({ header: head, subnetCount, failover }) => {
    const subnets = Array.from({ length: subnetCount }, (_, i) => i);
    const leaseIn = (s: number): fc.Arbitrary<LeaseRecord> =>
      leaseRecord(resolved, {
        address: fc
          .integer({ min: 1, max: resolved.addressesPerSubnet })
          .map((h) => `10.${s}.0.${h}`),
        allowBackup: failover !== null && s === 0,
        billingClasses: names.billingClasses,
        superclasses: names.superclasses,
      });
    const lease = fc.oneof(...subnets.map(leaseIn));
    const host = hostRecord({
      groups: names.groups,
      // Outside the dynamic range (10.S.0.1-250) but inside the subnet.
      fixedAddress: fc
        .tuple(fc.constantFrom(...subnets), fc.integer({ min: 1, max: 254 }))
        .map(([s, h]) => `10.${s}.1.${h}`),
    });
    const deletedDynamicHost = deletedHostRecord(fc.constantFrom(...names.hosts)).map((h) => ({
      ...h,
      dynamic: true,
    }));
    const failoverState = failover
      ? failoverStateRecord(resolved, failover.name, failover.role)
      : null;
    const none = <T>(): fc.Arbitrary<T[]> => fc.constant([] as T[]);
    const appendedChoices: fc.Arbitrary<DeclarationRecord>[] = [lease];
    if (withDecls) appendedChoices.push(host, deletedDynamicHost);
    if (failoverState) appendedChoices.push(failoverState);
    return fc
      .record({
        classes: withDecls
          ? fc.uniqueArray(classRecord(), { maxLength: 2, selector: (c) => c.name })
          : none<ClassRecord>(),
        subclasses: withDecls
          ? fc.uniqueArray(subclassRecord(names.superclasses), {
              maxLength: 2,
              selector: (c) => `${c.superclass} ${hexColon(c.hash)}`,
            })
          : none<SubclassRecord>(),
        groups: withDecls
          ? fc.uniqueArray(groupRecord(), { maxLength: 2, selector: (g) => g.name })
          : none<GroupRecord>(),
        deletedHosts: withDecls
          ? fc.uniqueArray(
              deletedHostRecord(fc.constantFrom(...names.deletedHosts)).map((h) => ({
                ...h,
                dynamic: false,
              })),
              { maxLength: 2, selector: (h) => h.name },
            )
          : none<HostRecord>(),
        hosts: withDecls
          ? fc.uniqueArray(host, { maxLength: 3, selector: (h) => h.name })
          : none<HostRecord>(),
        failoverStates: failoverState
          ? fc.array(failoverState, { minLength: 1, maxLength: 1 })
          : none<FailoverStateRecord>(),
        leases: fc.array(lease, { maxLength: maxSnapshot }),
        serverDuid: fc.option(serverDuid(), { nil: null }),
        appended: fc.array(fc.oneof(...appendedChoices), { maxLength: maxAppended }),
      })
      .map((parts): LeasesFileModel => {
        const snapshotLeases = firstOfEach(parts.leases, (l) => l.address).filter(inSnapshot);
        const snapshot: DeclarationRecord[] = [
          ...parts.classes,
          ...parts.subclasses,
          ...parts.groups,
          ...parts.deletedHosts,
          ...parts.hosts,
          ...parts.failoverStates,
          ...snapshotLeases,
          ...(parts.serverDuid ? [parts.serverDuid] : []),
        ];
        const appended = hostHistory(parts.hosts, parts.appended);
        const all = [...snapshot, ...appended];
        const leases = all.filter((d): d is LeaseRecord => d.kind === 'lease');
        const used = <T>(values: (T | null)[]): T[] => [
          ...new Set(values.filter((v): v is T => v !== null)),
        ];
        return {
          family: 'v4',
          ...head,
          snapshot,
          appended,
          config: {
            subnets,
            failover,
            failoverSubnet: failover ? 0 : null,
            billingClasses: used(
              leases.map((l) => (l.billing?.kind === 'class' ? l.billing.name : null)),
            ),
            superclasses: used([
              ...leases.map((l) => (l.billing?.kind === 'subclass' ? l.billing.superclass : null)),
              ...parts.subclasses.map((s) => s.superclass),
            ]),
            groups: used(all.map((d) => (d.kind === 'host' ? d.group : null))),
          },
        };
      });
  });
}

/**
 * dhcpd warns "duplicate na lease" when two IAs claim one address: each
 * address belongs to the first IA that names it; IAs left empty are dropped.
 */
function iaOwnership(ias: readonly IaRecord[]): IaRecord[] {
  const owner = new Map<string, string>();
  const kept: IaRecord[] = [];
  for (const ia of ias) {
    const id = `${ia.kind} ${hexColon(ia.iaidDuid)}`;
    const addresses = ia.addresses.filter((a) => {
      const key = `${ia.kind} ${a.address}`;
      const current = owner.get(key);
      if (current !== undefined && current !== id) return false;
      owner.set(key, id);
      return true;
    });
    if (addresses.length > 0) kept.push({ ...ia, addresses });
  }
  return kept;
}

function v6Model(input: ModelInput): fc.Arbitrary<LeasesFileModel> {
  const { options, resolved, maxSnapshot, maxAppended } = input;
  const shape = fc.record({
    header: header(options),
    subnetCount: fc.integer({ min: 1, max: 2 }),
    ids: fc.uniqueArray(iaidDuid(), { minLength: 1, maxLength: 3, selector: hexColon }),
  });
  return shape.chain(({ header: head, subnetCount, ids }) => {
    const subnets = Array.from({ length: subnetCount }, (_, i) => i);
    const address = (kind: IaKind): fc.Arbitrary<string> =>
      fc
        .tuple(
          fc.constantFrom(...subnets),
          fc.integer({ min: 0, max: resolved.addressesPerSubnet - 1 }),
        )
        .map(([s, i]) => iaAddress(kind, s, i));
    const ia = fc.oneof(
      ...(['ia-na', 'ia-ta', 'ia-pd'] as const).map((kind) =>
        iaRecord(resolved, kind, fc.constantFrom(...ids), address(kind)),
      ),
    );
    return fc
      .record({
        serverDuid: serverDuid(),
        snapshot: fc.array(ia, { maxLength: maxSnapshot }),
        appended: fc.array(ia, { maxLength: maxAppended }),
      })
      .map((parts): LeasesFileModel => {
        const snapshotIas = firstOfEach(parts.snapshot, (i) => `${i.kind} ${hexColon(i.iaidDuid)}`);
        const owned = iaOwnership([...snapshotIas, ...parts.appended]);
        const snapshotCount = iaOwnership(snapshotIas).length;
        return {
          family: 'v6',
          ...head,
          snapshot: [parts.serverDuid, ...owned.slice(0, snapshotCount)],
          appended: owned.slice(snapshotCount),
          config: {
            subnets,
            failover: null,
            failoverSubnet: null,
            billingClasses: [],
            superclasses: [],
            groups: [],
          },
        };
      });
  });
}

/** The model of a whole lease file: header, snapshot in write_leases order, appended history, and what its dhcpd.conf needs. */
export function leasesFileModel(options: LeasesFileOptions = {}): fc.Arbitrary<LeasesFileModel> {
  const input: ModelInput = {
    options,
    resolved: resolve(options),
    maxSnapshot: options.maxSnapshot ?? 6,
    maxAppended: options.maxAppended ?? 6,
  };
  const family = options.family ?? 'any';
  if (family === 'v4') return v4Model(input);
  if (family === 'v6') return v6Model(input);
  return fc.oneof(v4Model(input), v6Model(input));
}
