import { CAPTURED_RULES, lastMatch } from '../grammar/generated/conf-recogniser.js';
import { capturedRuleIds } from '../grammar/captured-rules.js';
import type {
  FailoverSetting,
  FailoverSettingName,
  OpaqueStatement,
  Range6Statement,
  Statement,
} from './ast.js';
import { lineOf, type SourceText } from './source.js';
import { decodeConfString } from './strings.js';
import { compactText, normaliseHexList } from './values.js';

/**
 * Builds the statements of a dhcpd.conf file from the events the compiled
 * recogniser reported while matching it (src/grammar/conf-recogniser-options.ts
 * lists the captured rules). The grammar has already validated the text, so
 * each event's text is one well-formed item; nothing here re-parses the
 * format. The result equals what the Ohm semantics (test/conf/ohm-semantics.ts)
 * builds from the same match: the tests hold the two together.
 *
 * Events arrive in completion order, an item's parts before the item, so the
 * parts of item `i` are exactly the events from `first[i]` to `i - 1`: its
 * children are found by walking back from `i - 1` over whole subtrees.
 */

const ID = capturedRuleIds(CAPTURED_RULES);

/** The events of the last match as a tree: `first[i]` is the first event inside event `i`. */
interface EventTree {
  rule: Int32Array;
  start: Int32Array;
  end: Int32Array;
  first: Int32Array;
}

function eventTree(): EventTree {
  const count = lastMatch.eventCount;
  const tree: EventTree = {
    rule: new Int32Array(count),
    start: new Int32Array(count),
    end: new Int32Array(count),
    first: new Int32Array(count),
  };
  // Roots so far, innermost last; an event swallows every root that starts inside it.
  const roots = new Int32Array(count);
  let top = 0;
  for (let i = 0; i < count; i++) {
    const start = lastMatch.eventStart(i);
    tree.rule[i] = lastMatch.eventRule(i);
    tree.start[i] = start;
    tree.end[i] = lastMatch.eventEnd(i);
    let first = i;
    while (top > 0 && tree.start[roots[top - 1]!]! >= start) first = tree.first[roots[--top]!]!;
    tree.first[i] = first;
    roots[top++] = i;
  }
  return tree;
}

/**
 * The statements of the file the recogniser just matched (its `Config`
 * rule succeeded on `folded`, the case-folded `source.original`).
 */
