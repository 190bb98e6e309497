import {
  bindingStates,
  declarationKinds,
  type BindingState,
  type Declaration,
  type DeclarationKind,
} from '../model/types.js';
import { ipv4Number } from '../model/ipv4.js';
import { Ipv4Table, type AddressStates, type Ipv4TableArrays } from '../model/ipv4-table.js';
import { JoinedAddresses } from './joined-addresses.js';
import type { LeaseSummary } from '../model/from-events.js';
import type { LeaseBatch } from '../model/lease-batch.js';
import type { LeaseSink } from '../scan/index.js';

/**
 * The running aggregates `check` needs, fed one declaration at a time.
 * Only per-address state grows with the file, and it lives in typed arrays.
 */
export class Aggregates implements LeaseSink {
  readonly declarations = Object.fromEntries(declarationKinds.map((k) => [k, 0])) as Record<
    DeclarationKind,
    number
  >;
  /** This part's own addresses: where declarations are added. */
  private readonly table: Ipv4Table;
  /** Once a later part is appended: both parts' addresses, read as one. */
  private joined: JoinedAddresses | null = null;

  constructor(table = new Ipv4Table()) {
    this.table = table;
  }

  /** The IPv4 addresses declared, each with its last declaration. */
  get leases(): AddressStates {
    return this.joined ?? this.table;
  }
  /** v6: IA key (kind + IAID/DUID) -> state of its addresses and where it was last declared. */
  readonly ias = new Map<
    string,
    { states: (BindingState | null)[]; offset: number; line: number }
  >();
  /** Last failover state block per peer. */
  readonly failover = new Map<string, Declaration>();
  /** Declarations with `hardware TYPE ;` (a type, no address), and the offset of the first (-1: none). */
  readonly typeOnlyHardware = { count: 0, first: -1 };

  /** Forgets everything, keeping the address table's capacity (see back-blocks.ts). */
  clear(): void {
    for (const kind of declarationKinds) this.declarations[kind] = 0;
    this.table.clear();
    this.joined = null;
    this.ias.clear();
    this.failover.clear();
    this.typeOnlyHardware.count = 0;
    this.typeOnlyHardware.first = -1;
  }

  private noteTypeOnlyHardware(offset: number): void {
    if (this.typeOnlyHardware.count++ === 0) this.typeOnlyHardware.first = offset;
  }

  add(d: Declaration): void {
    this.declarations[d.kind]++;
    if (d.hardwareTypeOnly === true) this.noteTypeOnlyHardware(d.offset);
    switch (d.kind) {
      case 'lease':
        if (d.key !== null) {
          const state = d.bindingState === null ? -1 : bindingStates.indexOf(d.bindingState);
          // The grammar allows three digits an octet: check's dhcpd reading has
          // re-keyed an octet above 255 to what dhcpd reads (dhcpd-reading.ts
          // readAddress); a key that is still no address is counted, not tracked.
          const address = ipv4Number(d.key);
          if (address !== null) this.ownTable().set(address, state, d.offset);
        }
        break;
      case 'ia-na':
      case 'ia-ta':
      case 'ia-pd':
        if (d.key !== null) {
          this.ias.set(`${d.kind} ${d.key}`, {
            states: (d.addresses ?? []).map(() => d.bindingState),
            offset: d.offset,
            line: d.line,
          });
        }
        break;
      case 'failover-state':
        if (d.key !== null) this.failover.set(d.key, d);
        break;
      default:
        break;
    }
  }

  /** A lease as the scanner's summary gives it (see LeaseSink). */
  addLease(lease: LeaseSummary, offset: number): void {
    this.declarations.lease++;
    if (lease.hardwareTypeOnly) this.noteTypeOnlyHardware(offset);
    if (lease.address >= 0) this.ownTable().set(lease.address, lease.state, offset);
  }

  /** The leases of `batch` (see LeaseSink.addLeases), as addLease of each in turn. */
  addLeases(batch: LeaseBatch): void {
    this.declarations.lease += batch.count;
    this.ownTable().setBatch(batch);
  }

  /** The table declarations are added to: only before a later part is appended. */
  private ownTable(): Ipv4Table {
    if (this.joined) throw new Error('aggregates of a part joined to a later one take no more');
    return this.table;
  }

  /** The aggregates as plain data, to send to another thread; see Aggregates.from. */
  toData(): AggregatesData {
    return {
      declarations: { ...this.declarations },
      leases: this.ownTable().toArrays(),
      ias: [...this.ias],
      failover: [...this.failover],
      typeOnlyHardware: { ...this.typeOnlyHardware },
    };
  }

