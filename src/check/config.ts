import {
  addressInRanges,
  prefixInRanges,
  createConfigChecker,
  type AddressPlan,
  type ConfigFinding,
} from '../conf/index.js';
import { parseIpv6 } from '../conf/address.js';
import type { KeepsInput, RangeLookup, WrittenPrediction } from '../dhcpd/mdb.js';
import { predictWrittenLeases } from '../dhcpd/mdb.js';
import type { Declaration, FailoverStateName } from '../model/types.js';
import type { V6Bindings, V6PoolLookup } from '../dhcpd/confpars-ia.js';
import { DhcpdFatal } from '../dhcpd/conflex.js';

/**
 * `check --config`: what dhcpd would complain about with this dhcpd.conf, and
 * the `Wrote N leases` it would log. Keeps the last declaration of every
 * address (dhcpd keeps them all in memory too), so it costs memory in
 * proportion to the addresses; plain `check` does not.
 */
export class ConfigAnalysis {
  private readonly checker;
  private readonly effective = new Map<string, KeepsInput>();
  private readonly myStates = new Map<string, FailoverStateName | null>();
  /** dhcpd -6's IA tables as the lease file leaves them (see V6Bindings). */
  private v6: V6Bindings | null = null;

  constructor(
    readonly file: string,
    private readonly plan: AddressPlan,
  ) {
    this.checker = createConfigChecker(plan);
  }

  add(d: Declaration): void {
    this.checker.onDeclaration(d);
    if (d.kind === 'lease' && d.key !== null) this.effective.set(d.key, d);
    if (d.kind === 'failover-state' && d.key !== null) {
      this.myStates.set(d.key, d.failover?.myState ?? null);
    }
  }

  /** Whether dhcpd.conf declares failover peer `name` (dhcpd keeps a lease file's state only for such a peer). */
  declaresFailoverPeer(name: string): boolean {
    return this.plan.failoverPeers.some((peer) => peer.name === name);
  }

  /** A partial last lease that dhcpd loads replaces the earlier declaration of its address. */
  replace(key: string, input: KeepsInput | null): void {
    if (input) this.effective.set(key, input);
  }

  /**
   * find_ipv6_pool: a pool of the IA's type holding the address: a `range6`
   * (ia-na), a `range6 … temporary` (ia-ta; dhcpd -6 finds no pool for an
   * ia-ta address in a plain range6, "No pool found for IA_TA address"), or
   * a prefix6 of that length (ia-pd).
   */
  pools6(): V6PoolLookup {
    return (kind, address, length) => {
      if (kind === 'ia-pd') return prefixInRanges(this.plan, `${address}/${length ?? ''}`) !== null;
      const want = kind === 'ia-ta' ? 'temporary' : 'range6';
      const value = parseIpv6(address);
      if (value === null) return false;
      return this.plan.pools.some((pool) =>
        pool.ranges.some((r) => r.kind === want && value >= r.low && value <= r.high),
      );
    };
  }

  /** Which dhcpd reads the file: `dhcpd -4` or `dhcpd -6` (the family of dhcpd.conf). */
  get family(): 4 | 6 {
    return this.plan.family;
  }

  useV6(v6: V6Bindings): void {
    this.v6 = v6;
  }

  /**
   * A partial last IA: dhcpd never enters it, but the iaaddr/iaprefix blocks
   * that were complete are applied to their pools as they were read (an
   * expired one takes the address from the earlier copy of the IA).
   */
  readPartialIa(kind: 'ia-na' | 'ia-ta' | 'ia-pd', text: string): void {
    try {
      this.v6?.read(kind, text);
    } catch (e) {
      // 1,500 white space characters in a row: dhcpd exits while reading it (reported
      // from the lexer), so its blocks take nothing from the pools.
      if (!(e instanceof DhcpdFatal)) throw e;
    }
  }

  ranges(): RangeLookup {
    return (address) => {
      const match = addressInRanges(this.plan, address);
      if (!match) return false;
      const peerName = match.pool.failoverPeer?.name;
      const peer = peerName ? this.plan.failoverPeers.find((p) => p.name === peerName) : undefined;
      return peer
        ? { failover: { role: peer.role, myState: this.myStates.get(peer.name) ?? null } }
        : true;
    };
  }

  result(now: Date): { file: string; findings: ConfigFinding[]; wrote: WrittenPrediction } {
    return {
      file: this.file,
      findings: this.checker.findings(),
      wrote: {
        ...predictWrittenLeases(this.effective.values(), now, this.ranges()),
        // dhcpd -6 logs "Wrote N NA, N TA, N PD leases to lease file." instead.
        ...(this.plan.family === 6 && this.v6 ? this.v6.wrote() : {}),
      },
    };
  }
}