export function statementsFromEvents(source: SourceText, folded: string): Statement[] {
  const tree = eventTree();
  const { rule, start, end, first } = tree;
  const original = source.original;

  /** The events directly inside `from..to-1` (a whole number of subtrees), in order. */
  const childrenIn = (from: number, to: number): number[] => {
    const out: number[] = [];
    for (let j = to - 1; j >= from; j = first[j]! - 1) out.push(j);
    return out.reverse();
  };
  const children = (i: number): number[] => childrenIn(first[i]!, i);
  /** The first child of rule `id` (walking back over the children, keeping the last seen). */
  const childOf = (i: number, id: number): number => {
    let found = -1;
    for (let j = i - 1; j >= first[i]!; j = first[j]! - 1) if (rule[j] === id) found = j;
    if (found < 0) throw new Error(`${CAPTURED_RULES[rule[i]!]} has no ${CAPTURED_RULES[id]}`);
    return found;
  };
  const childrenOf = (i: number, id: number): number[] => children(i).filter((j) => rule[j] === id);

  /** The item's text as written. */
  const text = (i: number): string => original.slice(start[i], end[i]);
  /** The item's text as the grammar saw it (ASCII letters in lower case). */
  const folds = (i: number): string => folded.slice(start[i], end[i]);
  const compact = (i: number): string => compactText(text(i));
  const line = (i: number): number => lineOf(source, start[i]!);
  /** Words as dhcpd compares them (lower case), strings exactly as written. */
  const spelled = (i: number): string => (folded.charCodeAt(start[i]!) === 34 ? text(i) : folds(i));
  const name = (i: number): string => {
    const r = rule[i];
    if (r === ID.string) return decodeConfString(text(i));
    if (r === ID.HostName) return compact(i);
    return text(i);
  };
  /** The first child that is a name (a string, word or host name), skipping keywords. */
  const nameChild = (i: number): number | undefined =>
    children(i).find(
      (j) => rule[j] === ID.string || rule[j] === ID.word || rule[j] === ID.HostName,
    );

  const body = (block: number): Statement[] => children(block).map(statement);

  /** The tokens of an opaque block, braces and `;` included, appended to `into`. */
  const opaqueTokens = (block: number, into: string[]): string[] => {
    into.push('{');
    for (const item of children(block)) {
      const [inner] = children(item);
      if (inner === undefined) into.push(';');
      else if (rule[inner] === ID.OpaqueBlock) opaqueTokens(inner, into);
      else into.push(spelled(inner));
    }
    into.push('}');
    return into;
  };

  const failoverSetting = (parameter: number): FailoverSetting => {
    const parts = children(parameter);
    const setting = parts[parts.length - 1]!;
    const [value] = children(setting);
    const numeric = (): string => String(Number(folds(childOf(setting, ID.number))));
    let settingName: FailoverSettingName;
    let settingValue: string | null = null;
    switch (rule[setting]) {
      case ID.FailoverSetting_primary:
        settingName = 'primary';
        break;
      case ID.FailoverSetting_secondary:
        settingName = 'secondary';
        break;
      case ID.FailoverSetting_address:
        settingName = 'address';
        settingValue = compact(value!).toLowerCase();
        break;
      case ID.FailoverSetting_port:
        settingName = 'port';
        settingValue = numeric();
        break;
      case ID.FailoverSetting_loadBalance:
        settingName = 'load balance max seconds';
        settingValue = numeric();
        break;
      case ID.FailoverSetting_split:
        settingName = 'split';
        settingValue = numeric();
        break;
      case ID.FailoverSetting_hba:
        settingName = 'hba';
        settingValue = compact(value!).toLowerCase();
        break;
      default:
        settingName = folds(childOf(setting, ID.failoverNumberName)) as FailoverSettingName;
        settingValue = numeric();
    }
    return {
      line: line(parameter),
      partner: parts.length > 1 && rule[parts[0]!] === ID.kwPeer,
      name: settingName,
      value: settingValue,
    };
  };

  const range6End = (end: number): Range6Statement['end'] => {
    if (rule[end] === ID.Range6End_cidr) {
      return {
        kind: 'cidr',
        bits: Number(folds(childOf(end, ID.number))),
        temporary: childrenOf(end, ID.kwTemporary).length > 0,
      };
    }
    if (rule[end] === ID.Range6End_temporary) return { kind: 'temporary' };
    return { kind: 'high', address: folds(end) };
  };

  const statement = (i: number): Statement => {
    switch (rule[i]) {
      case ID.Include:
        return { kind: 'include', line: line(i), path: name(childOf(i, ID.string)) };
      case ID.SharedNetwork:
        return {
          kind: 'shared-network',
          line: line(i),
          name: name(nameChild(i)!),
          body: body(childOf(i, ID.Block)),
        };
      case ID.Subnet: {
        const [network, netmask] = childrenOf(i, ID.Ip4);
        return {
          kind: 'subnet',
          line: line(i),
          network: compact(network!),
          netmask: compact(netmask!),
          body: body(childOf(i, ID.Block)),
        };
      }
      case ID.Subnet6:
        return {
          kind: 'subnet6',
          line: line(i),
          network: folds(childOf(i, ID.ip6)),
          prefixLength: Number(folds(childOf(i, ID.number))),
          body: body(childOf(i, ID.Block)),
        };
      case ID.Pool:
      case ID.Pool6:
        return {
          kind: 'pool',
          line: line(i),
          family: rule[i] === ID.Pool ? 4 : 6,
          body: body(childOf(i, ID.Block)),
        };
      case ID.Range: {
        const [low, high] = childrenOf(i, ID.Ip4);
        return {
          kind: 'range',
          line: line(i),
          dynamicBootp: childrenOf(i, ID.kwDynamicBootp).length > 0,
          low: compact(low!),
          high: high === undefined ? null : compact(high),
        };
      }
      case ID.Range6: {
        const [low, rangeEnd] = children(i);
        return { kind: 'range6', line: line(i), low: folds(low!), end: range6End(rangeEnd!) };
      }
      case ID.Prefix6: {
        const [low, high] = childrenOf(i, ID.ip6);
        return {
          kind: 'prefix6',
          line: line(i),
          low: folds(low!),
          high: folds(high!),
          bits: Number(folds(childOf(i, ID.number))),
        };
      }
      case ID.FailoverPeer: {
        const parts = children(i);
        const rest = parts[parts.length - 1]!;
        const peerName = name(nameChild(i)!);
        if (rule[rest] === ID.FailoverPeerRest_reference) {
          return { kind: 'failover-reference', line: line(i), name: peerName };
        }
        if (rule[rest] === ID.FailoverPeerRest_state) {
          return { kind: 'failover-state', line: line(i), name: peerName };
        }
        return {
          kind: 'failover-peer',
          line: line(i),
          endLine: lineOf(source, end[rest]! - 1),
          name: peerName,
          settings: childrenOf(rest, ID.FailoverParameter).map(failoverSetting),
        };
      }
      case ID.NoFailoverPeer:
        return { kind: 'no-failover-peer', line: line(i) };
      case ID.Host:
        return {
          kind: 'host',
          line: line(i),
          name: name(childOf(i, ID.HostName)),
          body: body(childOf(i, ID.Block)),
        };
      case ID.Group: {
        const groupName = nameChild(i);
        return {
          kind: 'group',
          line: line(i),
          name: groupName === undefined ? null : name(groupName),
          body: body(childOf(i, ID.Block)),
        };
      }
      case ID.Class:
        return {
          kind: 'class',
          line: line(i),
          classKind: folds(childOf(i, ID.classKeyword)) as 'class' | 'vendor-class' | 'user-class',
          name: name(childOf(i, ID.string)),
          body: body(childOf(i, ID.Block)),
        };
      case ID.Subclass: {
        const [className, value, block] = children(i);
        return {
          kind: 'subclass',
          line: line(i),
          className: name(className!),
          value: rule[value!] === ID.string ? text(value!) : compact(value!).toLowerCase(),
          body: block === undefined ? null : body(block),
        };
      }
      case ID.Key: {
        const algorithms = childrenOf(i, ID.KeyParameter_algorithm);
        const last = algorithms[algorithms.length - 1];
        return {
          kind: 'key',
          line: line(i),
          name: name(nameChild(i)!),
          algorithm: last === undefined ? null : compact(childOf(last, ID.HostName)).toLowerCase(),
        };
      }
      case ID.Permit:
        return {
          kind: 'permit',
          line: line(i),
          verb: folds(childOf(i, ID.permitVerb)) as 'allow' | 'deny' | 'ignore',
          what: childrenOf(i, ID.opaqueToken).map(spelled).join(' '),
        };
      case ID.Hardware:
        return {
          kind: 'hardware',
          line: line(i),
          hardwareType: folds(childOf(i, ID.word)),
          address: normaliseHexList(compact(childOf(i, ID.HexList))),
        };
      case ID.FixedAddress:
        return {
          kind: 'fixed-address',
          line: line(i),
          family: 4,
          addresses: childrenOf(i, ID.IpOrHostName).map((a) => compact(a).toLowerCase()),
        };
      case ID.FixedAddress6:
        return {
          kind: 'fixed-address',
          line: line(i),
          family: 6,
          addresses: childrenOf(i, ID.ip6).map(folds),
        };
      case ID.Opaque: {
        const parts = children(i);
        const last = parts[parts.length - 1]!;
        const block = rule[last] === ID.OpaqueBlock ? last : null;
        const opaque: OpaqueStatement = {
          kind: 'opaque',
          line: line(i),
          tokens: childrenOf(i, ID.opaqueToken).map(spelled),
          block: block === null ? null : opaqueTokens(block, []).join(' '),
        };
        return opaque;
      }
      default:
        throw new Error(`event ${CAPTURED_RULES[rule[i]!]} is not a statement`);
    }
  };

  return childrenIn(0, rule.length).map(statement);
}