  static from(data: AggregatesData): Aggregates {
    const aggregates = new Aggregates(Ipv4Table.fromArrays(data.leases));
    Object.assign(aggregates.declarations, data.declarations);
    for (const [key, value] of data.ias) aggregates.ias.set(key, value);
    for (const [key, value] of data.failover) aggregates.failover.set(key, value);
    Object.assign(aggregates.typeOnlyHardware, data.typeOnlyHardware);
    return aggregates;
  }

  /**
   * Adds the aggregates of the part of the file that follows this one's;
   * `linesBefore` is the number of lines before that part (its line numbers
   * count from its own start).
   */
  append(later: Aggregates, linesBefore: number): void {
    for (const kind of declarationKinds) this.declarations[kind] += later.declarations[kind];
    this.joined = new JoinedAddresses(this.leases, later.leases);
    this.joinTypeOnlyHardware(this.typeOnlyHardware, later.typeOnlyHardware);
    for (const [key, ia] of later.ias) {
      // (A key already seen keeps its place in the Map, as in a single scan.)
      this.ias.set(key, { ...ia, line: ia.line + linesBefore });
    }
    for (const [key, d] of later.failover) {
      this.failover.set(key, { ...d, line: d.line + linesBefore });
    }
  }

  /**
   * Adds the aggregates of the part of the file that precedes this one's;
   * `linesBefore` is the number of lines in that part (this one's line
   * numbers count from its own start, and are shifted). What this part
   * declares wins, as it comes later; a key first seen in the earlier part
   * keeps the earlier place in the Maps, as in a single scan.
   */
  prepend(earlier: Aggregates, linesBefore: number): void {
    for (const kind of declarationKinds) this.declarations[kind] += earlier.declarations[kind];
    this.ownTable().absorbEarlier(earlier.ownTable());
    this.joinTypeOnlyHardware(earlier.typeOnlyHardware, this.typeOnlyHardware);
    const shifted = <T extends { line: number }>(value: T): T => ({
      ...value,
      line: value.line + linesBefore,
    });
    prependMap(this.ias, earlier.ias, shifted);
    prependMap(this.failover, earlier.failover, shifted);
  }

  /** Counts of `first` and `second` (the part after it) into this one's; offsets are the file's. */
  private joinTypeOnlyHardware(
    first: { count: number; first: number },
    second: { count: number; first: number },
  ): void {
    const firstOffset = first.count > 0 ? first.first : second.first;
    this.typeOnlyHardware.count = first.count + second.count;
    this.typeOnlyHardware.first = firstOffset;
  }

  /** How many addresses are in each binding state, the states in `bindingStates` order. */
  leaseStates(): Partial<Record<BindingState, number>> {
    return this.countLeaseStates().byState;
  }

  /**
   * leaseStates, and how many addresses have no binding state recorded (a
   * lease of an old dhcpd's file): one walk of the table for both.
   */
  countLeaseStates(): { byState: Partial<Record<BindingState, number>>; stateless: number } {
    // counts[0]: no state; counts[i + 1]: bindingStates[i].
    const counts = [0, ...bindingStates.map(() => 0)];
    this.leases.countStates(counts);
    const byState: Partial<Record<BindingState, number>> = {};
    bindingStates.forEach((name, state) => {
      if (counts[state + 1]! > 0) byState[name] = counts[state + 1]!;
    });
    return { byState, stateless: counts[0]! };
  }

  iaSummary(): {
    distinct: number;
    addresses: number;
    byState: Partial<Record<BindingState, number>>;
  } {
    const byState: Partial<Record<BindingState, number>> = {};
    let addresses = 0;
    for (const ia of this.ias.values()) {
      for (const state of ia.states) {
        addresses++;
        if (state !== null) byState[state] = (byState[state] ?? 0) + 1;
      }
    }
    return { distinct: this.ias.size, addresses, byState };
  }
}

/**
 * `later` becomes the Map a single scan would hold of `earlier`'s entries
 * followed by `later`'s: the keys in the order first seen, each with its
 * latest value; `later`'s values go through `shift`.
 */
function prependMap<K, V>(later: Map<K, V>, earlier: Map<K, V>, shift: (value: V) => V): void {
  const own = [...later];
  later.clear();
  for (const [key, value] of earlier) later.set(key, value);
  for (const [key, value] of own) later.set(key, shift(value));
}

/** Aggregates as plain data (see Aggregates.toData). */
export interface AggregatesData {
  declarations: Record<DeclarationKind, number>;
  leases: Ipv4TableArrays;
  ias: [string, { states: (BindingState | null)[]; offset: number; line: number }][];
  failover: [string, Declaration][];
  typeOnlyHardware: { count: number; first: number };
}
