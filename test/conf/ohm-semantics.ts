/**
 * Ohm operations that turn a successful match of grammar/dhcpd-conf.ohm
 * into the statements of src/conf/ast.ts: the tests' oracle for
 * src/conf/from-events.ts, the one builder of statements leasecheck uses
 * (written independently, from Ohm's tree instead of the recogniser's
 * events, so that the two can be held together). The
 * actions read values (strings, names) from the original, unfolded text and
 * turn offsets into line numbers, so they need the text being read:
 * `statementsOf` sets it for the duration of one (synchronous) evaluation.
 * The semantics object is made once: making it costs about as much as
 * evaluating it.
 */
import type * as ohm from 'ohm-js';
import type {
  FailoverSetting,
  FailoverSettingName,
  OpaqueStatement,
  Statement,
} from '../../src/conf/ast.js';
import { lineOf, type SourceText } from '../../src/conf/source.js';
import { decodeConfString } from '../../src/conf/strings.js';
import { compactText, normaliseHexList } from '../../src/conf/values.js';

type N = ohm.Node;

let current: SourceText | null = null;
const made = new WeakMap<ohm.Grammar, ohm.Semantics>();

/** The statements of a successful match of `source.original` (case-folded). */
export function statementsOf(
  grammar: ohm.Grammar,
  match: ohm.MatchResult,
  source: SourceText,
): Statement[] {
  let semantics = made.get(grammar);
  if (!semantics) {
    semantics = confSemantics(grammar);
    made.set(grammar, semantics);
  }
  current = source;
  try {
    return semantics(match)['statements']() as Statement[];
  } finally {
    current = null;
  }
}

