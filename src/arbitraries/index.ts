/**
 * `leasecheck/arbitraries`: fast-check arbitraries of ISC dhcpd lease files,
 * written byte for byte as dhcpd 4.4's writers write them (server/db.c),
 * with the dhcpd.conf that loads them, and the damage crashes and full disks
 * do to them. Deterministic under fast-check seeds; they shrink towards
 * small, readable files.
 *
 *   import fc from 'fast-check';
 *   import { leasesFile } from 'leasecheck/arbitraries';
 *   fc.assert(fc.property(leasesFile(), (text) => myReader(text).ok));
 *
 * Text is latin1: one char per byte (write it with `Buffer.from(text, 'latin1')`).
 */
import fc from 'fast-check';
import { resolve, type ArbitraryOptions, type LeasesFileOptions } from './options.js';
import * as declarations from './generate/declarations.js';
import { leasesFileModel } from './generate/file.js';
import { iaAddress, iaidDuid, iaRecord } from './generate/ia.js';
import { leaseRecord } from './generate/lease.js';
import { names } from './generate/primitives.js';
import {
  corruptedFrom,
  truncatedFrom,
  toCrlf,
  type CorruptedFile,
  type TruncatedFile,
} from './transforms.js';
import type {
  ClassRecord,
  DeclarationRecord,
  FailoverStateRecord,
  HostRecord,
  IaRecord,
  LeaseRecord,
  LeasesFileModel,
  RenderedLeasesFile,
  SubclassRecord,
} from './types.js';
import { writeConfig } from './write/config.js';
import { writeDeclaration, writeLeasesFile } from './write/file.js';

export type * from './types.js';
export type { ArbitraryOptions, LeasesFileOptions, OmittableStatement } from './options.js';
export { omittableStatements } from './options.js';
export { defaultNow } from './options.js';
export type { CorruptedFile, TruncatedFile } from './transforms.js';
export { corruptAt, toCrlf, truncateAt, truncateInsideLast } from './transforms.js';
export { writeConfig } from './write/config.js';
export { writeDeclaration, writeLeasesFile } from './write/file.js';
export { printTime } from './write/time.js';
export { quotifyBuf } from './write/bytes.js';

// ------------------------------------------------------- declarations

export interface DeclarationOptions extends ArbitraryOptions {
  /** `lease-id-format` for uids and IA ids. Default `octal`. */
  leaseIdFormat?: 'octal' | 'hex' | 'any';
}

function textOf<T extends DeclarationRecord>(
  records: fc.Arbitrary<T>,
  options: DeclarationOptions,
): fc.Arbitrary<string> {
  const rawHighBytes = options.rawHighBytes ?? false;
  const timeFormat = options.timeFormat ?? 'utc';
  const idFormat = options.leaseIdFormat ?? 'octal';
  return fc
    .tuple(
      records,
      timeFormat === 'any'
        ? fc.constantFrom('utc' as const, 'local' as const)
        : fc.constant(timeFormat),
      idFormat === 'any'
        ? fc.constantFrom('octal' as const, 'hex' as const)
        : fc.constant(idFormat),
    )
    .map(([record, t, id]) =>
      writeDeclaration(record, { timeFormat: t, leaseIdFormat: id, rawHighBytes }),
    );
}

/** A lease record with every statement dhcpd's lease parser knows (addresses in 10.0.0.1-250). */
export function leaseRecordArbitrary(options: ArbitraryOptions = {}): fc.Arbitrary<LeaseRecord> {
  return leaseRecord(resolve(options), {
    address: fc.integer({ min: 1, max: 250 }).map((h) => `10.0.0.${h}`),
    allowBackup: true,
    billingClasses: names.billingClasses,
    superclasses: names.superclasses,
  });
}

/** `lease A { … }` exactly as write_lease prints it (without the newline after `}`). */
export function lease(options: DeclarationOptions = {}): fc.Arbitrary<string> {
  return textOf(leaseRecordArbitrary(options), options);
}

/** A live host (`dynamic;`, hardware, uid, fixed-address, group, statements). */
export function hostRecordArbitrary(): fc.Arbitrary<HostRecord> {
  return declarations.hostRecord({
    groups: names.groups,
    fixedAddress: fc.integer({ min: 1, max: 254 }).map((h) => `10.0.1.${h}`),
  });
}

/** `host NAME { … }` as write_host prints it, live or deleted. */
export function host(options: DeclarationOptions = {}): fc.Arbitrary<string> {
  const deleted = declarations.deletedHostRecord(fc.constantFrom(...names.hosts));
  return textOf(fc.oneof({ weight: 3, arbitrary: hostRecordArbitrary() }, deleted), options);
}

/** `group NAME { … }` as write_group prints it. */
export function group(options: DeclarationOptions = {}): fc.Arbitrary<string> {
  return textOf(declarations.groupRecord(), options);
}

export function classRecordArbitrary(): fc.Arbitrary<ClassRecord> {
  return declarations.classRecord();
}

