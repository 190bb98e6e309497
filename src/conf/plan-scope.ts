/**
 * The scopes of a dhcpd.conf as the plan builder walks them: what kind of
 * declaration encloses a statement (parse_statement's `type`), the plan parts
 * it belongs to, and the parameters in force there.
 */
import type {
  HostPlan,
  Parameter,
  PoolPlan,
  SharedNetworkPlan,
  SourceRef,
  SubnetPlan,
} from './types.js';

export type ScopeType = 'root' | 'shared-network' | 'subnet' | 'pool' | 'group' | 'host' | 'class';

export interface Scope {
  type: ScopeType;
  parent: Scope | null;
  own: Parameter[];
  subnet: SubnetPlan | null;
  shared: { plan: SharedNetworkPlan; subnets: SubnetPlan[]; implicit: boolean } | null;
  pool: PoolPlan | null;
  host: HostPlan | null;
}

/** Where the builder collects what dhcpd would refuse to start with. */
export type Report = (at: SourceRef, message: string) => void;

export function rootScope(): Scope {
  return {
    type: 'root',
    parent: null,
    own: [],
    subnet: null,
    shared: null,
    pool: null,
    host: null,
  };
}

/** A scope inside `parent`: it inherits the enclosing subnet, shared network, pool and host unless `changes` says otherwise. */
export function childScope(parent: Scope, type: ScopeType, changes: Partial<Scope> = {}): Scope {
  return { ...parent, type, parent, own: [], ...changes };
}

/** Parameters in force in a scope: the outermost first, inner ones overriding (dhcpd executes scopes outside-in). */
export function effectiveParameters(scope: Scope): Parameter[] {
  const chain: Scope[] = [];
  for (let s: Scope | null = scope; s; s = s.parent) chain.unshift(s);
  const byKey = new Map<string, Parameter>();
  for (const s of chain) {
    for (const parameter of s.own) {
      byKey.delete(parameter.key);
      byKey.set(parameter.key, parameter);
    }
  }
  return [...byKey.values()];
}
