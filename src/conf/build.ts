/**
 * Walks the statements of a dhcpd.conf (following includes) and builds its
 * address plan, checking what dhcpd checks while it parses: which
 * declaration may appear in which scope (parse_statement's `type`), that
 * subnets and ranges agree, that failover peers are declared before use and
 * complete. dhcpd refuses to start on any of these, so they are errors here
 * too, collected and thrown together.
 */
import { LeasecheckError } from '../errors.js';
import type {
  FailoverPeerStatement,
  PoolStatement,
  Prefix6Statement,
  Range6Statement,
  RangeStatement,
  Statement,
  SubnetStatement,
  Subnet6Statement,
} from './ast.js';
import { opaqueParameter, permitParameter } from './params.js';
import { failoverPeerPlan } from './plan-failover.js';
import { reportOverlaps, subnetPlan, v4Range, v4RangeBounds, v6Range } from './plan-ranges.js';
import {
  childScope,
  effectiveParameters,
  rootScope,
  type Scope,
  type ScopeType,
} from './plan-scope.js';
import { decodeConfString } from './strings.js';
import type {
  AddressPlan,
  AddressRange,
  HostPlan,
  Parameter,
  PoolPlan,
  SharedNetworkPlan,
  SourceRef,
} from './types.js';

export { defaultFailoverPort } from './plan-failover.js';

/** Configuration errors dhcpd would refuse to start with: exit 8. */
export class ConfInvalidError extends LeasecheckError {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? problems[0]!
        : `${problems.length} configuration errors:\n${problems.map((p) => `  ${p}`).join('\n')}`,
      8,
    );
    this.name = 'ConfInvalidError';
  }
}

/** Reads an included file: its path as the plan should name it, and its statements. */
export type IncludeReader = (
  path: string,
  from: SourceRef,
) => { file: string; statements: Statement[] };

export function buildPlan(
  file: string,
  statements: Statement[],
  readInclude: IncludeReader,
): AddressPlan {
  const builder = new PlanBuilder(file, readInclude);
  builder.walk(statements, builder.root, file);
  return builder.finish();
}

class PlanBuilder {
  readonly root: Scope = rootScope();
  private readonly problems: string[] = [];
  private readonly plan: AddressPlan;
  /** Each plan part with the scope whose parameters it takes, resolved in finish(). */
  private readonly scoped: Array<{ target: { parameters: Parameter[] }; scope: Scope }> = [];
  private readonly implicitPools = new Map<string, PoolPlan>();
  private sawV6 = false;
  /** Peers named by a pool's own `failover peer` statement (failover.c pool_count). */
  private readonly peersUsedByPools = new Set<string>();
  /** The v4 ranges in the order they are declared, whatever pool each joins. */
  private readonly v4Ranges: AddressRange[] = [];

  constructor(
    file: string,
    private readonly readInclude: IncludeReader,
  ) {
    this.plan = {
      files: [file],
      family: 4,
      parameters: [],
      sharedNetworks: [],
      subnets: [],
      pools: [],
      failoverPeers: [],
      hosts: [],
      groups: [],
      classes: [],
      subclasses: [],
      keys: [],
    };
    this.scoped.push({ target: this.plan, scope: this.root });
  }

  finish(): AddressPlan {
    for (const pool of this.plan.pools) {
      if (pool.ranges.length === 0) {
        this.problem(pool.at, 'pool declaration with no address range');
      }
    }
    for (const shared of this.plan.sharedNetworks) {
      if (shared.subnets.length === 0) this.problem(shared.at, 'empty shared-network declaration');
    }
    for (const peer of this.plan.failoverPeers) {
      if (!this.peersUsedByPools.has(peer.name)) {
        this.problem(
          peer.at,
          `failover peer ${peer.name} has no referring pools (each peer must be named in at least one pool)`,
        );
      }
    }
    reportOverlaps(this.v4Ranges, this.report);
    if (this.problems.length > 0) throw new ConfInvalidError(this.problems);
    for (const { target, scope } of this.scoped) target.parameters = effectiveParameters(scope);
    this.plan.family = this.sawV6 ? 6 : 4;
    return this.plan;
  }