export function subclassRecordArbitrary(): fc.Arbitrary<SubclassRecord> {
  return declarations.subclassRecord(names.superclasses);
}

/** `class "NAME" { … }` or `subclass "SUPER" HASH { … }` as write_named_billing_class prints them. */
export function classDeclaration(options: DeclarationOptions = {}): fc.Arbitrary<string> {
  return textOf(
    fc.oneof<fc.Arbitrary<DeclarationRecord>[]>(
      declarations.classRecord(),
      declarations.subclassRecord(names.superclasses),
    ),
    options,
  );
}

/** A failover state record for peer `peer`; `mclt` only when `role` is `secondary`. */
export function failoverStateRecordArbitrary(
  options: ArbitraryOptions & { peer?: string; role?: 'primary' | 'secondary' } = {},
): fc.Arbitrary<FailoverStateRecord> {
  return declarations.failoverStateRecord(
    resolve(options),
    options.peer ?? 'peer-a',
    options.role ?? 'secondary',
  );
}

/** `failover peer "NAME" state { … }` as write_failover_state prints it. */
export function failoverState(
  options: DeclarationOptions & { peer?: string; role?: 'primary' | 'secondary' } = {},
): fc.Arbitrary<string> {
  const role = options.role
    ? fc.constant(options.role)
    : fc.constantFrom('primary' as const, 'secondary' as const);
  return textOf(
    role.chain((r) => failoverStateRecordArbitrary({ ...options, role: r })),
    options,
  );
}

/** An IA (ia-na, ia-ta or ia-pd) with its iaaddr/iaprefix blocks, addresses in fd00:0::/64 etc. */
export function iaRecordArbitrary(
  options: ArbitraryOptions & { kind?: IaRecord['kind'] } = {},
): fc.Arbitrary<IaRecord> {
  const resolved = resolve(options);
  const kinds = options.kind ? [options.kind] : (['ia-na', 'ia-ta', 'ia-pd'] as const);
  return fc.oneof(
    ...kinds.map((kind) =>
      iaRecord(
        resolved,
        kind,
        iaidDuid(),
        fc.integer({ min: 0, max: 255 }).map((i) => iaAddress(kind, 0, i)),
      ),
    ),
  );
}

/** `ia-na ID { … }` (or ia-ta, ia-pd) as write_ia prints it. */
export function ia(
  options: DeclarationOptions & { kind?: IaRecord['kind'] } = {},
): fc.Arbitrary<string> {
  return textOf(iaRecordArbitrary(options), options);
}

// ------------------------------------------------------- whole files

export { leasesFileModel };

/** A whole file with the byte span of each top-level declaration. */
export function renderedLeasesFile(
  options: LeasesFileOptions = {},
): fc.Arbitrary<RenderedLeasesFile> {
  return leasesFileModel(options).map((model) =>
    writeLeasesFile(model, options.rawHighBytes ?? false),
  );
}

/**
 * A whole lease file as dhcpd writes it (v4 or v6; header; snapshot in
 * write_leases order; appended history), as latin1 text. `leasecheck check`
 * calls every one clean.
 */
export function leasesFile(options: LeasesFileOptions = {}): fc.Arbitrary<string> {
  return renderedLeasesFile(options).map((file) => file.text);
}

export interface LeasesWithConfig {
  /** The lease file (latin1). */
  leases: string;
  /** A dhcpd.conf declaring every subnet, failover peer, class and group the file uses. */
  config: string;
  /** `v6` files are loaded with `dhcpd -6`. */
  family: 'v4' | 'v6';
  model: LeasesFileModel;
}

/**
 * A lease file and a dhcpd.conf under which the real
 * `dhcpd -T -cf CONFIG -lf LEASES` (with `-6` for v6) loads it without a
 * single warning.
 */
export function leasesFileWithConfig(
  options: LeasesFileOptions = {},
): fc.Arbitrary<LeasesWithConfig> {
  return leasesFileModel(options).map((model) => ({
    leases: writeLeasesFile(model, options.rawHighBytes ?? false).text,
    config: writeConfig(model),
    family: model.family,
    model,
  }));
}

// ------------------------------------------------------- damaged files

/** A generated file cut strictly inside its last declaration: `leasecheck check` says `truncated-tail`. */
export function truncatedLeasesFile(options: LeasesFileOptions = {}): fc.Arbitrary<TruncatedFile> {
  return truncatedFrom(renderedLeasesFile(options));
}

/**
 * A generated file with up to four bytes replaced, removed or inserted
 * before its last declaration. Often still valid (a changed digit, a byte in
 * a comment); when not, `leasecheck check` says `corrupt`.
 */
export function corruptedLeasesFile(options: LeasesFileOptions = {}): fc.Arbitrary<CorruptedFile> {
  return corruptedFrom(renderedLeasesFile(options));
}

/** A generated file with CRLF line ends (dhcpd reads CR as white space): clean. */
export function crlfLeasesFile(options: LeasesFileOptions = {}): fc.Arbitrary<string> {
  return leasesFile(options).map(toCrlf);
}
