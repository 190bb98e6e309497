import {
  bindingStates,
  declarationKinds,
  type BindingState,
  type Declaration,
  type DeclarationKind,
} from '../model/types.js';
import { ipv4Number } from '../model/ipv4.js';
import { Ipv4Table, type Ipv4TableArrays } from './address-table.js';
import type { LeaseSummary } from '../model/from-events.js';

/**
 * The running aggregates `check` needs, fed one declaration at a time.
 * Only per-address state grows with the file, and it lives in typed arrays.
 */
export class Aggregates {
  readonly declarations = Object.fromEntries(declarationKinds.map((k) => [k, 0])) as Record<
    DeclarationKind,
    number
  >;
  constructor(readonly leases = new Ipv4Table()) {}
  /** v6: IA key (kind + IAID/DUID) -> state of its addresses and where it was last declared. */
  readonly ias = new Map<
    string,
    { states: (BindingState | null)[]; offset: number; line: number }
  >();
  /** Last failover state block per peer. */
  readonly failover = new Map<string, Declaration>();

  add(d: Declaration): void {
    this.declarations[d.kind]++;
    switch (d.kind) {
      case 'lease':
        if (d.key !== null) {
          const state = d.bindingState === null ? -1 : bindingStates.indexOf(d.bindingState);
          // The grammar allows three digits an octet; an address dhcpd
          // cannot read (an octet above 255) is counted but not tracked.
          const address = ipv4Number(d.key);
          if (address !== null) this.leases.set(address, state, d.offset);
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

  /** A lease as the scanner's summary gives it (see ScanHandlers.onLease). */
  addLease(lease: LeaseSummary, offset: number): void {
    this.declarations.lease++;
    if (lease.address >= 0) this.leases.set(lease.address, lease.state, offset);
  }

  /** The aggregates as plain data, to send to another thread; see Aggregates.from. */
  toData(): AggregatesData {
    return {
      declarations: { ...this.declarations },
      leases: this.leases.toArrays(),
      ias: [...this.ias],
      failover: [...this.failover],
    };
  }

  static from(data: AggregatesData): Aggregates {
    const aggregates = new Aggregates(Ipv4Table.fromArrays(data.leases));
    Object.assign(aggregates.declarations, data.declarations);
    for (const [key, value] of data.ias) aggregates.ias.set(key, value);
    for (const [key, value] of data.failover) aggregates.failover.set(key, value);
    return aggregates;
  }

  /**
   * Adds the aggregates of the part of the file that follows this one's;
   * `linesBefore` is the number of lines before that part (its line numbers
   * count from its own start).
   */
  append(later: Aggregates, linesBefore: number): void {
    for (const kind of declarationKinds) this.declarations[kind] += later.declarations[kind];
    this.leases.absorb(later.leases);
    for (const [key, ia] of later.ias) {
      // (A key already seen keeps its place in the Map, as in a single scan.)
      this.ias.set(key, { ...ia, line: ia.line + linesBefore });
    }
    for (const [key, d] of later.failover) {
      this.failover.set(key, { ...d, line: d.line + linesBefore });
    }
  }

  leaseStates(): Partial<Record<BindingState, number>> {
    const byState: Partial<Record<BindingState, number>> = {};
    this.leases.forEachState((state) => {
      if (state < 0) return;
      const name = bindingStates[state]!;
      byState[name] = (byState[name] ?? 0) + 1;
    });
    return byState;
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

/** Aggregates as plain data (see Aggregates.toData). */
export interface AggregatesData {
  declarations: Record<DeclarationKind, number>;
  leases: Ipv4TableArrays;
  ias: [string, { states: (BindingState | null)[]; offset: number; line: number }][];
  failover: [string, Declaration][];
}