  private problem(at: SourceRef, message: string): void {
    this.problems.push(`${at.file}:${at.line}: ${message}`);
  }

  private readonly report = (at: SourceRef, message: string): void => this.problem(at, message);

  walk(statements: Statement[], scope: Scope, file: string): void {
    for (const statement of statements) this.statement(statement, scope, file);
  }

  private statement(statement: Statement, scope: Scope, file: string): void {
    const at: SourceRef = { file, line: statement.line };
    const inside = (...types: ScopeType[]): boolean => types.includes(scope.type);
    switch (statement.kind) {
      case 'include': {
        const included = this.readInclude(statement.path, at);
        if (!this.plan.files.includes(included.file)) this.plan.files.push(included.file);
        this.walk(included.statements, scope, included.file);
        return;
      }
      case 'shared-network': {
        if (inside('shared-network', 'host', 'subnet', 'class', 'pool')) {
          return this.problem(at, 'shared-network declarations are not allowed here');
        }
        const plan: SharedNetworkPlan = {
          name: statement.name,
          subnets: [],
          failoverPeer: null,
          parameters: [],
          at,
        };
        this.plan.sharedNetworks.push(plan);
        const inner = childScope(scope, 'shared-network', {
          shared: { plan, subnets: [], implicit: false },
        });
        this.scoped.push({ target: plan, scope: inner });
        return this.walk(statement.body, inner, file);
      }
      case 'subnet':
      case 'subnet6':
        return this.subnet(statement, scope, at, file);
      case 'pool':
        return this.pool(statement, scope, at, file);
      case 'range':
        return this.range(statement, scope, at);
      case 'range6':
      case 'prefix6':
        return this.range6(statement, scope, at);
      case 'failover-peer':
        if (!inside('root', 'shared-network')) {
          return this.problem(
            at,
            'failover peers may only be defined in shared-network declarations and the outer scope',
          );
        }
        this.failoverPeer(statement, at);
        if (scope.shared && !scope.shared.implicit) {
          scope.shared.plan.failoverPeer = { name: statement.name, at };
        }
        return;
      case 'failover-reference': {
        if (scope.type === 'pool' && scope.pool) {
          if (!this.knownPeer(statement.name, at)) return;
          scope.pool.failoverPeer = { name: statement.name, at };
          this.peersUsedByPools.add(statement.name);
          return;
        }
        if (scope.type !== 'shared-network' || !scope.shared) {
          return this.problem(at, 'failover peer reference not in shared-network declaration');
        }
        if (!this.knownPeer(statement.name, at)) return;
        scope.shared.plan.failoverPeer = { name: statement.name, at };
        return;
      }
      case 'failover-state':
        if (!this.plan.failoverPeers.some((p) => p.name === statement.name)) {
          this.problem(at, `state declaration for unknown failover peer ${statement.name}`);
        }
        return;
      case 'no-failover-peer':
        if (scope.type !== 'pool' || !scope.pool) {
          return this.problem(at, '"no failover peer" is only allowed in a pool');
        }
        scope.pool.failoverPeer = null;
        return;
      case 'host': {
        if (inside('host', 'class')) return this.problem(at, 'host declarations not allowed here');
        const host: HostPlan = {
          name: statement.name,
          hardware: null,
          fixedAddresses: [],
          parameters: [],
          at,
        };
        this.plan.hosts.push(host);
        const inner = childScope(scope, 'host', { host });
        this.scoped.push({ target: host, scope: inner });
        return this.walk(statement.body, inner, file);
      }
      case 'group': {
        if (inside('host', 'class')) return this.problem(at, 'group declarations not allowed here');
        if (statement.name !== null) this.plan.groups.push({ name: statement.name, at });
        return this.walk(statement.body, childScope(scope, 'group'), file);
      }
      case 'class': {
        if (inside('class')) return this.problem(at, 'class declarations not allowed here');
        this.plan.classes.push({
          kind: statement.classKind,
          name: statement.name,
          statements: statement.body.map((s) => describeStatement(s)),
          at,
        });
        return;
      }
      case 'subclass': {
        if (inside('class')) return this.problem(at, 'class declarations not allowed here');
        if (!this.plan.classes.some((c) => c.name === statement.className)) {
          return this.problem(at, `no class named ${statement.className}`);
        }
        this.plan.subclasses.push({ className: statement.className, value: statement.value, at });
        return;
      }
      case 'key':
        this.plan.keys.push({ name: statement.name, at });
        return;
      case 'permit': {
        if (scope.type === 'pool' && scope.pool) {
          if (statement.verb === 'ignore') {
            return this.problem(at, 'expecting permit type ("ignore" is not allowed in a pool)');
          }
          // get_permit: `members of "class"` must name a class declared before it.
          const member = /^members of ("(?:[^"\\]|\\.)*")$/.exec(statement.what);
          if (member && !this.plan.classes.some((c) => c.name === decodeConfString(member[1]!))) {
            return this.problem(at, `no such class: ${decodeConfString(member[1]!)}`);
          }
          scope.pool.permits.push({ verb: statement.verb, what: statement.what, at });
          return;
        }
        const { key, value } = permitParameter(statement);
        scope.own.push({ key, value, at });
        return;
      }
      case 'hardware':
        if (!scope.host || scope.type !== 'host') {
          return this.problem(at, 'hardware address parameter not allowed here');
        }
        if (scope.host.hardware !== null) {
          return this.problem(at, `host ${scope.host.name} hardware address already configured`);
        }
        scope.host.hardware = `${statement.hardwareType} ${statement.address}`;
        return;
      case 'fixed-address':
        if (!scope.host || scope.type !== 'host') {
          return this.problem(at, 'fixed-address parameter not allowed here');
        }
        if (statement.family === 6) this.sawV6 = true;
        scope.host.fixedAddresses.push(...statement.addresses);
        return;
      case 'opaque': {
        const { key, value } = opaqueParameter(statement);
        scope.own.push({ key, value, at });
        return;
      }
    }
  }

  private knownPeer(name: string, at: SourceRef): boolean {
    if (this.plan.failoverPeers.some((p) => p.name === name)) return true;
    this.problem(at, `reference to unknown failover peer ${name}`);
    return false;
  }

  private subnet(
    statement: SubnetStatement | Subnet6Statement,
    scope: Scope,
    at: SourceRef,
    file: string,
  ): void {
    if (
      scope.type === 'host' ||
      scope.type === 'subnet' ||
      scope.type === 'class' ||
      scope.type === 'pool'
    ) {
      return this.problem(at, 'subnet declarations not allowed here');
    }
    if (statement.kind === 'subnet6') this.sawV6 = true;
    const plan = subnetPlan(statement, at, this.report);
    if (!plan) return;
    this.plan.subnets.push(plan);
    let shared = scope.shared;
    if (shared && !shared.implicit) {
      plan.sharedNetwork = shared.plan.name;
      shared.plan.subnets.push(plan.cidr);
      shared.subnets.push(plan);
    } else {
      // parse_statement: a lone subnet gets an implicit shared network of its own.
      shared = {
        plan: { name: plan.cidr, subnets: [plan.cidr], failoverPeer: null, parameters: [], at },
        subnets: [plan],
        implicit: true,
      };
    }
    const inner = childScope(scope, 'subnet', { subnet: plan, shared, pool: null });
    this.scoped.push({ target: plan, scope: inner });
    this.walk(statement.body, inner, file);
  }

  private pool(statement: PoolStatement, scope: Scope, at: SourceRef, file: string): void {
    if (scope.type === 'pool') return this.problem(at, 'pool declared within pool');
    if (statement.family === 6) {
      this.sawV6 = true;
      if (scope.type !== 'subnet')
        return this.problem(at, 'pool6s are only valid inside subnet statements');
    } else if (scope.type !== 'subnet' && scope.type !== 'shared-network') {
      return this.problem(at, 'pool declared outside of network');
    }
    const inheritedPeer =
      scope.shared && !scope.shared.implicit ? scope.shared.plan.failoverPeer : null;
    const pool: PoolPlan = {
      family: statement.family,
      implicit: false,
      container:
        scope.type === 'subnet' && scope.subnet
          ? `subnet ${scope.subnet.cidr}`
          : `shared-network "${scope.shared!.plan.name}"`,
      ranges: [],
      failoverPeer: statement.family === 4 ? inheritedPeer : null,
      permits: [],
      parameters: [],
      at,
    };
    this.plan.pools.push(pool);
    const inner = childScope(scope, 'pool', { pool });
    this.scoped.push({ target: pool, scope: inner });
    this.walk(statement.body, inner, file);
  }

  /** The pool a range goes into: the enclosing pool, or the subnet's implicit pool. */
  private poolForRange(
    scope: Scope,
    family: 4 | 6,
    dynamicBootp: boolean,
    at: SourceRef,
  ): PoolPlan {
    if (scope.type === 'pool' && scope.pool) return scope.pool;
    const subnet = scope.subnet!;
    const key = `${subnet.cidr} ${dynamicBootp}`;
    let pool = this.implicitPools.get(key);
    if (!pool) {
      pool = {
        family,
        implicit: true,
        container: `subnet ${subnet.cidr}`,
        ranges: [],
        // parse_address_range: ad-hoc pools get no failover peer.
        failoverPeer: null,
        permits: [],
        parameters: [],
        at,
      };
      this.implicitPools.set(key, pool);
      this.plan.pools.push(pool);
      this.scoped.push({ target: pool, scope });
    }
    return pool;
  }

  private range(statement: RangeStatement, scope: Scope, at: SourceRef): void {
    const inPool = scope.type === 'pool' && scope.pool?.family === 4;
    if (!(scope.type === 'subnet' && scope.subnet?.family === 4) && !inPool) {
      return this.problem(at, 'range declaration not allowed here');
    }
    const bounds = v4RangeBounds(statement, scope, at, this.report);
    if (!bounds) return;
    const pool = this.poolForRange(scope, 4, statement.dynamicBootp, at);
    if (statement.dynamicBootp && pool.failoverPeer) {
      return this.problem(
        at,
        'dynamic-bootp flag is not permitted for address range declarations where there is a failover peer in scope',
      );
    }
    const range = v4Range(statement, bounds.low, bounds.high, at);
    pool.ranges.push(range);
    this.v4Ranges.push(range);
  }

  private range6(statement: Range6Statement | Prefix6Statement, scope: Scope, at: SourceRef): void {
    this.sawV6 = true;
    const inPool = scope.type === 'pool' && scope.pool?.family === 6;
    if (!(scope.type === 'subnet' && scope.subnet?.family === 6) && !inPool) {
      return this.problem(at, `${statement.kind} declaration not allowed here`);
    }
    const range = v6Range(statement, scope.subnet!, at, this.report);
    if (!range) return;
    this.poolForRange(scope, 6, false, at).ranges.push(range);
  }

  private failoverPeer(statement: FailoverPeerStatement, at: SourceRef): void {
    if (this.plan.failoverPeers.some((p) => p.name === statement.name)) {
      return this.problem(at, `redeclaration of failover peer ${statement.name}`);
    }
    const peer = failoverPeerPlan(statement, at, this.report);
    this.plan.failoverPeers.push(peer);
  }
}

/** One statement of a class body as a comparable line. */
function describeStatement(statement: Statement): string {
  if (statement.kind === 'opaque') {
    const { key, value } = opaqueParameter(statement);
    return value === '' ? key : `${key} ${value}`;
  }
  if (statement.kind === 'permit') return `${statement.verb} ${statement.what}`;
  return JSON.stringify({ ...statement, line: undefined }, (_k, v) =>
    typeof v === 'bigint' ? v.toString() : v,
  );
}