function confSemantics(grammar: ohm.Grammar): ohm.Semantics {
  const semantics = grammar.createSemantics();
  const text = (): SourceText => {
    if (current === null) throw new Error('conf semantics used outside statementsOf');
    return current;
  };
  const original = (node: N): string =>
    text().original.slice(node.source.startIdx, node.source.endIdx);
  const line = (node: N): number => lineOf(text(), node.source.startIdx);
  const body = (block: N): Statement[] => block['statements']() as Statement[];
  /** Words as dhcpd compares them (lower case), strings exactly as written. */
  const spelled = (node: N): string =>
    node.source.contents.startsWith('"') ? original(node) : node.source.contents;
  /** Syntactic nodes (addresses, host names, hex lists) without the spaces dhcpd also ignores. */
  const compact = (node: N): string => compactText(original(node));

  semantics.addOperation<Statement[]>('statements', {
    Config(statements, _end) {
      return statements.children.map((s) => s['statement']() as Statement);
    },
    Block(_open, statements, _close) {
      return statements.children.map((s) => s['statement']() as Statement);
    },
  });

  semantics.addOperation<string>('name', {
    string(_open, _chars, _close) {
      return decodeConfString(original(this));
    },
    word(_start, _rest) {
      return original(this);
    },
    HostName(_first, _dots, _rest, _trailing) {
      return compact(this);
    },
  });

  semantics.addOperation<string[]>('tokens', {
    opaqueToken(token) {
      return [spelled(token)];
    },
    OpaqueBlock(_open, items, _close) {
      return ['{', ...items.children.flatMap((item) => item['tokens']() as string[]), '}'];
    },
    OpaqueItem(item) {
      return item.sourceString === ';' ? [';'] : (item['tokens']() as string[]);
    },
    _terminal() {
      return [this.sourceString];
    },
  });

  semantics.addOperation<FailoverSetting>('failoverSetting', {
    FailoverParameter(peer, setting, _semi) {
      const [name, value] = setting['setting']() as [FailoverSettingName, string | null];
      return { line: line(this), partner: peer.children.length > 0, name, value };
    },
  });

  semantics.addOperation<[FailoverSettingName, string | null]>('setting', {
    FailoverSetting_primary(_kw) {
      return ['primary', null];
    },
    FailoverSetting_secondary(_kw) {
      return ['secondary', null];
    },
    FailoverSetting_address(_kw, address) {
      return ['address', compact(address).toLowerCase()];
    },
    FailoverSetting_port(_kw, port) {
      return ['port', String(Number(port.sourceString))];
    },
    FailoverSetting_loadBalance(_load, _balance, _max, _seconds, value) {
      return ['load balance max seconds', String(Number(value.sourceString))];
    },
    FailoverSetting_split(_kw, value) {
      return ['split', String(Number(value.sourceString))];
    },
    FailoverSetting_hba(_kw, list) {
      return ['hba', compact(list).toLowerCase()];
    },
    FailoverSetting_number(name, value) {
      return [name.sourceString as FailoverSettingName, String(Number(value.sourceString))];
    },
  });

  semantics.addOperation<Statement>('statement', {
    Statement(_start, body) {
      return body['statement']() as Statement;
    },
    Include(_kw, path, _semi) {
      return { kind: 'include', line: line(this), path: path['name']() as string };
    },
    SharedNetwork(_kw, name, block) {
      return {
        kind: 'shared-network',
        line: line(this),
        name: name['name']() as string,
        body: body(block),
      };
    },
    Subnet(_kw, network, _netmask, netmask, block) {
      return {
        kind: 'subnet',
        line: line(this),
        network: compact(network),
        netmask: compact(netmask),
        body: body(block),
      };
    },
    Subnet6(_kw, network, _slash, bits, block) {
      return {
        kind: 'subnet6',
        line: line(this),
        network: network.sourceString,
        prefixLength: Number(bits.sourceString),
        body: body(block),
      };
    },
    Pool(_kw, block) {
      return { kind: 'pool', line: line(this), family: 4, body: body(block) };
    },
    Pool6(_kw, block) {
      return { kind: 'pool', line: line(this), family: 6, body: body(block) };
    },
    Range(_kw, bootp, low, high, _semi) {
      return {
        kind: 'range',
        line: line(this),
        dynamicBootp: bootp.children.length > 0,
        low: compact(low),
        high: high.children.length > 0 ? compact(high.children[0]!) : null,
      };
    },
    Range6(_kw, low, end, _semi) {
      const ctor = end.children[0]!.ctorName;
      const range: Statement = {
        kind: 'range6',
        line: line(this),
        low: low.sourceString,
        end:
          ctor === 'Range6End_cidr'
            ? {
                kind: 'cidr',
                bits: Number(end.children[0]!.children[1]!.sourceString),
                temporary: end.children[0]!.children[2]!.children.length > 0,
              }
            : ctor === 'Range6End_temporary'
              ? { kind: 'temporary' }
              : { kind: 'high', address: end.sourceString },
      };
      return range;
    },
    Prefix6(_kw, low, high, _slash, bits, _semi) {
      return {
        kind: 'prefix6',
        line: line(this),
        low: low.sourceString,
        high: high.sourceString,
        bits: Number(bits.sourceString),
      };
    },
    FailoverPeer(_failover, _peer, name, rest) {
      const peerName = name['name']() as string;
      const form = rest.children[0]!.ctorName;
      if (form === 'FailoverPeerRest_reference') {
        return { kind: 'failover-reference', line: line(this), name: peerName };
      }
      if (form === 'FailoverPeerRest_state') {
        return { kind: 'failover-state', line: line(this), name: peerName };
      }
      const parameters = rest.children[0]!.children[1]!;
      return {
        kind: 'failover-peer',
        line: line(this),
        endLine: lineOf(text(), rest.source.endIdx - 1),
        name: peerName,
        settings: parameters.children.map((p) => p['failoverSetting']() as FailoverSetting),
      };
    },
    NoFailoverPeer(_no, _failover, _peer, _semi) {
      return { kind: 'no-failover-peer', line: line(this) };
    },
    Host(_kw, name, block) {
      return { kind: 'host', line: line(this), name: name['name']() as string, body: body(block) };
    },
    Group(_kw, name, block) {
      return {
        kind: 'group',
        line: line(this),
        name: name.children.length > 0 ? (name.children[0]!['name']() as string) : null,
        body: body(block),
      };
    },
    Class(keyword, name, block) {
      return {
        kind: 'class',
        line: line(this),
        classKind: keyword.sourceString as 'class' | 'vendor-class' | 'user-class',
        name: name['name']() as string,
        body: body(block),
      };
    },
    Subclass(_kw, className, value, end) {
      return {
        kind: 'subclass',
        line: line(this),
        className: className['name']() as string,
        value: value.sourceString.startsWith('"') ? original(value) : compact(value).toLowerCase(),
        body: end.sourceString === ';' ? null : body(end),
      };
    },
    Key(_kw, name, _open, parameters, _close, _semi) {
      let algorithm: string | null = null;
      for (const parameter of parameters.children) {
        const setting = parameter.children[0]!;
        if (setting.ctorName === 'KeyParameter_algorithm') {
          algorithm = compact(setting.children[1]!).toLowerCase();
        }
      }
      return { kind: 'key', line: line(this), name: name['name']() as string, algorithm };
    },
    Permit(verb, words, _semi) {
      return {
        kind: 'permit',
        line: line(this),
        verb: verb.sourceString as 'allow' | 'deny' | 'ignore',
        what: words.children.map((w) => spelled(w)).join(' '),
      };
    },
    Hardware(_kw, type, address, _semi) {
      return {
        kind: 'hardware',
        line: line(this),
        hardwareType: type.sourceString,
        address: normaliseHexList(compact(address)),
      };
    },
    FixedAddress(_kw, first, _commas, rest, _semi) {
      return {
        kind: 'fixed-address',
        line: line(this),
        family: 4,
        addresses: [first, ...rest.children].map((a) => compact(a).toLowerCase()),
      };
    },
    FixedAddress6(_kw, first, _commas, rest, _semi) {
      return {
        kind: 'fixed-address',
        line: line(this),
        family: 6,
        addresses: [first, ...rest.children].map((a) => a.sourceString),
      };
    },
    Opaque(tokens, end) {
      const opaque: OpaqueStatement = {
        kind: 'opaque',
        line: line(this),
        tokens: tokens.children.map((t) => spelled(t)),
        block:
          end.sourceString === ';' ? null : (end.children[0]!['tokens']() as string[]).join(' '),
      };
      return opaque;
    },
  });
  return semantics;
}
